#!/usr/bin/env python3
"""Checks the structure of `openness classify --format junit`.

Usage: check_junit.py BINARY PROJECT_ROOT

Runs the binary over examples/, the bad inputs and a file whose name holds XML's special
characters, a control character and a byte that is not UTF-8; parses the report with
xml.etree; checks that the counts on <testsuite> match its test cases and that every invalid
file and every manifest below the gate (as the JSON format reports them) has a <failure> of
the right type.
"""
import json
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

from classify_run import fail, run


def main():
    binary, root = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        odd = os.path.join(os.fsencode(tmp), b"a&b <c> \"d\" 'e' \x01 \xff.json")
        shutil.copy(os.path.join(root, "examples", "gpt-4.json"), odd)
        bad = os.path.join(root, "tests", "data", "bad")
        inputs = ["examples", bad, os.fsdecode(odd), "--min-tier", "open-weights",
                  "--rubric", "openness@1.0"]
        code, out = run(binary, root, ["--format", "junit"] + inputs)
        _, json_out = run(binary, root, ["--format", "json"] + inputs)
    if code != 3:
        fail(f"expected exit code 3 (invalid inputs), got {code}")

    try:
        top = ET.fromstring(out)
    except ET.ParseError as e:
        fail(f"not well-formed XML: {e}")
    if top.tag != "testsuites":
        fail(f"root element is <{top.tag}>, expected <testsuites>")
    suites = top.findall("testsuite")
    if len(suites) != 1:
        fail(f"expected one <testsuite>, got {len(suites)}")
    suite = suites[0]
    cases = suite.findall("testcase")
    failed = [c for c in cases if c.find("failure") is not None]
    for element in (top, suite):
        if int(element.get("tests")) != len(cases):
            fail(f"<{element.tag}> tests={element.get('tests')}, but {len(cases)} test cases")
        if int(element.get("failures")) != len(failed):
            fail(f"<{element.tag}> failures={element.get('failures')}, but {len(failed)} fail")
    if suite.get("name") != "openness@1.0":
        fail(f"suite name {suite.get('name')!r}, expected the rubric reference")

    results = json.loads(json_out.decode("utf-8"))["results"]
    # The odd name differs on purpose: XML has no way to write U+0001, JSON has.
    names = [c.get("name") for c in cases]
    paths = [r["path"] for r in results]
    if len(names) != len(paths) or any(n != p for n, p in zip(names, paths) if "a&b" not in p):
        fail(f"test case names are not the manifest paths, in input order: {names}")
    if not any("a&b <c> \"d\" 'e' \ufffd \ufffd.json" in c.get("name") for c in cases):
        fail("the odd file name did not survive escaping as expected")
    for case, result in zip(cases, results):
        failure = case.find("failure")
        if not result["valid"]:
            expected = "invalid"
        elif not result["gate"]["passed"]:
            expected = "gate"
        else:
            expected = None
        actual = failure.get("type") if failure is not None else None
        if actual != expected:
            fail(f"{result['path']}: failure type {actual!r}, expected {expected!r}")
        if failure is not None and not failure.get("message"):
            fail(f"{result['path']}: failure without a message")
        if result["valid"] and f"tier: {result['tier']} " not in case.findtext("system-out"):
            fail(f"{result['path']}: <system-out> does not give the tier")
    print(f"junit: well-formed, {len(cases)} test cases, {len(failed)} failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())

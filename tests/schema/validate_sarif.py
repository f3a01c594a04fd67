#!/usr/bin/env python3
"""Validates `openness classify --format sarif` against the OASIS SARIF 2.1.0 schema.

Usage: validate_sarif.py BINARY PROJECT_ROOT SCHEMA

Runs the binary over examples/, the bad inputs and a copy of an example whose name needs
percent-encoding, validates the log with jsonschema's Draft4Validator (the schema's dialect),
and checks what the schema cannot: rule indices match rule ids, every uri is an RFC 3986
reference, and there is one error result per invalid file and per manifest below the gate.
The schema lives in ../shared; when it is absent the test says so and passes.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# RFC 3986 URI-reference characters: unreserved, reserved, and percent-encoded octets.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$")


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(binary, root, args):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    proc = subprocess.run([binary, "classify"] + args, capture_output=True, cwd=root, env=env,
                          timeout=120)
    return proc.returncode, proc.stdout


def main():
    binary, root, schema_path = sys.argv[1], sys.argv[2], sys.argv[3]
    if not os.path.exists(schema_path):
        print(f"skipped: {schema_path} is absent (the SARIF schema comes from ../shared)")
        return 0
    try:
        import jsonschema
    except ImportError:
        fail("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        odd = os.path.join(tmp, "release notes", "modèle: v1.json")
        os.makedirs(os.path.dirname(odd))
        shutil.copy(os.path.join(root, "examples", "llama-3.1-8b.json"), odd)
        bad = os.path.join(root, "tests", "data", "bad")
        inputs = ["examples", bad, odd, "--min-tier", "open-weights"]
        code, out = run(binary, root, ["--format", "sarif"] + inputs)
        if code != 3:
            fail(f"expected exit code 3 (invalid inputs), got {code}")
        _, json_out = run(binary, root, ["--format", "json"] + inputs)

    log = json.loads(out.decode("utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log), key=lambda e: e.path)
    for e in errors:
        print(f"schema error at {list(e.absolute_path)}: {e.message}")
    if errors:
        fail(f"{len(errors)} schema errors")

    if log["version"] != "2.1.0" or len(log["runs"]) != 1:
        fail("expected version 2.1.0 and one run")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids) or "gate" not in ids or "invalid-manifest" not in ids:
        fail(f"rule ids must be unique and include gate and invalid-manifest: {ids}")
    for result in run_["results"]:
        if "ruleIndex" in result and ids[result["ruleIndex"]] != result["ruleId"]:
            fail(f"ruleIndex {result['ruleIndex']} is not rule {result['ruleId']}")
        for location in result["locations"]:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            if not URI_CHARS.match(uri):
                fail(f"not an RFC 3986 reference: {uri!r}")

    results = json.loads(json_out.decode("utf-8"))["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run_["results"]}
    if not any("release%20notes/mod%C3%A8le%3A%20v1.json" in u for u in uris):
        fail(f"the odd file name is not percent-encoded as expected: {sorted(uris)}")
    invalid = sum(1 for r in results if not r["valid"])
    below = sum(1 for r in results if r["valid"] and not r["gate"]["passed"])
    by_rule = {}
    for result in run_["results"]:
        by_rule[result["ruleId"]] = by_rule.get(result["ruleId"], 0) + 1
        if result["ruleId"] in ("gate", "invalid-manifest") and result["level"] != "error":
            fail(f"{result['ruleId']} results must be errors")
    if by_rule.get("invalid-manifest", 0) != invalid or invalid != 4:
        fail(f"expected 4 invalid-manifest results, got {by_rule.get('invalid-manifest', 0)}")
    if by_rule.get("gate", 0) != below or below == 0:
        fail(f"expected {below} gate results, got {by_rule.get('gate', 0)}")
    print(f"sarif: valid against {os.path.basename(schema_path)} (Draft 4): {len(rules)} rules, "
          f"{len(run_['results'])} results, {invalid} invalid, {below} below the gate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Without ../shared, every unit test that reads it says it is skipped, and none passes having
checked nothing.

Usage: shared_absent_test.py OPENNESS_TESTS SOURCE_DIR

1. In tests/unit, only test_files.hpp names OPENNESS_SHARED_DIR, and every TEST_CASE that
   reaches ../shared (test::shared_path, test::shared_format) carries the tag [shared].
2. The [shared] cases run with OPENNESS_SHARED_DIR set to a folder that does not exist: each one
   passes and says "test skipped: " (which ctest reads as skipped), at least 12 of them.
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

k_at_least = 12


def untagged_cases(unit_dir):
    """TEST_CASEs that reach ../shared without the [shared] tag, and files naming its path."""
    problems = []
    for name in sorted(os.listdir(unit_dir)):
        if not name.endswith((".cpp", ".hpp")):
            continue
        text = open(os.path.join(unit_dir, name), encoding="utf-8").read()
        if "OPENNESS_SHARED_DIR" in text and name != "test_files.hpp":
            problems.append(f"{name}: names OPENNESS_SHARED_DIR (use test::shared_path)")
        for case in re.split(r"\nTEST_CASE\(", text)[1:]:
            header = case[:case.find("{")]
            if re.search(r"shared_path\(|shared_format\(", case) and "[shared]" not in header:
                problems.append(f"{name}: TEST_CASE({header.strip()} reads ../shared "
                                "without the tag [shared]")
    return problems


def main():
    binary, root = sys.argv[1], sys.argv[2]
    problems = untagged_cases(os.path.join(root, "tests", "unit"))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, OPENNESS_SHARED_DIR=os.path.join(tmp, "absent"))
        proc = subprocess.run([binary, "[shared]", "--reporter", "xml"], cwd=root, env=env,
                              capture_output=True, timeout=600)
    try:
        report = ElementTree.fromstring(proc.stdout)
    except ElementTree.ParseError as error:
        print(f"FAILED: the test binary's XML report does not parse ({error}); exit "
              f"{proc.returncode}\n{proc.stderr.decode('utf-8', 'replace')}")
        return 1
    cases = report.iter("TestCase")
    count = 0
    for case in cases:
        count += 1
        name = case.get("name")
        text = "".join(case.itertext())
        result = case.find("OverallResult")
        if result is None or result.get("success") != "true":
            problems.append(f"{name}: does not pass without ../shared")
        if "test skipped: " not in text:
            problems.append(f"{name}: does not say it is skipped without ../shared")
    if count < k_at_least:
        problems.append(f"{count} [shared] cases ran, at least {k_at_least} expected")
    if proc.returncode != 0:
        problems.append(f"the [shared] cases exit {proc.returncode} without ../shared")
    print("FAILED:\n  " + "\n  ".join(problems) if problems
          else f"{count} [shared] cases, each skipped without ../shared: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

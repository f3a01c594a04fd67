#!/usr/bin/env python3
"""MOT conformance: `openness classify --rubric mof@1.0` must agree with the Model Openness Tool
on every manifest it publishes and every one of its test fixtures (../shared/conformance/mot):
the same class, and each class's progress within 0.01 percentage points.

Skips (exit 0, with a message) when ../shared/conformance/mot is absent.
"""
import json
import os
import subprocess
import sys

TIER_OF_CLASS = {None: "unclassified", 3: "class-3", 2: "class-2", 1: "class-1"}


def main():
    binary, root = sys.argv[1], sys.argv[2]
    mot = os.path.join(root, "..", "shared", "conformance", "mot")
    if not os.path.isdir(mot):
        print(f"skipped: {mot} is absent (the MOT conformance data lives in ../shared)")
        return 0
    expected = {e["file"]: e for e in json.load(open(os.path.join(mot, "expected.json")))}
    proc = subprocess.run(
        [binary, "classify", "--rubric", "mof@1.0", "--format", "jsonl", "--quiet",
         os.path.join(mot, "models"), os.path.join(mot, "test_data")],
        capture_output=True, timeout=300)
    results = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        name = os.path.relpath(r["path"], mot)
        if name.endswith(".yml"):  # test_data/ also holds MOT's expected_results.json
            results[name] = r
    failures = []
    for name, e in sorted(expected.items()):
        r = results.get(name)
        if r is None:
            failures.append(f"{name}: no result")
            continue
        if not r["valid"]:
            failures.append(f"{name}: invalid: {r['errors'][0]['message']}")
            continue
        want = TIER_OF_CLASS[e["expected_class"]]
        if r["tier"] != want:
            failures.append(f"{name}: tier {r['tier']}, MOT says {want}")
        for cls in ("3", "2", "1"):
            got = r["progress"][f"class-{cls}"]
            if abs(got - e["progress"][cls]) > 0.01:
                failures.append(f"{name}: class {cls} progress {got}, MOT says {e['progress'][cls]}")
    extra = sorted(set(results) - set(expected))
    if extra:
        failures.append(f"results for files expected.json does not list: {extra[:5]}")
    agreed = len(expected) - len({f.split(':')[0] for f in failures})
    print(f"MOT conformance: {agreed}/{len(expected)} files agree (class and progress)")
    if failures:
        print("\n".join(failures[:60]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

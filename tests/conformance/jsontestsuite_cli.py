#!/usr/bin/env python3
"""Feeds every JSONTestSuite file (../shared/testdata/jsontestsuite/test_parsing) to the real
binary as a manifest: `openness classify FILE`.

Each run must end in a verdict (exit 0) or in clean diagnostics for that file only
(`FILE[:line:col]: error|warning: ...`, at least one error) with exit 3; never a crash, a
sanitizer report or a hang. A file that is not JSON (every n_ file, and the i_ files the parser
rejects) gets exactly one line. Prints "skipped: ..." and exits 0 when ../shared is absent.
"""
import collections
import concurrent.futures
import os
import re
import subprocess
import sys

TIMEOUT_SECONDS = 60  # a guard against hangs, not a speed test

# How a rejection is reported, by its message; the first that matches names the class.
CLASSES = [
    ("binary or UTF-16", r"binary file|looks like UTF-16"),
    ("empty or whitespace only", r"empty file|no JSON value"),
    ("invalid UTF-8", r"invalid UTF-8|truncated UTF-8"),
    ("lone surrogate escape", r"surrogate"),
    ("nesting deeper than 64", r"nesting deeper"),
    ("number out of range", r"number out of range"),
    ("JSON, not a manifest", r"expected an object, got|missing required key"),
    ("other syntax error", r""),
]


def classify(binary, root, path):
    try:
        proc = subprocess.run([binary, "classify", path], capture_output=True, cwd=root,
                              timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return None, b"", b""
    return proc.returncode, proc.stdout, proc.stderr


def main():
    binary, root = sys.argv[1], sys.argv[2]
    suite = os.path.join(root, "..", "shared", "testdata", "jsontestsuite", "test_parsing")
    if not os.path.isdir(suite):
        print(f"skipped: {suite} is absent (the JSONTestSuite lives in ../shared)")
        return 0
    names = sorted(n for n in os.listdir(suite) if n.endswith(".json"))
    paths = [os.path.join(suite, n) for n in names]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda p: classify(binary, root, p), paths))

    failures = []
    counts = collections.Counter()
    for name, path, (code, out, err) in zip(names, paths, runs):
        kind = name[0]
        if code is None:
            failures.append(f"{name}: no result within {TIMEOUT_SECONDS} s (hang)")
            continue
        text = err.decode("utf-8", "replace")
        lines = text.splitlines()
        if "Sanitizer" in text or "runtime error:" in text or code < 0 or code > 4:
            failures.append(f"{name}: crashed (exit {code}):\n{text}")
            continue
        if code == 0:
            counts[kind + " verdict"] += 1
            if kind == "n":
                failures.append(f"{name}: n_ file scored as a manifest")
            continue
        if code != 3:
            failures.append(f"{name}: exit {code}, expected 0 or 3\n{text}")
            continue
        pattern = re.compile(re.escape(path) + r"(:\d+:\d+)?: (error|warning): \S.*$")
        bad = [line for line in lines if not pattern.match(line)]
        if bad or not any(": error: " in line for line in lines):
            failures.append(f"{name}: stderr is not clean diagnostics for this file:\n{text}")
            continue
        if path.encode() not in out or b"invalid" not in out:
            failures.append(f"{name}: stdout does not report the file as invalid:\n{out!r}")
            continue
        # Not JSON at all: one line. JSON that is no manifest: the loader's errors.
        syntax = len(lines) == 1 and not re.search(r": error: (expected an object|missing "
                                                   r"required key)", lines[0])
        if kind == "n" and len(lines) != 1:
            failures.append(f"{name}: {len(lines)} lines for a file that is not JSON:\n{text}")
            continue
        # Deliberate (issue 14, docs/ROBUSTNESS.md): a key given twice is refused, since
        # readers disagree on which one counts.
        if kind == "y" and syntax and name.startswith("y_object_duplicated_key") and \
                ": error: duplicate key 'a' (first at line 1, column 2)" in lines[0]:
            counts["y duplicate key, refused on purpose"] += 1
            continue
        if kind == "y" and syntax:
            failures.append(f"{name}: valid JSON rejected as JSON: {lines[0]}")
            continue
        first = next(line for line in lines if ": error: " in line).split(": error: ", 1)[1]
        counts[next(name for name, pattern in CLASSES if re.search(pattern, first))] += 1
        counts[kind + (" not JSON" if syntax else " JSON, not a manifest")] += 1

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    total = len(names)
    by_prefix = ", ".join(f"{k}: {counts[k]}" for k in sorted(counts)
                          if k[:2] in ("y ", "n ", "i "))
    print(f"jsontestsuite via the binary: {total} files, exit 3 for every rejected one, no crash, "
          f"no hang ({by_prefix})")
    for name, _ in CLASSES:
        print(f"  {name}: {counts[name]}")
    return 0 if total == 318 else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The European Open Source AI Index as an input and a yardstick (issue 13, item 3).

Reads every project file of ../shared/conformance/osai-index (193 current files in projects/,
47 legacy Opening up ChatGPT files in legacy-opening-up-chatgpt/projects/) with `openness
classify --rubric openness@2.0 --format jsonl`, the format detected from content. Fails unless
every file loads as `eosai`. Over the 193 current systems it then compares the openness@2.0
score with the index's own score (expected-scores.derived.csv) and prints n, Spearman's rho and
Kendall's tau-b, and the ten systems whose two ranks differ most (docs/FRAMEWORKS.md diagnoses
them). With --min-spearman X it also fails when rho is below X.

Prints "skipped: ..." and exits 0 when ../shared is absent (ctest counts it as skipped).
"""
import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

CURRENT = 193
LEGACY = 47


def average_ranks(values):
    """1-based ranks, ties given the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            ranks[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def pearson(a, b):
    n = len(a)
    mean_a, mean_b = sum(a) / n, sum(b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    return cov / (var_a * var_b) ** 0.5


def spearman(a, b):
    return pearson(average_ranks(a), average_ranks(b))


def kendall_tau_b(a, b):
    concordant = discordant = ties_a = ties_b = 0
    for i in range(len(a)):
        for j in range(i + 1, len(a)):
            da, db = a[i] - a[j], b[i] - b[j]
            if da == 0 and db == 0:
                continue
            if da == 0:
                ties_a += 1
            elif db == 0:
                ties_b += 1
            elif (da > 0) == (db > 0):
                concordant += 1
            else:
                discordant += 1
    pairs_a = concordant + discordant + ties_b  # pairs not tied in a
    pairs_b = concordant + discordant + ties_a
    return (concordant - discordant) / (pairs_a * pairs_b) ** 0.5


def classify(binary, folder):
    """Every verdict of one folder, by file name."""
    result = subprocess.run(
        [binary, "classify", str(folder), "--rubric", "openness@2.0", "--format", "jsonl",
         "--quiet"],
        capture_output=True, timeout=300)
    if result.returncode not in (0, 1):
        sys.stderr.write(result.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"error: openness exited {result.returncode} on {folder}")
    verdicts = {}
    for line in result.stdout.decode("utf-8").splitlines():
        verdict = json.loads(line)
        verdicts[Path(verdict["path"]).name] = verdict
    return verdicts


def check_loaded(verdicts, expected, what):
    """Problems with one folder's verdicts: a file that failed to load or was read otherwise."""
    problems = []
    if len(verdicts) != expected:
        problems.append(f"{what}: expected {expected} files, read {len(verdicts)}")
    for name, verdict in sorted(verdicts.items()):
        if not verdict.get("valid"):
            problems.append(f"{what}: {name} did not load: {verdict.get('error')}")
        elif verdict.get("format") != "eosai":
            problems.append(f"{what}: {name} was read as {verdict.get('format')}, not eosai")
    warned = sum(1 for v in verdicts.values() if v.get("input_warnings"))
    print(f"{what}: {len(verdicts)} files loaded as eosai; {warned} with input warnings")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("root")
    parser.add_argument("--min-spearman", type=float)
    args = parser.parse_args()
    index = Path(args.root).resolve().parent / "shared" / "conformance" / "osai-index"
    if not (index / "projects").is_dir():
        print(f"skipped: {index} is absent")
        return 0

    current = classify(args.binary, index / "projects")
    legacy = classify(args.binary, index / "legacy-opening-up-chatgpt" / "projects")
    problems = check_loaded(current, CURRENT, "current files")
    problems += check_loaded(legacy, LEGACY, "legacy files")

    with open(index / "expected-scores.derived.csv", encoding="utf-8") as f:
        expected = {row["file"]: float(row["score"]) for row in csv.DictReader(f)}
    names = sorted(name for name in expected if name in current and current[name].get("valid"))
    if len(names) != CURRENT:
        problems.append(f"the index's scores cover {len(names)} loaded systems, not {CURRENT}")
    ours = [current[name]["score"] for name in names]
    theirs = [expected[name] for name in names]
    rho = spearman(ours, theirs)
    tau = kendall_tau_b(ours, theirs)
    print(f"agreement with the index over n={len(names)} systems: "
          f"Spearman {rho:.3f}, Kendall tau-b {tau:.3f}")

    ours_rank = average_ranks(ours)
    theirs_rank = average_ranks(theirs)
    gaps = sorted(range(len(names)), key=lambda i: (-abs(ours_rank[i] - theirs_rank[i]), names[i]))
    print("the ten largest disagreements (rank here, rank in the index, of "
          f"{len(names)}; 1 is the most open):")
    for i in gaps[:10]:
        verdict = current[names[i]]
        print(f"  {names[i]}: {verdict['tier']} {verdict['score']} (rank "
              f"{len(names) + 1 - ours_rank[i]:g}) against index {theirs[i]:.4f} (rank "
              f"{len(names) + 1 - theirs_rank[i]:g})")

    if args.min_spearman is not None and rho < args.min_spearman:
        problems.append(f"Spearman {rho:.3f} is below {args.min_spearman}")
    for problem in problems:
        print(f"error: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

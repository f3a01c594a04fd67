#!/usr/bin/env python3
"""How many of the EU Open Source AI Index's model license strings openness cannot read.

Reads every project file in ../shared/conformance/osai-index/projects, takes its
system.endmodellicense, and asks `openness license resolve --format json` (table
openness-licenses@2.0) how each is read. Strings that do not name a license (the index's own
'Unknown', 'Unclear', 'Various', 'None', ...) are left out of the figure. Prints the figure and
every string still unknown; fails when more than 5 % of the strings that name a license are
unknown. Prints "skipped:" and exits 0 when ../shared is absent (ctest counts it as skipped).
"""
import json
import re
import subprocess
import sys
from pathlib import Path

# The index's ways of saying that no license is named.
NOT_A_LICENSE = {
    "none", "unknown", "unclear", "undisclosed", "various", "mixed", "purposely left ambiguous",
    "custom license", "non-commercial license", "unknown (apache-2.0?)",
    "unknown (research purposes only)",
}


def license_of(path):
    """system.endmodellicense of one project file, without a YAML library: the line under
    'system:' (the files are the index's own, written to one layout)."""
    in_system = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^\S", line):
            in_system = line.startswith("system:")
            continue
        match = re.match(r"^\s+endmodellicense:\s*(.*)$", line)
        if in_system and match:
            value = match.group(1).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            return value
    return None


def main():
    binary, root = sys.argv[1], Path(sys.argv[2]).resolve()
    projects = root.parent / "shared" / "conformance" / "osai-index" / "projects"
    if not projects.is_dir():
        print(f"skipped: {projects} is absent")
        return 0
    strings = [s for s in (license_of(p) for p in sorted(projects.glob("*.yaml"))) if s]
    named = [s for s in strings if s.lower() not in NOT_A_LICENSE]
    result = subprocess.run([binary, "license", "resolve", "--format", "json", *named],
                            capture_output=True, check=True, timeout=60)
    readings = json.loads(result.stdout)["results"]
    unknown = [r["input"] for r in readings if r["class"] == "unknown"]
    share = 100.0 * len(unknown) / len(named)
    print(f"{len(strings)} license strings, {len(named)} name a license; "
          f"{len(unknown)} of those are unknown ({share:.1f} %)")
    for text in sorted(set(unknown)):
        print(f"  unknown: {text!r} x{unknown.count(text)}")
    if len(strings) < 180:
        # 193 project files; 188 state a license string (the rest leave it empty).
        print(f"error: expected about 188 license strings, found {len(strings)}")
        return 1
    if share > 5.0:
        print("error: more than 5 % of the strings that name a license are unknown")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Renders the man page with groff (as `man -l` does) and compares its EXIT STATUS section, as
text, with the exit codes `openness --help` prints: every code, every meaning whole.

Usage: man_page_test.py BINARY
Skipped with a message when groff is not installed.
"""
import re
import shutil
import subprocess
import sys


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def main():
    binary = sys.argv[1]
    if shutil.which("groff") is None:
        print("skipped: groff is not installed")
        return 0
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C"}
    page = subprocess.run([binary, "__man"], capture_output=True, env=env, check=True).stdout
    rendered = subprocess.run(["groff", "-man", "-Tascii", "-P-c", "-P-b", "-P-u",
                               "-rLL=200n", "-rLT=200n"],
                              input=page, capture_output=True, env=env, check=True)
    if rendered.stderr:
        fail(f"groff warned: {rendered.stderr.decode()}")
    text = rendered.stdout.decode("ascii", "replace")
    match = re.search(r"^EXIT STATUS\n(.*?)^[A-Z]", text, re.S | re.M)
    if not match:
        fail("no EXIT STATUS section")
    section = " ".join(match.group(1).split())
    helptext = subprocess.run([binary, "--help"], capture_output=True, env=env,
                              check=True).stdout.decode()
    codes = []
    for line in helptext[helptext.index("Exit codes:"):].splitlines()[1:]:
        m = re.match(r"^  (\d+)  (.*)$", line)
        if m:
            codes.append([m.group(1), m.group(2)])
        elif line.startswith("     ") and codes:
            codes[-1][1] += " " + line.strip()
    if len(codes) < 5:
        fail(f"--help lists too few exit codes: {codes}")
    expected = " ".join(f"{code} {meaning}" for code, meaning in codes)
    if section != expected:
        fail(f"EXIT STATUS renders as\n  {section}\nexpected\n  {expected}")
    print(f"man page: EXIT STATUS renders {len(codes)} codes whole")
    return 0


if __name__ == "__main__":
    sys.exit(main())

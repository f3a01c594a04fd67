#!/usr/bin/env python3
"""Runs the real openness binary for one golden case and compares stdout, stderr and exit code.

A case is a folder with `args` (one argument per line), optionally `stdin`, and the expected
`stdout`, `stderr` and `exit_code`. The binary runs in the project root with a small, fixed
environment, so no case depends on the terminal, the locale or the clock.
Set OPENNESS_UPDATE_GOLDEN=1 to rewrite the expected files on purpose.
"""
import os
import subprocess
import sys


def main():
    binary, case, root = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(os.path.join(case, "args"), encoding="utf-8") as f:
        args = [line.rstrip("\n") for line in f if line.rstrip("\n") != ""]
    stdin_path = os.path.join(case, "stdin")
    stdin = open(stdin_path, "rb").read() if os.path.exists(stdin_path) else b""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    proc = subprocess.run([binary] + args, input=stdin, capture_output=True, cwd=root, env=env,
                          timeout=60)
    actual = {"stdout": proc.stdout, "stderr": proc.stderr,
              "exit_code": (str(proc.returncode) + "\n").encode()}
    if os.environ.get("OPENNESS_UPDATE_GOLDEN") == "1":
        for name, data in actual.items():
            with open(os.path.join(case, name), "wb") as f:
                f.write(data)
        print(f"updated {case}")
        return 0
    failed = False
    for name, data in actual.items():
        path = os.path.join(case, name)
        expected = open(path, "rb").read() if os.path.exists(path) else None
        if expected != data:
            failed = True
            print(f"--- {name} differs for {os.path.basename(case)}")
            print("expected:")
            print((expected or b"<missing file>").decode("utf-8", "replace"))
            print("actual:")
            print(data.decode("utf-8", "replace"))
    if failed:
        print("(rerun with OPENNESS_UPDATE_GOLDEN=1 to accept the new output on purpose)")
        return 1
    print(f"golden case {os.path.basename(case)}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

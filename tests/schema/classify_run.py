"""What the output-format checks share: failing with a message, and running `openness classify`."""
import os
import subprocess
import sys


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(binary, root, args):
    """`openness classify ARGS` in `root` with a fixed environment: (exit code, stdout bytes)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    proc = subprocess.run([binary, "classify"] + args, capture_output=True, cwd=root, env=env,
                          timeout=120)
    return proc.returncode, proc.stdout

"""What the install tests share: failing with a message, and running a program that must succeed."""
import subprocess
import sys


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(args, timeout=300, **kwargs):
    """The program's stdout; the test fails, with its output, when it exits non-zero."""
    proc = subprocess.run(args, capture_output=True, timeout=timeout, **kwargs)
    if proc.returncode != 0:
        fail(f"{' '.join(args)} exited {proc.returncode}:\n{proc.stdout.decode()}"
             f"{proc.stderr.decode()}")
    return proc.stdout.decode()

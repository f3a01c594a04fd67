#!/usr/bin/env python3
"""SIGINT and SIGTERM during a big batch: the binary stops taking inputs, finishes what is in
flight, reports what it did, leaves no temporary file and exits 130 or 143.

Nothing here depends on timing: the batch is `DIR1 - DIR2`, and standard input stays open, so the
run cannot get past '-' until this script closes it. The signal is sent once DIR1's last file
(a bad one, so it prints a line on stderr) has been reported; then standard input is closed.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

COUNT = 3000  # manifests in each directory
GOOD = b'{"manifest_version": 1, "model": {"name": "m%d"}, "access": "api"}'


def fill(directory):
    os.makedirs(directory)
    for i in range(COUNT):
        with open(os.path.join(directory, f"m{i:05d}.json"), "wb") as f:
            f.write(GOOD % i)


def run(binary, tmp, sig, jobs, extra):
    first, second = os.path.join(tmp, "first"), os.path.join(tmp, "second")
    marker = os.path.join(first, "zz-bad.json")
    # stdout goes to a file, so a full pipe cannot stall the run before the signal.
    stdout = tempfile.TemporaryFile(dir=tmp)
    proc = subprocess.Popen([binary, "classify", first, "-", second, "--jobs", str(jobs)] + extra,
                            stdin=subprocess.PIPE, stdout=stdout, stderr=subprocess.PIPE, cwd=tmp)
    err_lines = []
    for raw in iter(proc.stderr.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        err_lines.append(line)
        if line.startswith(marker + ":"):
            break
    else:
        proc.kill()
        return None, b"", err_lines
    proc.send_signal(sig)
    proc.stdin.close()  # lets the read of '-' end
    err_lines += proc.stderr.read().decode("utf-8", "replace").splitlines()
    proc.wait(timeout=300)
    stdout.seek(0)
    return proc.returncode, stdout.read(), err_lines


def main():
    binary = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="openness-interrupt-")
    failures = []

    def expect(condition, what):
        if not condition:
            failures.append(what)

    try:
        fill(os.path.join(tmp, "first"))
        fill(os.path.join(tmp, "second"))
        with open(os.path.join(tmp, "first", "zz-bad.json"), "wb") as f:
            f.write(b"{")
        out_dir = os.path.join(tmp, "out")
        os.makedirs(out_dir)
        report = os.path.join(out_dir, "report.jsonl")

        # SIGINT, one thread, --output: the batch stops taking inputs and no file is left.
        code, _, err = run(binary, tmp, signal.SIGINT, 1, ["--format", "jsonl", "-o", report])
        expect(code == 130, f"SIGINT: exit {code}, expected 130; stderr: {err[-3:]}")
        done = [l for l in err if l.startswith("openness: interrupted by SIGINT: ")]
        expect(len(done) == 1, f"SIGINT: one 'interrupted' line, got {err[-3:]}")
        if done:
            scored = int(done[0].split(": ")[2].split()[0])
            # DIR1 and standard input at least; the signal is taken by a watcher thread, so a
            # few inputs of DIR2 may start before the flag is seen, but never all of them.
            expect(COUNT + 1 <= scored < 2 * COUNT, f"SIGINT: {scored} scored")
        expect(f"openness: {report} was not written" in err,
               "SIGINT: says the report is not written")
        expect(os.listdir(out_dir) == [], f"SIGINT: left {os.listdir(out_dir)} behind")

        # SIGTERM, two threads, report on stdout: what was scored is reported, with the summary.
        code, out, err = run(binary, tmp, signal.SIGTERM, 2, ["--format", "json"])
        expect(code == 143, f"SIGTERM: exit {code}, expected 143; stderr: {err[-3:]}")
        try:
            summary = json.loads(out)["summary"]
        except ValueError as e:
            summary = {}
            failures.append(f"SIGTERM: the report is not JSON: {e}; it ends with "
                            f"{out[-300:]!r}; stderr ends with {err[-3:]}")
        expect(summary.get("interrupted") == "SIGTERM", "SIGTERM: the summary says interrupted")
        total = summary.get("total", 0)
        # At most a window of 128 inputs is in flight, so most of DIR2 is never read.
        expect(COUNT + 1 <= total < 2 * COUNT, f"SIGTERM: {total} scored")
        expect(not any("Sanitizer" in l or "runtime error" in l for l in err),
               "no sanitizer report")
        leftovers = [n for n in os.listdir(tmp) if ".tmp." in n]
        expect(leftovers == [], f"temporary files left: {leftovers}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"interrupt: SIGINT exits 130 with no report file, SIGTERM exits 143 with the summary")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Files, streams and signals an attacker can arrange in a pull request (issue 14).

Usage: hostile_files_test.py BINARY PROJECT_ROOT

Each check is a regression test of a finding:
- a symbolic link to a directory outside the tree is not walked, and a linked file outside it
  is not read (its text is never echoed); --follow-links walks each real directory once (a
  link farm of 21 folders gives 21 manifests, not 2^20);
- a FIFO named README.md (or *.json) in a walked directory is never opened, so the run ends;
- a FIFO named on the command line is refused (never a blocking open), even with a writer;
- `-` on a pipe that stays open: the first SIGINT / SIGTERM ends the run (exit 130 / 143);
- SIGINT then SIGTERM (as CI cancellation sends) leaves no temporary file beside -o;
- every command writing to a full disk (/dev/full) exits non-zero and says why;
- -o never replaces a device node or a symbolic link.
No check depends on timing beyond generous upper bounds (a hang guard of 60 s).
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

HANG = 60


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(command, cwd, **kw):
    return subprocess.run(command, cwd=cwd, capture_output=True, timeout=HANG, **kw)


def wait_started(proc, path=None):
    # The run has started once it exists; a short pause lets it reach its blocking read.
    time.sleep(0.5)
    if proc.poll() is not None:
        fail(f"{proc.args}: ended before the signal (exit {proc.returncode})")


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    example = os.path.join(root, "examples", "olmo-2-7b.json")
    with open(example, "rb") as f:
        good = f.read()
    with tempfile.TemporaryDirectory(prefix="openness-files-") as tmp:
        outside = os.path.join(tmp, "outside")
        tree = os.path.join(tmp, "tree")
        os.makedirs(os.path.join(outside, "deep"))
        os.makedirs(tree)
        secret = b'{"manifest_version": 1, "model": {"name": "x"}, "access": "SECRET-TOKEN-42"}'
        with open(os.path.join(outside, "secret.json"), "wb") as f:
            f.write(secret)
        with open(os.path.join(outside, "deep", "m.json"), "wb") as f:
            f.write(good)
        with open(os.path.join(tree, "a.json"), "wb") as f:
            f.write(good)
        os.symlink(outside, os.path.join(tree, "out-dir"))
        os.symlink(os.path.join(outside, "secret.json"), os.path.join(tree, "leak.json"))
        os.symlink("/", os.path.join(tree, "root"))
        os.mkfifo(os.path.join(tree, "README.md"))
        os.mkfifo(os.path.join(tree, "pipe.json"))

        # Walks stay inside the tree, open no FIFO and read no linked file.
        proc = run([binary, "classify", tree, "--format", "jsonl", "--rubric", "openness@1.0"],
                   tmp)
        text = proc.stdout + proc.stderr
        if b"SECRET" in text:
            fail("a linked file outside the tree was read and echoed")
        paths = [line.split(b'"path":"')[1].split(b'"')[0] for line in proc.stdout.splitlines()]
        expected = [os.path.join(tree, n).encode() for n in ("a.json", "leak.json")]
        if paths != expected:
            fail(f"walk: inputs {paths}, expected {expected}")
        if b"symbolic link: not followed" not in proc.stderr or proc.returncode != 3:
            fail(f"walk: the link named like a manifest is not reported: {proc.stderr!r}")

        # --follow-links walks each real directory once (the link to / is not taken here: it
        # is named in a separate tree below, so the test never walks the machine).
        os.remove(os.path.join(tree, "root"))
        os.symlink(outside, os.path.join(tree, "out-dir-again"))
        proc = run([binary, "classify", tree, "--follow-links", "--format", "jsonl",
                    "--rubric", "openness@1.0"], tmp)
        walked = [l for l in proc.stdout.splitlines() if b"deep/m.json" in l]
        if len(walked) != 1:
            fail(f"--follow-links: the linked directory was walked {len(walked)} times")
        if b"already walked" not in proc.stderr:
            fail(f"--follow-links: a second link to one directory is not reported: "
                 f"{proc.stderr!r}")

        # A link farm (21 folders, each with two links to the next) once gave 1,048,576
        # manifests; with --follow-links each real folder is walked once, so 21.
        farm = os.path.join(tmp, "farm")
        for i in range(21):
            os.makedirs(os.path.join(farm, f"d{i}"))
            with open(os.path.join(farm, f"d{i}", "m.json"), "wb") as f:
                f.write(good)
        for i in range(20):
            for name in ("a", "b"):
                os.symlink(os.path.join(farm, f"d{i + 1}"), os.path.join(farm, f"d{i}", name))
        proc = run([binary, "classify", os.path.join(farm, "d0"), "--follow-links",
                    "--format", "jsonl", "--rubric", "openness@1.0"], tmp)
        scored = [l for l in proc.stdout.splitlines() if b'"valid":true' in l]
        if len(scored) != 21:
            fail(f"link farm: {len(scored)} manifests, expected 21")
        proc = run([binary, "classify", os.path.join(farm, "d0"), "--format", "jsonl",
                    "--rubric", "openness@1.0"], tmp)
        scored = [l for l in proc.stdout.splitlines() if b'"valid":true' in l]
        if len(scored) != 1:
            fail(f"link farm without --follow-links: {len(scored)} manifests")

        # A FIFO named on the command line is refused without a blocking open, even while a
        # writer holds it open and writes nothing.
        fifo = os.path.join(tmp, "named.json")
        os.mkfifo(fifo)
        writer = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
        try:
            proc = run([binary, "classify", fifo], tmp)
        finally:
            os.close(writer)
        if proc.returncode != 3 or b"not a regular file" not in proc.stderr:
            fail(f"named FIFO: exit {proc.returncode}, {proc.stderr!r}")

        # The first signal ends a run blocked reading '-' from a pipe that stays open.
        for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
            p = subprocess.Popen([binary, "classify", "-"], cwd=tmp, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wait_started(p)
            p.send_signal(sig)
            try:
                p.wait(timeout=HANG)
            except subprocess.TimeoutExpired:
                p.kill()
                fail(f"the first {sig.name} did not end a run blocked reading standard input")
            finally:
                p.stdin.close()
            if p.returncode not in (code, -sig):
                fail(f"'-': exit {p.returncode} after {sig.name}, expected {code}")

        # SIGINT then SIGTERM, as CI cancellation sends, leaves no temporary file.
        big = os.path.join(tmp, "big")
        os.makedirs(big)
        for i in range(3000):
            with open(os.path.join(big, f"m{i:05}.json"), "wb") as f:
                f.write(good)
        report = os.path.join(tmp, "report.html")
        p = subprocess.Popen([binary, "classify", big, "--format", "html", "-o", report,
                              "--jobs", "1"], cwd=tmp, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        deadline = time.time() + HANG
        while time.time() < deadline and not any(n.startswith("report.html.tmp.")
                                                  for n in os.listdir(tmp)):
            if p.poll() is not None:
                break
            time.sleep(0.01)
        p.send_signal(signal.SIGINT)
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=HANG)
        left = [n for n in os.listdir(tmp) if ".tmp." in n]
        if left:
            fail(f"temporary files left after SIGINT then SIGTERM: {left}")

        # Every command that cannot write its output exits non-zero and says why.
        commands = [
            ["classify", example], ["convert", example, "--to", "manifest"],
            ["badge", example], ["diff", example, example], ["schema"],
            ["init", "-", "--name", "x", "--no-input"], ["rubric", "show", "openness"],
            ["rubric", "list"], ["--version"], ["completion", "bash"], ["--help"],
        ]
        with open("/dev/full", "wb") as full:
            for args in commands:
                proc = subprocess.run([binary] + args, cwd=tmp, stdout=full,
                                      stderr=subprocess.PIPE, timeout=HANG)
                if proc.returncode == 0 or b"cannot write" not in proc.stderr:
                    fail(f"{args} > /dev/full: exit {proc.returncode}, {proc.stderr!r}")
                if b"No space left on device" not in proc.stderr:
                    fail(f"{args} > /dev/full: no reason given: {proc.stderr!r}")

        # -o never replaces a device node or a symbolic link.
        target = os.path.join(tmp, "target.txt")
        with open(target, "w") as f:
            f.write("keep")
        link = os.path.join(tmp, "link.json")
        os.symlink(target, link)
        for out in (link, "/dev/null"):
            proc = run([binary, "classify", example, "-o", out], tmp)
            if proc.returncode != 2 or b"cannot write" not in proc.stderr:
                fail(f"-o {out}: exit {proc.returncode}, {proc.stderr!r}")
        if not os.path.islink(link) or open(target).read() != "keep":
            fail("-o replaced a symbolic link or wrote through it")
        if not os.path.exists("/dev/null") or os.path.isfile("/dev/null"):
            fail("-o replaced /dev/null")
    print("hostile files: walks stay in their roots, FIFOs never hang, the first signal ends a "
          "blocked run, no temporary file survives, write errors fail with the reason, -o "
          "replaces no device or link")
    return 0


if __name__ == "__main__":
    sys.exit(main())

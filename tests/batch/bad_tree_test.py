#!/usr/bin/env python3
"""Scores a directory holding every kind of bad file next to good manifests.

Checks: good manifests get verdicts, each bad file gets one clear line on stderr and an invalid
entry in the report, the exit code is 3, and nothing crashes or hangs. Unreadable files and
directories are made unreadable with chmod; as root (where chmod does not stop reads) the binary
runs as the user 'nobody' through setpriv.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def run_once(command, tmp, tree, links, failures):
    """Runs one walk of the tree and appends what is wrong to `failures`."""
    if os.geteuid() == 0:
        os.chmod(tmp, 0o755)
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + command
    proc = subprocess.run(command, capture_output=True, timeout=120)
    out = proc.stdout.decode("utf-8")
    err = proc.stderr.decode("utf-8", "replace").splitlines()
    results = [json.loads(line) for line in out.splitlines()]

    def expect(condition, what):
        if not condition:
            failures.append(what)

    expect(proc.returncode == 3, f"exit code {proc.returncode}, expected 3")
    valid = [r["path"] for r in results if r["valid"]]
    invalid = {r["path"]: r["errors"][0]["message"] for r in results if not r["valid"]}
    expect(len(valid) == 3, f"3 good manifests scored, got {valid}")
    expect(all(r["tier"] == "open-weights" for r in results if r["valid"]),
           "good manifests are open-weights")
    wanted = {
        "empty.json": "empty file",
        "binary.json": "binary file",
        "bad-utf8.json": "invalid UTF-8",
        "deep.json": "nesting deeper than 64 levels",
        "huge.json": "over the limit of 16 MiB",
        "unreadable.json": "Permission denied",
        "locked": "cannot read directory: Permission denied",
    }
    wanted.update(links)
    for name, text in wanted.items():
        path = os.path.join(tree, name)
        message = invalid.get(path)
        expect(message is not None and text in message, f"{name}: wanted '{text}', got {message}")
        lines = [line for line in err if line.startswith(path + ":")]
        expect(len(lines) == 1, f"{name}: one line on stderr, got {lines}")
    expect(len(invalid) == len(wanted), f"{len(wanted)} invalid entries, got {sorted(invalid)}")
    paths = [r["path"] for r in results]
    expect(paths == sorted(paths, key=lambda p: p.encode("utf-8", "surrogateescape")),
           "results are sorted by path")
    if failures:
        failures.append(f"{command[-1]}: stderr was:\n" + "\n".join(err))


def main():
    binary, root = sys.argv[1], sys.argv[2]
    good = open(os.path.join(root, "examples", "mistral-7b-v0.1.json"), "rb").read()
    tmp = tempfile.mkdtemp(prefix="openness-bad-tree-")
    try:
        os.chmod(tmp, 0o755)
        tree = os.path.join(tmp, "tree")
        os.makedirs(os.path.join(tree, "sub dir"))
        os.makedirs(os.path.join(tree, "locked"))
        expected_bad = {}

        def write(name, data, reason):
            path = os.path.join(tree, name)
            with open(path, "wb") as f:
                f.write(data)
            if reason:
                expected_bad[path] = reason
            return path

        write("a-good.json", good, None)
        write("sub dir/name with spaces.json", good, None)
        write(b"caf\xe9-latin1-name.json".decode("utf-8", "surrogateescape"), good, None)
        write("empty.json", b"", "empty file")
        write("binary.json", b"\x7fELF\x02\x01\x01\x00\x00\x00", "binary file")
        write("bad-utf8.json", b'{"manifest_version": 1, "model": {"name": "\xff"}, "access": "api"}',
              "invalid UTF-8")
        write("deep.json", b"[" * 100000 + b"]" * 100000, "nesting deeper than 64 levels")
        big = write("huge.json", b"", "over the limit of 16 MiB")
        with open(big, "wb") as f:
            f.truncate(17 * 1024 * 1024)
        unreadable = write("unreadable.json", good, "Permission denied")
        os.chmod(unreadable, 0)
        locked = os.path.join(tree, "locked")
        write("locked/hidden.json", good, None)
        os.chmod(locked, 0)
        expected_bad[locked] = "cannot read directory: Permission denied"
        del expected_bad  # rebuilt below, keyed by what the binary prints
        os.symlink("loop-b.json", os.path.join(tree, "loop-a.json"))
        os.symlink("loop-a.json", os.path.join(tree, "loop-b.json"))
        os.symlink(".", os.path.join(tree, "sub dir", "self-link"))
        os.symlink(tree, os.path.join(tree, "sub dir", "up-link"))

        if os.geteuid() == 0 and shutil.which("setpriv") is None:
            print("skipped: running as root without setpriv, cannot test unreadable files")
            return 0
        base = [binary, "classify", tree, "--format", "jsonl", "--jobs", "2"]
        failures = []
        not_followed = "symbolic link: not followed"
        # By default a walk follows no link (issue 14): a link named like a manifest is
        # reported, a link to a directory is skipped. With --follow-links, each real directory
        # is walked once, so loops end.
        for follow in (False, True):
            links = {
                "loop-a.json": "Too many levels of symbolic links" if follow else not_followed,
                "loop-b.json": "Too many levels of symbolic links" if follow else not_followed,
            }
            if follow:
                links["sub dir/self-link"] = "already walked"
                links["sub dir/up-link"] = "already walked"
            run_once(base + (["--follow-links"] if follow else []), tmp, tree, links, failures)
        if failures:
            print("FAILED:\n  " + "\n  ".join(failures))
            return 1
        print("bad tree: 3 scored and every bad entry reported invalid, with and without "
              "--follow-links, exit 3: ok")
        return 0
    finally:
        for dirpath, dirnames, _ in os.walk(tmp):
            for d in dirnames:
                try:
                    os.chmod(os.path.join(dirpath, d), 0o755)
                except OSError:
                    pass
        os.chmod(os.path.join(tmp, "tree", "locked"), 0o755) if os.path.exists(os.path.join(tmp, "tree", "locked")) else None
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

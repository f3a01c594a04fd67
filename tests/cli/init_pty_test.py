#!/usr/bin/env python3
"""Runs `openness init` on a real pseudo-terminal and answers its questions one by one.

Usage: init_pty_test.py BINARY

main() fills the terminal flags from isatty(), so on a pty init asks; each answer is typed only
after its question has appeared (the test waits for the prompt, it does not sleep). The written
file must hold the answers, and a second run must refuse to overwrite it.
"""
import json
import os
import pty
import select
import sys
import tempfile

TIMEOUT = 60  # seconds without output before giving up


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


class Session:
    def __init__(self, args, cwd):
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(cwd)
            os.execve(args[0], args, {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "TERM": "dumb"})
        self.pid, self.fd, self.seen = pid, fd, ""

    def expect(self, text):
        while text not in self.seen:
            ready, _, _ = select.select([self.fd], [], [], TIMEOUT)
            if not ready:
                fail(f"waited for {text!r}; the terminal shows:\n{self.seen[-2000:]}")
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                fail(f"the program ended before {text!r}; the terminal shows:\n{self.seen[-2000:]}")
            self.seen += chunk.decode("utf-8", "replace")
        self.seen = self.seen[self.seen.index(text) + len(text):]

    def answer(self, prompt, text):
        self.expect(prompt)
        os.write(self.fd, (text + "\n").encode())

    def finish(self):
        while True:
            ready, _, _ = select.select([self.fd], [], [], TIMEOUT)
            if not ready:
                fail("the program did not finish")
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                break
            self.seen += chunk.decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        return os.waitstatus_to_exitcode(status), self.seen


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        session = Session([binary, "init", "release.json", "--organization", "Example"], tmp)
        session.answer("Model name: ", "Pty Model")
        session.answer("Version: ", "3")
        # --organization was given, so it is not asked.
        session.answer("Release date (YYYY-MM-DD): ", "2025-13-45")
        session.expect("'2025-13-45' is not a date")
        session.answer("Release date (YYYY-MM-DD): ", "")
        session.answer("Home page or model URL: ", "")
        session.answer("Access [download]: ", "")
        session.answer("License: ", "MIT AND (")
        session.expect("cannot be read as a license")
        session.answer("License: ", "MIT")
        session.expect("MIT is OSI-approved")
        session.expect("final weights (weights.final): the trained parameters")
        session.answer("Released? [y/N/?]: ", "y")
        session.answer("(blank: the release's license, MIT): ", "")
        session.answer("Where (URL): ", "https://example.org/w")
        for _ in range(16):
            session.answer("Released? [y/N/?]: ", "n")
        session.answer("Source: ", "https://example.org/facts")
        session.answer("Source: ", "")
        code, shown = session.finish()
        if code != 0 or "wrote release.json: open-weights (open weights)" not in shown:
            fail(f"init exited {code}:\n{shown}")
        written = json.load(open(os.path.join(tmp, "release.json")))
        if written["model"] != {"name": "Pty Model", "version": "3", "organization": "Example"} or \
                written["license"] != "MIT" or written["weights"]["final"] != {
                    "available": True, "location": "https://example.org/w"} or \
                written["sources"] != ["https://example.org/facts"]:
            fail(f"the manifest does not hold the answers: {written}")
        again = Session([binary, "init", "release.json", "--name", "x"], tmp)
        code, shown = again.finish()
        if code != 2 or "already exists (use --force to overwrite it)" not in shown:
            fail(f"a second init did not refuse to overwrite: exit {code}\n{shown}")
    print("init on a pty: asked question by question, wrote the answers, refused to overwrite")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs the repository's pre-commit hook with Debian's pre-commit, offline.

Usage: pre_commit_test.py BINARY PROJECT_ROOT

A scratch hooks repository holds .pre-commit-hooks.yaml (committed); a scratch project holds
manifests. `pre-commit try-repo HOOKS openness --all-files` must pass on good manifests, fail
(and print the error) once an invalid one is added, and leave files the hook does not match
alone. Then the README's .pre-commit-config.yaml snippet, with args that set a gate, runs with
`pre-commit run --all-files` and fails on a manifest below it. PRE_COMMIT_HOME and HOME point at
temporary directories and the hooks are cloned from local paths, so nothing reaches the network.
Skips (exit 0, "skipped: ...") when pre-commit is not installed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def git(cwd, *args, env):
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def readme_snippet(root, name):
    text = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    found = re.search(r"<!-- snippet: " + re.escape(name) + r" -->\s*```\w*\n(.*?)```", text, re.S)
    if not found:
        fail(f"README has no snippet {name!r}")
    return found.group(1)


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        print("skipped: pre-commit is not installed (apt-get install pre-commit)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PATH": os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", ""),
               "HOME": tmp, "PRE_COMMIT_HOME": os.path.join(tmp, "cache"), "LC_ALL": "C.UTF-8",
               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
               "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_COLOR": "never"}
        hooks = os.path.join(tmp, "hooks")
        os.makedirs(hooks)
        shutil.copy(os.path.join(root, ".pre-commit-hooks.yaml"), hooks)
        git(hooks, "init", "-q", "-b", "main", env=env)
        git(hooks, "add", ".", env=env)
        git(hooks, "commit", "-q", "-m", "hooks", env=env)

        project = os.path.join(tmp, "project")
        os.makedirs(os.path.join(project, "models"))
        shutil.copy(os.path.join(root, "examples", "olmo-2-7b.json"),
                    os.path.join(project, "openness.json"))
        shutil.copy(os.path.join(root, "examples", "llama-3.1-8b.json"),
                    os.path.join(project, "models", "llama.openness.json"))
        with open(os.path.join(project, "package.json"), "w") as f:
            f.write("{not a manifest, and not matched by the hook")
        git(project, "init", "-q", "-b", "main", env=env)
        git(project, "add", ".", env=env)

        def try_repo():
            return subprocess.run([pre_commit, "try-repo", hooks, "openness", "--all-files"],
                                  cwd=project, env=env, capture_output=True, timeout=300)

        proc = try_repo()
        out = proc.stdout.decode() + proc.stderr.decode()
        if proc.returncode != 0 or not re.search(r"openness \(AI model release manifests\)\.+Passed",
                                                  out):
            fail(f"try-repo on good manifests: exit {proc.returncode}\n{out}")

        with open(os.path.join(project, "models", "broken.openness.json"), "w") as f:
            f.write('{"manifest_version": 1, "model": {"name": "b"}}\n')
        git(project, "add", ".", env=env)
        proc = try_repo()
        out = proc.stdout.decode() + proc.stderr.decode()
        if proc.returncode == 0 or "Failed" not in out or \
                "models/broken.openness.json:1:1: error: " not in out:
            fail(f"try-repo on an invalid manifest: exit {proc.returncode}\n{out}")
        os.remove(os.path.join(project, "models", "broken.openness.json"))
        git(project, "add", "-A", ".", env=env)

        # The README's config, pointed at the scratch hooks repository.
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, env=env,
                             capture_output=True, check=True).stdout.decode().strip()
        config = readme_snippet(root, "pre-commit")
        config = re.sub(r"repo: \S+", "repo: " + hooks, config)
        config = re.sub(r"rev: \S+", "rev: " + sha, config)
        with open(os.path.join(project, ".pre-commit-config.yaml"), "w") as f:
            f.write(config)
        git(project, "add", ".", env=env)
        proc = subprocess.run([pre_commit, "run", "--all-files"], cwd=project, env=env,
                              capture_output=True, timeout=300)
        out = proc.stdout.decode() + proc.stderr.decode()
        if proc.returncode == 0 or "gate --min-tier open-weights: failed" not in out:
            fail(f"the README config should fail on llama (below open-weights): "
                 f"exit {proc.returncode}\n{out}")
    print("pre-commit: try-repo passes good manifests, fails an invalid one; the README's "
          "config gates on the tier")
    return 0


if __name__ == "__main__":
    sys.exit(main())

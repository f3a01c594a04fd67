#!/usr/bin/env python3
"""Runs the README's snippets as written, so the documentation stays true.

Usage: readme_snippets_test.py BINARY PROJECT_ROOT

A snippet is the fenced block after `<!-- snippet: NAME -->`. In a scratch directory that holds
models/ (a copy of examples/) and model.yml (the MOF fixture), with HOME pointing there and the
built binary first on PATH, bash runs `completions`, `init`, `badge`, `html` and the `script:`
lines of `gitlab`, each checked for what it should leave behind. `github-workflow` is checked
against action.yml (its `with:` keys are inputs, the outputs it reads exist); `pre-commit` runs
in pre_commit_test.py and the Debian package in tests/install/deb_test.py.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

try:
    import yaml
except ImportError:
    print("skipped: PyYAML is not installed (apt-get install python3-yaml)")
    sys.exit(0)


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def snippets(root):
    text = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    found = re.findall(r"<!-- snippet: ([\w-]+) -->\s*```\w*\n(.*?)```", text, re.S)
    return dict(found)


def sh(script, cwd, env, allowed=(0,)):
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd, env=env,
                          capture_output=True, timeout=120)
    if proc.returncode not in allowed:
        fail(f"exit {proc.returncode} from:\n{script}\n{proc.stdout.decode()}{proc.stderr.decode()}")
    return proc.stdout.decode()


def main():
    binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    found = snippets(root)
    for name in ("deb", "completions", "init", "badge", "html", "gitlab", "github-workflow",
                 "pre-commit"):
        if name not in found:
            fail(f"README has no snippet {name!r}")
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(root, "examples"), os.path.join(tmp, "models"),
                        ignore=shutil.ignore_patterns("*.md"))
        shutil.copy(os.path.join(root, "tests", "data", "mof", "quirks.yml"),
                    os.path.join(tmp, "model.yml"))
        env = {"PATH": os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", ""),
               "HOME": tmp, "LC_ALL": "C"}

        sh(found["completions"], tmp, env)
        for path in (".local/share/bash-completion/completions/openness",
                     ".config/fish/completions/openness.fish", ".zfunc/_openness"):
            if "classify" not in open(os.path.join(tmp, path)).read():
                fail(f"completions snippet: {path} has no completion for classify")

        out = sh(found["init"], tmp, env)
        if "wrote openness.json: open-weights (open weights), score 46.0 under openness@2.0" \
                not in out or not os.path.exists(os.path.join(tmp, "from-mof.json")):
            fail(f"init snippet: unexpected result:\n{out}")
        readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
        if out.split("\n")[0] not in readme:
            fail(f"the README shows other init output than the snippet prints: {out!r}")

        sh(found["badge"], tmp, env)
        svg = open(os.path.join(tmp, "openness.svg")).read()
        if 'aria-label="openness: open weights"' not in svg:
            fail("badge snippet: openness.svg is not the open-weights badge")
        if '"message": "open weights"' not in open(os.path.join(tmp, "openness-badge.json")).read():
            fail("badge snippet: no shields endpoint JSON")

        sh(found["html"], tmp, env)
        page = open(os.path.join(tmp, "report.html"), encoding="utf-8").read()
        if page.count('<tbody class="m"') != 10:
            fail("html snippet: the report does not have a row per example")

        job = yaml.safe_load(found["gitlab"])["openness"]
        if job["artifacts"]["reports"]["junit"] != "openness-junit.xml" or \
                job["artifacts"]["when"] != "always":
            fail("gitlab snippet: the JUnit report is not published on failure too")
        for line in job["script"]:
            sh(line, tmp, env, allowed=(0, 1))  # 1: a manifest is below the gate, as expected
        suite = ET.parse(os.path.join(tmp, "openness-junit.xml")).getroot()
        if suite.tag != "testsuites" or suite.get("tests") != "10":
            fail("gitlab snippet: the JUnit report does not list the ten manifests")

    with open(os.path.join(root, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    workflow = yaml.safe_load(found["github-workflow"])
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    ours = [s for s in steps if s.get("uses", "").split("@")[0].endswith("/openness")]
    if len(ours) != 1:
        fail("github-workflow snippet: no step uses the action")
    unknown = set(ours[0].get("with", {})) - set(action["inputs"])
    required = {k for k, v in action["inputs"].items() if v.get("required")}
    if unknown or not required <= set(ours[0].get("with", {})):
        fail(f"github-workflow snippet: inputs {sorted(unknown)} unknown, or required "
             f"{sorted(required)} missing")
    for name in re.findall(r"steps\.openness\.outputs\.([\w-]+)", found["github-workflow"]):
        if name not in action["outputs"]:
            fail(f"github-workflow snippet: reads output {name!r}, which action.yml lacks")
    print("README snippets: completions, init, badge, html and the GitLab job ran as written; "
          "the GitHub workflow matches action.yml")
    return 0


if __name__ == "__main__":
    sys.exit(main())

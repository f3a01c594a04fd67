#!/usr/bin/env python3
"""Checks action.yml against the documented metadata syntax of GitHub Actions (composite
actions), then runs its steps' scripts locally the way the runner would.

Usage: action_test.py BINARY PROJECT_ROOT

Structure: only the documented keys at each level (name, author, description, inputs, outputs,
runs, branding; an input's description, required, default, deprecationMessage; a composite
output's description and value; runs.using "composite" with steps; a step's run+shell or uses,
name, id, if, env, with, working-directory, continue-on-error), the required ones present,
branding colour from the documented list, ids well formed, every ${{ inputs.X }} declared,
every output's ${{ steps.ID.outputs.X }} naming a step, and no ${{ ... }} spliced into a `run`
script (inputs reach scripts through env, so a path cannot inject shell code).

Run: each step's script with bash, its env filled in from the expressions, GITHUB_OUTPUT,
GITHUB_PATH and GITHUB_STEP_SUMMARY pointing at temporary files and the built binary on PATH;
the outputs (tier, score) and the exit code must match the JSON report.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:  # Debian: python3-yaml
    print("skipped: PyYAML is not installed (apt-get install python3-yaml)")
    sys.exit(0)

TOP = {"name", "author", "description", "inputs", "outputs", "runs", "branding"}
TOP_REQUIRED = {"name", "description", "runs"}
INPUT = {"description", "required", "default", "deprecationMessage"}
OUTPUT = {"description", "value"}
STEP = {"run", "shell", "uses", "with", "name", "id", "if", "env", "working-directory",
        "continue-on-error"}
COLORS = {"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check_keys(where, mapping, allowed, required=()):
    if not isinstance(mapping, dict):
        fail(f"{where}: expected a mapping")
    unknown = set(mapping) - set(allowed)
    if unknown:
        fail(f"{where}: keys not in the documented syntax: {sorted(unknown)}")
    missing = set(required) - set(mapping)
    if missing:
        fail(f"{where}: missing required keys: {sorted(missing)}")


def check_structure(action):
    check_keys("action", action, TOP, TOP_REQUIRED)
    for key in ("name", "description", "author"):
        if key in action and not isinstance(action[key], str):
            fail(f"{key}: expected a string")
    inputs = action.get("inputs", {})
    for name, spec in inputs.items():
        if not ID.match(name):
            fail(f"inputs.{name}: not a valid id")
        check_keys(f"inputs.{name}", spec, INPUT, {"description"})
        if "required" in spec and not isinstance(spec["required"], bool):
            fail(f"inputs.{name}.required: expected a boolean")
        if "default" in spec and not isinstance(spec["default"], str):
            fail(f"inputs.{name}.default: expected a string")
    runs = action["runs"]
    check_keys("runs", runs, {"using", "steps"}, {"using", "steps"})
    if runs["using"] != "composite":
        fail(f"runs.using is {runs['using']!r}, expected composite")
    step_ids = set()
    for index, step in enumerate(runs["steps"]):
        where = f"runs.steps[{index}]"
        check_keys(where, step, STEP)
        if ("run" in step) == ("uses" in step):
            fail(f"{where}: needs exactly one of run and uses")
        if "run" in step:
            if "shell" not in step:
                fail(f"{where}: a run step in a composite action needs shell")
            if EXPRESSION.search(step["run"]):
                fail(f"{where}: an expression is spliced into the script; pass it through env")
        if "id" in step:
            if not ID.match(step["id"]) or step["id"] in step_ids:
                fail(f"{where}: id {step['id']!r} is malformed or repeated")
            step_ids.add(step["id"])
        for key, value in step.get("env", {}).items():
            if not isinstance(value, str):
                fail(f"{where}.env.{key}: expected a string")
    for name, spec in action.get("outputs", {}).items():
        if not ID.match(name):
            fail(f"outputs.{name}: not a valid id")
        check_keys(f"outputs.{name}", spec, OUTPUT, OUTPUT)
        for expression in EXPRESSION.findall(spec["value"]):
            found = re.fullmatch(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", expression)
            if not found or found.group(1) not in step_ids:
                fail(f"outputs.{name}: {expression!r} names no step of this action")
    text = json.dumps(action)
    for expression in EXPRESSION.findall(text):
        for name in re.findall(r"inputs\.([A-Za-z0-9_-]+)", expression):
            if name not in inputs:
                fail(f"${{{{ {expression} }}}} uses an input that is not declared")
    branding = action.get("branding", {})
    check_keys("branding", branding, {"icon", "color"})
    if "color" in branding and branding["color"] not in COLORS:
        fail(f"branding.color {branding['color']!r} is not one of {sorted(COLORS)}")


def run_steps(action, binary, root, inputs):
    """Runs the steps as the runner would; returns (exit code, outputs, summary, log)."""
    with tempfile.TemporaryDirectory() as tmp:
        files = {name: os.path.join(tmp, name) for name in
                 ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
        for path in files.values():
            open(path, "w").close()
        context = {"github.action_path": root}
        context.update({f"inputs.{k}": v for k, v in inputs.items()})
        log = ""
        for step in action["runs"]["steps"]:
            env = {"PATH": os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", ""),
                   "RUNNER_TEMP": tmp, "LC_ALL": "C", "CI": "true", **files}
            for key, value in step.get("env", {}).items():
                env[key] = EXPRESSION.sub(lambda m: context.get(m.group(1), ""), value)
            proc = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=env,
                                  capture_output=True, timeout=120)
            log += proc.stdout.decode() + proc.stderr.decode()
            if proc.returncode != 0:
                break
        outputs = dict(line.split("=", 1) for line in open(files["GITHUB_OUTPUT"]).read().split("\n")
                       if "=" in line)
        summary = open(files["GITHUB_STEP_SUMMARY"]).read()
    return proc.returncode, outputs, summary, log


def main():
    binary, root = sys.argv[1], sys.argv[2]
    with open(os.path.join(root, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    check_structure(action)

    env = {"PATH": os.environ.get("PATH", ""), "LC_ALL": "C"}
    report = json.loads(subprocess.run([binary, "classify", "examples", "--format", "json"],
                                       cwd=root, env=env, capture_output=True).stdout)
    lowest = min(report["results"], key=lambda r: (r["tier_rank"], r["score"]))
    code, outputs, summary, log = run_steps(action, os.path.abspath(binary), root, {
        "path": "examples/gpt-4.json examples/olmo-2-7b.json examples/llama-3.1-8b.json",
        "rubric": "openness@1.0", "min-tier": "open-weights", "format": "github"})
    if code != 1:
        fail(f"expected the gate to fail the step (exit 1), got {code}:\n{log}")
    if outputs.get("tier") != "api-only" or float(outputs.get("score", "nan")) != 8.0:
        fail(f"outputs {outputs}, expected tier api-only and score 8.0")
    if "::error file=examples/gpt-4.json" not in log or "### openness: 3 manifests" not in summary:
        fail(f"no annotations or no job summary:\n{log}\n{summary}")
    code, outputs, _, log = run_steps(action, os.path.abspath(binary), root, {
        "path": "examples", "rubric": "openness@1.0", "min-tier": "", "format": "text"})
    if code != 0 or outputs.get("tier") != lowest["tier"]:
        fail(f"without a gate: exit {code}, outputs {outputs}, expected tier {lowest['tier']}")
    print("action.yml: valid composite action metadata; its steps run and set tier and score")
    return 0


if __name__ == "__main__":
    sys.exit(main())

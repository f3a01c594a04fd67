#!/usr/bin/env python3
"""Runs the real openness binary for one golden case and compares stdout, stderr and exit code.

A case is a folder with `args` (one argument per line), optionally `stdin`, and the expected
`stdout`, `stderr` and `exit_code`. The binary runs in the project root with a small, fixed
environment, so no case depends on the terminal, the locale or the clock.
Set OPENNESS_UPDATE_GOLDEN=1 to rewrite the expected files on purpose.

A stdout over 40 KB is stored split, in `stdout.d/` instead of `stdout`, one part per record
(a JSON or JSON Lines verdict, the SARIF results of one input), so that a change shows which
record moved and an update rewrites only the parts that changed. The parts, joined in name order,
are the expected stdout byte for byte, and the whole output is compared byte for byte:
- `NN-name.pretty` is one line of output (a compact JSON record) laid out one member or element
  per line, indented; the line is got back by dropping each line's leading spaces and the line
  breaks (compact output has no white space between tokens, so nothing else is dropped);
- `NN-name.raw` is bytes as they are (the lines around the records, SARIF's indented lines).
When a split case differs, the message names each part (record) that differs and the first JSON
path where its values differ.
"""
import difflib
import json
import os
import re
import subprocess
import sys

# Outputs larger than this are stored split; a whole `stdout` this large is refused.
k_split_over = 40 * 1024
k_parts = "stdout.d"


def record_key(line):
    """The input a line of output speaks of (a verdict's "path", a SARIF result's uri), or None."""
    text = line.decode("utf-8", "replace").strip().rstrip(",")
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("path"), str):
        return value["path"]
    try:
        return value["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    except (KeyError, IndexError, TypeError):
        return None


def lay_out(text):
    """One compact JSON line, one member or element per line; None unless `join_laid` undoes it."""
    lines, line, depth, i = [], "", 0, 0
    try:
        while i < len(text):
            c = text[i]
            if c == '"':
                j = i + 1
                while text[j] != '"':
                    j += 2 if text[j] == "\\" else 1
                line += text[i:j + 1]
                i = j + 1
                continue
            if c in "{[" and text[i + 1:i + 2] in ("}", "]"):
                line += text[i:i + 2]
                i += 2
                continue
            if c in "{[":
                depth += 1
                lines.append(line + c)
                line = " " * depth
            elif c in "}]":
                depth -= 1
                lines.append(line)
                line = " " * depth + c
            elif c == ",":
                lines.append(line + c)
                line = " " * depth
            else:
                line += c
            i += 1
    except IndexError:
        return None
    if line.strip():
        lines.append(line)
    laid = "\n".join(lines) + "\n"
    return laid if join_laid(laid) == text else None


def join_laid(laid):
    return "".join(line.lstrip(" ") for line in laid.split("\n"))


def split_output(data):
    """The parts of a stdout: [(file name, stored bytes)], in order; joined they give `data`."""
    groups = []  # [key, [lines]]
    for line in data.splitlines(keepends=True):
        key = record_key(line)
        if groups and groups[-1][0] == key:
            groups[-1][1].append(line)
        else:
            groups.append([key, [line]])
    parts = []
    for index, (key, lines) in enumerate(groups):
        name = key if key is not None else ("head" if index == 0 else "rest")
        slug = re.sub(r"[^A-Za-z0-9._-]+", "-", re.sub(r"\.json$", "", name)).strip("-")
        stem = f"{index:02d}-{slug}"
        laid = None
        if key is not None and len(lines) == 1 and lines[0].endswith(b"\n"):
            try:
                laid = lay_out(lines[0][:-1].decode("utf-8"))
            except UnicodeDecodeError:
                laid = None
        if laid is not None:
            parts.append((stem + ".pretty", laid.encode("utf-8")))
        else:
            parts.append((stem + ".raw", b"".join(lines)))
    return parts


def part_output(name, stored):
    """The bytes of output a stored part stands for."""
    if name.endswith(".pretty"):
        return (join_laid(stored.decode("utf-8")) + "\n").encode("utf-8")
    return stored


def read_parts(folder):
    names = sorted(n for n in os.listdir(folder) if n.endswith((".pretty", ".raw")))
    return [(n, open(os.path.join(folder, n), "rb").read()) for n in names]


def parse_exact(text):
    """A JSON value with key order and number spelling kept, so that they compare too."""
    def number(spelling):
        return ("number", spelling)
    return json.loads(text, object_pairs_hook=lambda pairs: ("object", pairs),
                      parse_int=number, parse_float=number)


def first_difference(expected, actual, path="$"):
    """The JSON path of the first place two parsed values differ, with both values; or None."""
    if expected == actual:
        return None
    both_objects = (isinstance(expected, tuple) and isinstance(actual, tuple)
                    and expected[0] == actual[0] == "object")
    if both_objects:
        exp, act = expected[1], actual[1]
        for (exp_key, exp_value), (act_key, act_value) in zip(exp, act):
            if exp_key != act_key:
                return (f"{path}: member {exp_key!r} expected where {act_key!r} stands",
                        exp_value, act_value)
            found = first_difference(exp_value, act_value, f"{path}.{exp_key}")
            if found:
                return found
        return (f"{path}: {len(exp)} members expected, {len(act)} found", None, None)
    if isinstance(expected, list) and isinstance(actual, list):
        for index, (exp_value, act_value) in enumerate(zip(expected, actual)):
            found = first_difference(exp_value, act_value, f"{path}[{index}]")
            if found:
                return found
        return (f"{path}: {len(expected)} elements expected, {len(actual)} found", None, None)
    return (path, expected, actual)


def shown(value):
    if isinstance(value, tuple) and value[0] == "number":
        return value[1]
    text = repr(value) if isinstance(value, tuple) else json.dumps(value)
    return text if len(text) <= 300 else text[:300] + "..."


def parsed(text):
    try:
        return parse_exact(text.strip().rstrip(","))
    except ValueError:
        return None


def json_difference(expected, actual):
    """Where two parts' JSON values first differ: the whole part as one value (a record), or
    else the first line that differs, each line one value (SARIF's results)."""
    exp_value, act_value = parsed(expected), parsed(actual)
    if exp_value is not None and act_value is not None:
        return first_difference(exp_value, act_value)
    for number, (exp_line, act_line) in enumerate(zip(expected.splitlines(),
                                                      actual.splitlines()), 1):
        if exp_line != act_line:
            exp_value, act_value = parsed(exp_line), parsed(act_line)
            if exp_value is None or act_value is None:
                return None
            found = first_difference(exp_value, act_value)
            return (f"line {number}, {found[0]}",) + found[1:] if found else None
    return None


def explain_split(case, expected_parts, actual):
    """Names each record whose part differs, with the JSON path of its first difference."""
    actual_parts = dict(split_output(actual))
    expected = dict(expected_parts)
    for name in sorted(set(expected) | set(actual_parts)):
        if name not in actual_parts:
            print(f"--- stdout part {name}: expected, not in the output")
            continue
        if name not in expected:
            print(f"--- stdout part {name}: in the output, not expected")
            continue
        if expected[name] == actual_parts[name]:
            continue
        print(f"--- stdout part {name} differs for {os.path.basename(case)}")
        exp_text = part_output(name, expected[name]).decode("utf-8", "replace")
        act_text = part_output(name, actual_parts[name]).decode("utf-8", "replace")
        found = json_difference(exp_text, act_text)
        if found:
            where, exp_value, act_value = found
            print(f"first difference at {where}")
            if exp_value is not None or act_value is not None:
                print(f"  expected: {shown(exp_value)}")
                print(f"  actual:   {shown(act_value)}")
        elif parsed(exp_text) is not None and parsed(exp_text) == parsed(act_text):
            print("the same JSON values, written differently (spacing or escapes)")
        diff = list(difflib.unified_diff(
            expected[name].decode("utf-8", "replace").splitlines(),
            actual_parts[name].decode("utf-8", "replace").splitlines(),
            "expected", "actual", lineterm="", n=2))
        print("\n".join(diff[:80] + (["..."] if len(diff) > 80 else [])))


def write_split(case, data):
    folder = os.path.join(case, k_parts)
    os.makedirs(folder, exist_ok=True)
    old = dict(read_parts(folder))
    parts = split_output(data)
    for name, stored in parts:
        if old.get(name) != stored:
            print(f"  part {name}: {'changed' if name in old else 'new'}")
            with open(os.path.join(folder, name), "wb") as f:
                f.write(stored)
    for name in sorted(set(old) - {n for n, _ in parts}):
        print(f"  part {name}: removed")
        os.remove(os.path.join(folder, name))
    flat = os.path.join(case, "stdout")
    if os.path.exists(flat):
        os.remove(flat)


def compare_split(case, data):
    """True when the stored parts, joined, are `data`; otherwise says which records differ."""
    parts = read_parts(os.path.join(case, k_parts))
    if not parts:
        print(f"--- {k_parts}/ of {os.path.basename(case)} holds no parts")
        return False
    if b"".join(part_output(n, s) for n, s in parts) == data:
        return True
    explain_split(case, parts, data)
    return False


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
    split = os.path.isdir(os.path.join(case, k_parts))
    if split and os.path.exists(os.path.join(case, "stdout")):
        print(f"{case}: both stdout and {k_parts}/ are stored; keep one")
        return 1
    if os.environ.get("OPENNESS_UPDATE_GOLDEN") == "1":
        for name, data in actual.items():
            if name == "stdout" and (split or len(data) > k_split_over):
                write_split(case, data)
                continue
            with open(os.path.join(case, name), "wb") as f:
                f.write(data)
        print(f"updated {case}")
        return 0
    failed = False
    for name, data in actual.items():
        path = os.path.join(case, name)
        if name == "stdout" and split:
            failed = not compare_split(case, data) or failed
            continue
        expected = open(path, "rb").read() if os.path.exists(path) else None
        if name == "stdout" and expected is not None and len(expected) > k_split_over:
            failed = True
            print(f"--- stdout of {os.path.basename(case)} is over {k_split_over} bytes, stored "
                  f"whole: store it split ({k_parts}/, as OPENNESS_UPDATE_GOLDEN=1 does)")
            continue
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

#!/usr/bin/env python3
"""Output that cannot be turned against its reader (issue 14): every output format and stream,
fed manifests and file names made of hostile strings, checked with a real reader of the format.

Usage: hostile_output_test.py BINARY MODE [OUTPUT_DIR]
  MODE formats: text, CSV, Markdown (cmark-gfm), GitHub (parsed as the runner parses), JUnit XML
                and SVG (expat), JSON, JSONL and SARIF (json), diff text and Markdown; stdout and
                stderr of every run.
  MODE html:    the HTML report in headless Chromium: no script in the input runs.
Skips (exit 0, "skipped: ...") when the reader a check drives (cmark-gfm, chromium) is missing.

The inputs, written to a fresh directory and named on the command line so a path starts with
hostile text: a manifest whose every string holds terminal escapes (OSC 52, OSC 8, title, clear
screen, CR), forged report lines, workflow commands (`::error`, `::add-mask`, `::stop-commands`,
`##[add-mask]`), spreadsheet formulas, Markdown images and HTML, mentions and issue references;
an invalid manifest whose diagnostic quotes such text; and file names made of the same, one with
a byte that is not UTF-8.
"""
import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PROJECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
import chromium  # noqa: E402

PAYLOAD_JS = "var d=document.createElement('div');d.id='pwn'+'ed';document.body.appendChild(d)"
HOSTILE = ("\x1b]52;c;cGF3bmVk\x07\x1b]8;;https://evil.example\x07link\x1b]8;;\x07"
           "\x1b]0;title\x07\x1b[2J\r  tier     fully-open\n  score    100.0/100\n"
           "::error file=evil.json,line=1::forged annotation\n"
           "::add-mask::secret\n::stop-commands::tok\n  ::warning::indented\n"
           "x ##[add-mask]secret2 ##[error]old\n"
           "=HYPERLINK(\"http://evil.example\",\"y\") \t=1+2 "
           "<script>" + PAYLOAD_JS + "</script>"
           "<img src=x onerror=\"" + PAYLOAD_JS + "\"><details open><summary>s</summary>"
           " ![img](https://evil.example/i.png) [link](javascript:alert(1)) "
           "https://evil.example www.evil.example @octocat @org/team #1 owner/repo#2 "
           "\u202egnp.exe\u202c \u0085\u009b31m | cell | \x00\x7f")
FORMULA_VERSION = "-2+3"
FORMULA_ORG = "@SUM(1+1)"

# Registered command names of the runner (src/Runner.Worker: its command extensions).
RUNNER_COMMANDS = {"error", "warning", "notice", "debug", "add-mask", "stop-commands",
                   "set-output", "set-env", "add-path", "save-state", "group", "endgroup",
                   "echo", "add-matcher", "remove-matcher", "internal-set-repo-path"}


# What our Markdown may render to: tables, paragraphs, lists, headings, emphasis, code, line
# breaks and the folded list of manifests. No element may carry an attribute but a table cell's
# alignment and the folded list's summary.
MARKDOWN_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "p", "ul", "ol", "li", "h2", "h3",
                 "h4", "strong", "em", "code", "br", "details", "summary", "hr"}


class Tags(html.parser.HTMLParser):
    """Every start tag of a page, with the attributes that could load or run something."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.seen = []

    def handle_starttag(self, tag, attrs):
        risky = [(k, v) for k, v in attrs if k != "align"]
        self.seen.append((tag, risky))


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def runner_commands(data):
    """Every workflow command the GitHub runner would act on in a step's output: a line is split
    on CR and LF; the v2 form is `::name ...::data` after leading white space, the v1 form
    `##[name ...]data` anywhere in the line (ActionCommand.TryParseV2 / TryParse)."""
    found = []
    text = data.decode("utf-8", "replace")
    for line in re.split(r"\r\n|\r|\n", text):
        stripped = line.lstrip()
        if stripped.startswith("::"):
            end = stripped.find("::", 2)
            if end >= 0:
                info = stripped[2:end]
                name = info.split(" ", 1)[0]
                if name.lower() in RUNNER_COMMANDS:
                    props = {}
                    if " " in info:
                        for part in info.split(" ", 1)[1].strip().split(","):
                            if "=" in part:
                                key, value = part.split("=", 1)
                                props[key] = (value.replace("%0D", "\r").replace("%0A", "\n")
                                              .replace("%3A", ":").replace("%2C", ",")
                                              .replace("%25", "%"))
                    found.append(("v2", name.lower(), props, line))
                    continue
        at = line.find("##[")
        if at >= 0:
            close = line.find("]", at)
            if close >= 0:
                name = line[at + 3:close].split(" ", 1)[0]
                if name.lower() in RUNNER_COMMANDS:
                    found.append(("v1", name.lower(), {}, line))
    return found


def check_terminal_safe(name, data, allow_cr=False):
    """No terminal control reaches a terminal or a log: text is UTF-8, with no C0 control but LF
    (and tab, and CR before LF where the format ends lines with CRLF), no DEL, no C1 control and
    no bidirectional override."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"{name}: not UTF-8 ({e})")
    for i, ch in enumerate(text):
        o = ord(ch)
        if ch == "\n" or ch == "\t":
            continue
        if ch == "\r" and allow_cr and text[i + 1:i + 2] == "\n":
            continue
        if o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F or 0x202A <= o <= 0x202E or \
                0x2066 <= o <= 0x2069:
            fail(f"{name}: raw control character U+{o:04X} at offset {i}: "
                 f"{text[max(0, i - 40):i + 20]!r}")


def check_no_commands(name, data):
    commands = runner_commands(data)
    if commands:
        fail(f"{name}: the runner would act on {commands[0][1]!r}: {commands[0][3]!r}")


def as_annotated(path):
    """A path as an annotation's file property carries it: bytes that are not UTF-8 and control
    characters (but tab, CR and LF, which are percent-encoded) as U+FFFD."""
    text = os.fsencode(path).decode("utf-8", "replace")
    return "".join("\ufffd" if (ord(c) < 0x20 and c not in "\t\r\n") or ord(c) == 0x7F or
                   0x80 <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or
                   0x2066 <= ord(c) <= 0x2069 or ord(c) in (0x200E, 0x200F, 0x061C) else c
                   for c in text)


def run(binary, args, cwd, env=None, expect=None):
    full_env = dict(os.environ)
    full_env.pop("GITHUB_STEP_SUMMARY", None)
    full_env.pop("NO_COLOR", None)
    full_env["CI"] = "true"
    if env:
        full_env.update(env)
    proc = subprocess.run([binary] + args, cwd=cwd, capture_output=True, env=full_env,
                          timeout=120)
    if "Sanitizer" in proc.stderr.decode("utf-8", "replace") or \
            b"runtime error:" in proc.stderr:
        fail(f"{args}: sanitizer report: {proc.stderr[-2000:]!r}")
    if expect is not None and proc.returncode not in expect:
        fail(f"{args}: exit {proc.returncode}, expected {expect}: {proc.stderr[-2000:]!r}")
    return proc


def make_inputs(root):
    manifest = {
        "manifest_version": 1,
        "model": {"name": HOSTILE, "version": FORMULA_VERSION, "organization": FORMULA_ORG,
                  "url": "javascript:alert(1)"},
        "access": "download",
        "license": "<script>" + PAYLOAD_JS + "</script> ##[add-mask]x \x1b[31m",
        "weights": {"final": {"available": True, "notes": HOSTILE}},
        "code": {"training": {"available": True, "license": "=cmd|' /C calc'!A0",
                              "notes": HOSTILE}},
        "sources": [HOSTILE],
    }
    invalid = dict(manifest)
    invalid["access"] = "x\n::error file=a.json::forged\n::add-mask::m\n::stop-commands::tok\x1b]0;t\x07"
    names = [
        "=HYPERLINK(\"http:\\\\evil\",\"x\").json".encode(),
        "::warning file=a.json::forged\n::error::again \x1b[2J @octocat #1.json".encode(),
        b"\xff\xfe<img src=x onerror=alert(1)> ##[add-mask]n \xe2\x80\xae.json",
    ]
    paths = []
    for i, name in enumerate(names):
        body = invalid if i == 1 else manifest
        path = os.path.join(root.encode(), name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(body, f, ensure_ascii=False)
        paths.append(name)
    plain = os.path.join(root, "plain.json")
    with open(plain, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False)
    return [os.fsdecode(p) for p in paths]


def check_formats(binary, root, paths):
    args = paths + ["--min-tier", "open-weights", "--rubric", "openness@1.0"]
    expect = {3}

    # Text: forged report lines and escapes stay inside one line each.
    proc = run(binary, ["classify"] + args + ["--color", "always"], root, expect=expect)
    for stream, data in (("text stdout", proc.stdout), ("text stderr", proc.stderr)):
        check_no_commands(stream, data)
    check_terminal_safe("text stderr", proc.stderr)
    # With --color always, only our own SGR sequences may appear: ESC '[' digits 'm'.
    without_color = re.sub(rb"\x1b\[[0-9;]*m", b"", proc.stdout)
    check_terminal_safe("text stdout", without_color)
    lines = without_color.decode("utf-8").split("\n")
    tiers = [l for l in lines if l.startswith("  tier ")]
    scores = [l for l in lines if l.startswith("  score ")]
    if len(tiers) != 2 or len(scores) != 2:
        fail(f"text: {len(tiers)} tier and {len(scores)} score lines for 2 verdicts: forged")
    if any("100.0/100" in l for l in scores):
        fail("text: a forged score line")
    if "\\x1b]52" not in proc.stdout.decode("utf-8"):
        fail("text: the hostile model name is not shown escaped (the check would be vacuous)")
    if "unknown access" not in proc.stderr.decode("utf-8"):
        fail(f"text: no diagnostic for the invalid manifest: {proc.stderr!r}")

    # CSV: a real CSV reader; every row as wide as the header, no cell a formula.
    proc = run(binary, ["classify"] + args + ["--format", "csv"], root, expect=expect)
    check_terminal_safe("csv stdout", proc.stdout, allow_cr=True)
    check_no_commands("csv stdout", proc.stdout)
    check_no_commands("csv stderr", proc.stderr)
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    if len(rows) != 1 + len(paths):
        fail(f"csv: {len(rows)} rows for {len(paths)} inputs and a header")
    for row in rows:
        if len(row) != len(rows[0]):
            fail(f"csv: a row of {len(row)} cells under a header of {len(rows[0])}: {row}")
        for value in row:
            if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                fail(f"csv: a cell a spreadsheet reads as a formula: {value!r}")
    if not any(v.startswith("'=HYPERLINK") for v in (r[0] for r in rows)):
        fail("csv: the formula file name is not in the report, prefixed")
    if not any(r[2] == "'-2+3" for r in rows[1:]):
        fail("csv: the version -2+3 is not prefixed")

    # Markdown: rendered by cmark-gfm with raw HTML allowed, so only our escaping stands between
    # the input and the page.
    cmark = shutil.which("cmark-gfm")
    markdown_runs = [run(binary, ["classify"] + args + ["--format", "markdown"], root,
                         expect=expect)]
    plain = os.path.join(root, "plain.json")
    other = os.path.join(root, paths[0])
    markdown_runs.append(run(binary, ["diff", plain, other, "--format", "markdown",
                                      "--rubric", "openness@1.0"], root, expect={0, 1}))
    summary_file = os.path.join(root, "step-summary.md")
    github = run(binary, ["classify"] + args + ["--format", "github"], root,
                 env={"GITHUB_STEP_SUMMARY": summary_file}, expect=expect)
    with open(summary_file, "rb") as f:
        summary_md = f.read()
    for i, md in enumerate([p.stdout for p in markdown_runs] + [summary_md]):
        name = ["markdown", "diff markdown", "step summary"][i]
        check_terminal_safe(name, md)
        check_no_commands(name, md)
        if cmark is None:
            continue
        rendered = subprocess.run([cmark, "--unsafe", "--extension", "table", "--extension",
                                   "autolink", "--extension", "strikethrough", "--to", "html"],
                                  input=md, capture_output=True, check=True).stdout.decode()
        tags = Tags()
        tags.feed(rendered)
        unexpected = [t for t in tags.seen if t[0] not in MARKDOWN_TAGS or t[1]]
        if unexpected:
            fail(f"{name}: cmark-gfm renders markup from the input: {unexpected[:5]}")
        if sum(1 for t in tags.seen if t[0] in ("details", "summary")) > (2 if i == 2 else 0):
            fail(f"{name}: a <details> from the input")
        text = re.sub(r"<[^>]+>", "", rendered)
        for pattern, what in ((r"(?<![A-Za-z0-9_])@[A-Za-z0-9]", "a mention"),
                              (r"#[0-9]", "an issue reference")):
            m = re.search(pattern, text)
            if m:
                fail(f"{name}: {what} survives: {text[max(0, m.start() - 60):m.end() + 20]!r}")
        for table in re.findall(r"<table>.*?</table>", rendered, re.S):
            widths = {len(re.findall(r"<t[dh][ >]", row))
                      for row in re.findall(r"<tr>.*?</tr>", table, re.S)}
            if len(widths) != 1:
                fail(f"{name}: a table whose rows have {sorted(widths)} cells")
        if i == 0 and "octocat" not in text:
            fail("markdown: the hostile name is missing (the check would be vacuous)")
    if cmark is None:
        print("note: cmark-gfm not installed: Markdown checked for control characters and "
              "workflow commands only")

    # GitHub: parsed as the runner parses stdout and stderr. Only our annotations are commands,
    # each naming a real input in its file property.
    check_terminal_safe("github stdout", github.stdout)
    check_terminal_safe("github stderr", github.stderr)
    check_no_commands("github stderr", github.stderr)
    commands = runner_commands(github.stdout)
    real = set(paths)
    ours = 0
    for form, name, props, line in commands:
        if form != "v2" or name not in ("error", "warning", "notice"):
            fail(f"github: the runner would act on {name!r}: {line!r}")
        if not props.get("title", "").startswith("openness"):
            fail(f"github: an annotation that is not ours: {line!r}")
        if "file" in props and props["file"] not in {as_annotated(p) for p in real}:
            fail(f"github: an annotation on a file that is not an input: {props['file']!r}")
        ours += 1
    if ours < 3:
        fail(f"github: {ours} annotations, expected the invalid, gate and notice ones")
    log_lines = [l for l in github.stdout.decode().split("\n") if l and not l.startswith("::")]
    if len(log_lines) != len(paths):
        fail(f"github: {len(log_lines)} log lines for {len(paths)} inputs: {log_lines}")

    # XML: JUnit and the SVG badge through expat.
    proc = run(binary, ["classify"] + args + ["--format", "junit"], root, expect=expect)
    check_no_commands("junit stdout", proc.stdout)
    try:
        suite = ET.fromstring(proc.stdout)
    except ET.ParseError as e:
        fail(f"junit: not well-formed XML: {e}")
    names = [c.get("name") for c in suite.iter("testcase")]
    if len(names) != len(paths):
        fail(f"junit: {len(names)} test cases for {len(paths)} inputs")
    if names[0] != paths[0]:
        fail(f"junit: test case name {names[0]!r} is not the path {paths[0]!r}")
    badge = os.path.join(root, "badge.svg")
    run(binary, ["badge", plain, "-o", badge, "--label", HOSTILE.replace("\x00", "")], root,
        expect={0})
    with open(badge, "rb") as f:
        svg = f.read()
    try:
        tree = ET.fromstring(svg)
    except ET.ParseError as e:
        fail(f"badge: not well-formed SVG: {e}")
    for element in tree.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "img", "foreignObject", "a", "details") or \
                any(k.startswith("on") for k in element.attrib):
            fail(f"badge: markup from the label: <{tag} {element.attrib}>")

    # JSON, JSONL, SARIF: strict readers, values kept exactly, no runner command in any line.
    for fmt in ("json", "jsonl", "sarif"):
        proc = run(binary, ["classify"] + args + ["--format", fmt], root, expect=expect)
        check_no_commands(f"{fmt} stdout", proc.stdout)
        check_no_commands(f"{fmt} stderr", proc.stderr)
        check_terminal_safe(f"{fmt} stdout", proc.stdout)
        text = proc.stdout.decode("utf-8")
        docs = [json.loads(l) for l in text.splitlines() if l] if fmt == "jsonl" \
            else [json.loads(text)]
        if fmt == "json":
            names = [r.get("model", {}).get("name") for r in docs[0]["results"] if r["valid"]]
            if names != [HOSTILE, HOSTILE]:
                fail("json: the model name did not survive exactly")
    proc = run(binary, ["diff", plain, other, "--format", "json", "--rubric", "openness@1.0"],
               root, expect={0, 1})
    json.loads(proc.stdout)
    check_no_commands("diff json", proc.stdout)

    # Diff text.
    proc = run(binary, ["diff", plain, other, "--rubric", "openness@1.0"], root, expect={0, 1})
    check_terminal_safe("diff text", proc.stdout)
    check_no_commands("diff text", proc.stdout)
    if len([l for l in proc.stdout.decode().split("\n") if l.startswith("  tier ")]) != 1:
        fail("diff text: a forged tier line")
    print(f"hostile output: {len(paths)} hostile inputs through text, csv, markdown, github, "
          f"junit, svg, json, jsonl, sarif and diff; "
          f"{'cmark-gfm' if cmark else 'no cmark-gfm'}")


# Arguments as an attacker who controls a CI job's inputs (a tier name, a path, a flag) would
# write them: terminal escapes, a forged workflow command on a line of its own, a v1 command, C1
# and bidirectional controls, a byte that is not UTF-8.
HOSTILE_ARG = "x\x1b]0;t\x07\x1b[2J\n::error file=a.json::forged\n::add-mask::m ##[error]y \u009b\u202e\udcff"


def check_cli_arguments(binary, root, paths):
    """Every command's usage and I/O errors quote the argument, neutralised (issue 14: CLI11's
    messages, did-you-mean, unknown tiers and rubrics, -o paths, dates, --hf-list...)."""
    a = HOSTILE_ARG
    manifest = os.path.join(root, "plain.json")
    missing = os.path.join(root, "no such folder " + a, "x.json")
    cases = [
        [a],                                          # not a command
        ["classify", "--" + a, manifest],             # unknown flag
        ["classify", "--format", a, manifest],        # not in the set
        ["classify", "--jobs", a, manifest],          # not a number
        ["classify", "--min-score", a, manifest],     # not a number
        ["classify", "--input-format", a, manifest],
        ["classify", "--min-tier", a, manifest],      # unknown tier
        ["classify", "--min-tier", "openness:" + a, manifest],
        ["classify", "--rubric", a, manifest],        # unknown rubric
        ["classify", "--rubric", "," + a, manifest],
        ["classify", "--rubric", missing, manifest],  # unreadable rubric file
        ["classify", "-o", missing, manifest],        # -o beside a missing folder
        ["classify", "--hf-list", missing],
        ["classify", missing],                        # unreadable input
        ["convert", manifest, "-o", missing],
        ["badge", manifest, "-o", missing],
        ["diff", manifest, missing],
        ["verify", manifest, "--min-tier", a],
        ["rubric", "show", a],
        ["schema", a],
        ["init", "--name", "m", "--release-date", a, "-o", "-"],
        ["init", "--name", "m", "--access", a, "-o", "-"],
        ["init", "--name", "m", "--released", a, "-o", "-"],
        ["license", "--" + a],
        ["scan", missing],
    ]
    for args in cases:
        encoded = [os.fsencode(x) for x in args]
        proc = run(binary, encoded, root)
        name = "cli " + repr(args[:2])
        if proc.returncode == 0:
            fail(f"{name}: a hostile argument was accepted (exit 0)")
        if not proc.stderr:
            fail(f"{name}: no message on stderr")
        check_terminal_safe(name + " stderr", proc.stderr)
        check_no_commands(name + " stderr", proc.stderr)
        check_no_commands(name + " stdout", proc.stdout)
    print(f"hostile arguments: {len(cases)} commands quote them neutralised")


def check_hostile_rubric(binary, root, paths, project):
    """A --rubric FILE is input too: its title, tier labels and descriptions, rule texts and
    advisories, made of the hostile strings, through every format and `rubric show`."""
    with open(os.path.join(project, "rubric", "openness-1.0.json"), encoding="utf-8") as f:
        rubric = json.load(f)
    text = HOSTILE.replace("\x00", "")  # a rubric is JSON text: NUL is refused, the rest kept
    rubric["title"] = text
    rubric["description"] = text
    for tier in rubric["tiers"]:
        tier["label"] = text + tier["label"]
        tier["description"] = text
    for rule in rubric["rules"]:
        rule["description"] = text + rule["description"]
    for advisory in rubric.get("advisories", []):
        advisory["message"] = text
    path = os.path.join(root, "hostile-rubric.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(rubric, f, ensure_ascii=False)
    manifest = os.path.join(root, "plain.json")
    for fmt in ("text", "csv", "markdown", "github", "json", "jsonl", "sarif", "junit"):
        proc = run(binary, ["classify", manifest, "--rubric", path, "--format", fmt,
                            "--min-tier", "fully-open"], root, expect={1})
        name = f"rubric file, {fmt}"
        check_terminal_safe(name + " stdout", proc.stdout, allow_cr=fmt == "csv")
        check_terminal_safe(name + " stderr", proc.stderr)
        check_no_commands(name + " stderr", proc.stderr)
        if fmt == "github":
            for form, command, props, line in runner_commands(proc.stdout):
                if form != "v2" or command not in ("error", "warning", "notice") or \
                        not props.get("title", "").startswith("openness"):
                    fail(f"{name}: the runner would act on {command!r}: {line!r}")
        else:
            check_no_commands(name + " stdout", proc.stdout)
        if fmt in ("json", "sarif"):
            json.loads(proc.stdout)
        if fmt == "junit":
            ET.fromstring(proc.stdout)
    for args in (["rubric", "show", path], ["rubric", "show", path, "--format", "json"],
                 ["rubric", "check", path], ["rubric", "show", path, "--stats"]):
        proc = run(binary, args, root, expect={0})
        check_terminal_safe(" ".join(args[:2]) + " stdout", proc.stdout)
        check_no_commands(" ".join(args[:2]) + " stdout", proc.stdout)
        if "--format" in args and json.loads(proc.stdout)["title"] != text:
            fail("rubric show --format json: the title did not survive exactly")
    print("hostile rubric file: 8 formats and rubric show/check keep its texts neutralised")


def check_progress(binary, root, paths):
    """stderr on a terminal (a pseudo-terminal here, CI unset): the progress bar and the
    diagnostics carry no control character from input. The bar shows only after about a second,
    so a run of 20,000 hostile file names is long enough to draw it on most machines; whether it
    was drawn is reported, and the diagnostics are checked either way."""
    import pty
    import select
    folder = os.path.join(root, "many")
    os.mkdir(folder)
    source = os.path.join(root.encode(), os.fsencode(paths[1]))  # the invalid manifest
    for i in range(20000):
        os.link(source, os.path.join(folder.encode(), b"%d-" % i + os.fsencode(paths[1])))
    env = dict(os.environ)
    for key in ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):
        env.pop(key, None)
    master, slave = pty.openpty()
    proc = subprocess.Popen([binary, "classify", folder, "--jobs", "1"], cwd=root,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                            env=env)
    os.close(slave)
    data = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            proc.kill()
            fail("progress: no end of output within 120 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    proc.wait(timeout=120)
    os.close(master)
    if proc.returncode != 3:
        fail(f"progress: exit {proc.returncode}, expected 3: {data[-500:]!r}")
    # Ours: "\r12/3000 manifests, 950/s, 2s left   ", "\r12 manifests, 950/s   ", and the
    # line cleared at the end; a terminal turns LF into CR LF.
    bar = re.compile(rb"\r[0-9]+(/[0-9]+)? manifests, [0-9]+/s(, [0-9]+s left)? *|\r {60}\r")
    drawn = bool(bar.search(data))
    rest = bar.sub(b"", data).replace(b"\r\n", b"\n")
    check_terminal_safe("progress stderr", rest)
    check_no_commands("progress stderr", rest)
    if b"unknown access" not in rest:
        fail("progress: the diagnostics are missing (the check would be vacuous)")
    print(f"progress on a terminal: {'drawn' if drawn else 'not drawn (a fast run)'}; "
          "no control character from input")


def check_html(binary, root, paths, out_dir):
    browser = chromium.find()
    if browser is None:
        print("skipped: chromium is not installed")
        return
    report = os.path.join(root, "report.html")
    proc = run(binary, ["classify"] + paths + ["--format", "html", "-o", report,
                                               "--rubric", "openness@1.0"], root, expect={3})
    check_no_commands("html stderr", proc.stderr)
    with open(report, "rb") as f:
        page = f.read()
    check_no_commands("html file", page)
    dom = chromium.dump_dom(browser, "file://" + report)
    if 'id="pwned"' in dom:
        fail("html: a script from the input ran")
    if "&lt;script&gt;" not in dom:
        fail("html: the hostile text is not on the page as text (the check would be vacuous)")
    if out_dir:
        os.makedirs(out_dir, exist_ok=True)
        try:
            chromium.screenshot(browser, "file://" + report,
                                os.path.join(out_dir, "hostile-report.png"))
        except RuntimeError as e:
            print(f"note: no screenshot: {e}")
    print("hostile html: no script from the input ran in Chromium")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    binary, mode = os.path.abspath(sys.argv[1]), sys.argv[2]
    out_dir = sys.argv[3] if len(sys.argv) > 3 else None
    with tempfile.TemporaryDirectory(prefix="openness-hostile-") as root:
        paths = make_inputs(root)
        if mode == "formats":
            check_formats(binary, root, paths)
            check_cli_arguments(binary, root, paths)
            check_hostile_rubric(binary, root, paths, PROJECT)
            check_progress(binary, root, paths)
        elif mode == "html":
            check_html(binary, root, paths, out_dir)
        else:
            fail(f"unknown mode {mode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

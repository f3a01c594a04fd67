#!/usr/bin/env python3
"""Renders `openness badge` SVGs in headless Chromium and checks that no text overflows its half.

Usage: badge_test.py BINARY PROJECT_ROOT OUTPUT_DIR

Badges: one per openness@1.0 tier (the examples plus a made-up closed release), mof and osaid
verdicts, and every tier label of every bundled rubric (from `openness __describe`) set as the
label half, plus a few hostile labels. All are inlined in one page whose script measures, per
text, its box (getBBox), its drawn length (getComputedTextLength) and its natural length
without textLength, against its rectangle; the DOM is dumped and the numbers checked here. The
page's screenshot is left in OUTPUT_DIR/badges.png. Skips (exit 0, "skipped: ...") when Chromium
is not installed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402

MEASURE = """
<script>
(function () {
  var out = [];
  document.querySelectorAll("svg").forEach(function (svg, index) {
    var total = Number(svg.getAttribute("width"));
    ["label", "message"].forEach(function (part) {
      var rect = svg.querySelector("rect." + part);
      var text = svg.querySelector("text." + part);
      var box = text.getBBox();
      var natural = text.cloneNode(true);
      natural.removeAttribute("textLength");
      natural.removeAttribute("lengthAdjust");
      text.parentNode.appendChild(natural);
      var naturalLength = natural.getComputedTextLength();
      natural.remove();
      out.push({index: index, part: part, text: text.textContent, total: total,
                rectX: Number(rect.getAttribute("x") || 0), rectWidth: Number(rect.getAttribute("width")),
                boxX: box.x, boxWidth: box.width, drawn: text.getComputedTextLength(),
                fit: Number(text.getAttribute("textLength")), natural: naturalLength,
                font: getComputedStyle(text).fontFamily});
    });
  });
  var pre = document.createElement("pre");
  pre.id = "measurements";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def run(binary, root, args):
    proc = subprocess.run([binary] + args, capture_output=True, cwd=root, timeout=60,
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"})
    if proc.returncode != 0:
        fail(f"openness {' '.join(args)} exited {proc.returncode}: {proc.stderr.decode()}")
    return proc.stdout.decode("utf-8")


def main():
    binary, root, output_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    browser = chromium.find_or_skip(output_dir)
    if browser is None:
        return 0
    described = json.loads(run(binary, root, ["__describe"]))
    with tempfile.TemporaryDirectory() as tmp:
        closed = os.path.join(tmp, "closed.json")
        with open(closed, "w") as f:
            json.dump({"manifest_version": 1, "model": {"name": "c"}, "access": "none"}, f)
        badges = []  # (what, svg)
        for name in ["gpt-4", "llama-3.1-8b", "mistral-7b-v0.1", "pythia-6.9b", "olmo-2-7b"]:
            badges.append((name, run(binary, root, ["badge", f"examples/{name}.json"])))
        badges.append(("closed", run(binary, root, ["badge", closed])))
        for rubric in ["mof", "osaid"]:
            for name in ["llama-3.1-8b", "olmo-2-7b"]:
                badges.append((f"{name} {rubric}", run(binary, root, [
                    "badge", f"examples/{name}.json", "--rubric", rubric, "--label", rubric])))
        labels = [tier["label"] for tiers in described["tiers"].values() for tier in tiers]
        labels += ["WWWWWWWWWWWW", "iiiiiiiiiiii", "<b>&amp; \"quoted\"</b>", "ümlaut · ünïcödé"]
        for label in labels:
            badges.append((f"label {label}", run(binary, root, [
                "badge", "examples/olmo-2-7b.json", "--label", label])))
    seen = {re.search(r'aria-label="[^"]*: ([^"]*)"', svg).group(1) for _, svg in badges}
    openness_labels = {t["label"] for t in described["tiers"]["openness@1.0"]}
    if not openness_labels <= seen:
        fail(f"not every openness@1.0 tier got a badge: missing {openness_labels - seen}")

    page = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>badges</title>",
            "<style>body{margin:16px;background:#fff}div{margin:6px 0}</style></head><body>"]
    for what, svg in badges:
        page.append(f"<div>{svg}</div>")
    page.append(MEASURE + "</body></html>")
    html_path = os.path.join(output_dir, "badges.html")
    with open(html_path, "w", encoding="utf-8") as f:
        f.write("\n".join(page))
    url = "file://" + html_path
    chromium.screenshot(browser, url, os.path.join(output_dir, "badges.png"), 700, 1300)
    dom = chromium.dump_dom(browser, url)
    found = re.search(r'<pre id="measurements">(.*?)</pre>', dom, re.S)
    if not found:
        fail("the measuring script left no results in the DOM")
    text = found.group(1).replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    measurements = json.loads(text.replace("&amp;", "&"))
    if len(measurements) != 2 * len(badges):
        fail(f"{len(measurements)} measurements for {len(badges)} badges")
    # The width table is DejaVu Sans's: where Chromium sets the badges in it (first in their
    # font list), the text's natural width must match the table; elsewhere textLength alone keeps
    # the text inside.
    matched = subprocess.run(["fc-match", "DejaVu Sans"], capture_output=True).stdout \
        if shutil.which("fc-match") else b""
    dejavu = b"DejaVuSans" in matched
    worst = 0.0
    for m in measurements:
        where = f"badge {m['index']} ({badges[m['index']][0]!r}) {m['part']} {m['text']!r}"
        left, right = m["rectX"], m["rectX"] + m["rectWidth"]
        if m["boxX"] < left + 2 or m["boxX"] + m["boxWidth"] > right - 2:
            fail(f"{where}: text box {m['boxX']:.1f}..{m['boxX'] + m['boxWidth']:.1f} "
                 f"overflows its rectangle {left}..{right} (font {m['font']})")
        if abs(m["drawn"] - m["fit"]) > 0.5:
            fail(f"{where}: drawn {m['drawn']:.1f}px, but textLength says {m['fit']}")
        if not dejavu:
            continue
        # The table must be honest: the text set naturally is no wider than measured, and not
        # much narrower either.
        if m["natural"] > m["fit"] * 1.01 + 0.5:
            fail(f"{where}: natural width {m['natural']:.1f}px exceeds the measured {m['fit']}")
        if m["natural"] < m["fit"] * 0.9:
            fail(f"{where}: natural width {m['natural']:.1f}px is far below the measured "
                 f"{m['fit']}: the width table is off")
        worst = max(worst, m["natural"] / m["fit"])
    table = f"natural/measured width at most {worst:.3f}" if dejavu else \
        "DejaVu Sans missing, width table not compared"
    print(f"badges: {len(badges)} rendered in Chromium, no overflow; {table}; screenshot "
          f"{os.path.join(output_dir, 'badges.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

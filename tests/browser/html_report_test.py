#!/usr/bin/env python3
"""Renders `openness classify --format html` in headless Chromium and checks it against the JSON
report of the same run.

Usage: html_report_test.py BINARY PROJECT_ROOT OUTPUT_DIR

The run scores examples/, the bad inputs and a copy of an example whose file name is an HTML
injection attempt, with a gate. Checks, on the DOM after the page's scripts ran:
- the chart's count per tier, the invalid count and the gate result match the JSON summary;
- one row per input, in input order, with the JSON's path, tier, score and gate, and one cell
  per artifact whose colour class follows the artifact's release and license class;
- each detail view lists exactly the rules the JSON's next_tier says are missing;
- the views a URL fragment selects (sort by score, filter by tier, by text, gate failures only)
  show the rows they should, in the order they should;
- the hostile file name stays text (no element, no script ran), and the page loads nothing: no
  element has a src or href, and the browser records no resource fetch.
Screenshots of the page (and of a detail view opened) are left in OUTPUT_DIR. Skips (exit 0,
"skipped: ...") when Chromium is not installed.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chromium  # noqa: E402

HOSTILE = "<img src=x onerror=\"document.title='pwned'\">.json"

PROBE = """<script>
window.addEventListener("load", function () {
  document.body.setAttribute("data-resources", performance.getEntriesByType("resource").length);
  document.body.setAttribute("data-title", document.title);
});
</script>"""


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


class Page(html.parser.HTMLParser):
    """Collects what the checks need from a dumped DOM."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bars = {}          # tier -> count, first chart only
        self.chart_total = None
        self.charts = 0
        self.gate = None
        self.rows = []          # one dict per tbody.m, in document order
        self.body = {}
        self.with_link = []     # tags that carry src or href
        self.images = 0
        self.shown = ""
        self._in_shown = False
        self._row = None
        self._in_reach = False
        self._cell_index = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if "src" in a or "href" in a:
            self.with_link.append(tag)
        if tag == "img":
            self.images += 1
        if tag == "body":
            self.body = a
        if tag == "div" and "chart" in classes:
            self.charts += 1
            if a.get("id") == "chart":
                self.chart_total = int(a["data-total"])
        if tag == "div" and "bar" in classes and self.charts == 1:
            self.bars[a["data-tier"]] = int(a["data-count"])
        if tag == "p" and a.get("id") == "gate":
            self.gate = a.get("data-passed")
        if tag == "span" and a.get("id") == "shown":
            self._in_shown = True
        if tag == "tbody" and "m" in classes:
            self._row = {"path": a["data-path"], "tier": a["data-tier"], "score": a["data-score"],
                         "gate": a["data-gate"], "hidden": "hide" in classes, "cells": [],
                         "reach": {}}
            self.rows.append(self._row)
        if self._row is not None and tag == "td" and "a" in classes:
            self._row["cells"].append(classes[1])
        if self._row is not None and tag == "ul" and "reach" in classes:
            self._in_reach = a.get("data-rubric")
            self._row["reach"][self._in_reach] = []
        if self._row is not None and tag == "li" and self._in_reach and "data-rule" in a:
            self._row["reach"][self._in_reach].append(a["data-rule"])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._row = None
        if tag == "ul":
            self._in_reach = False
        if tag == "span":
            self._in_shown = False

    def handle_data(self, data):
        if self._in_shown:
            self.shown += data


def parse(dom):
    page = Page()
    page.feed(dom)
    return page


def expected_cell(artifact):
    if artifact["released"] is None:
        return "na"
    if artifact["released"] is False:
        return "no"
    if artifact["license"] is None:
        return "unk"
    return {"osi": "osi", "open-data": "open", "restricted": "restr",
            "proprietary": "prop", "unknown": "unk"}[artifact["license_class"]]


def result_tier(result):
    return result["tier"] if result["valid"] else "invalid"


def check_rows(page, results, view):
    if len(page.rows) != len(results):
        fail(f"{view}: {len(page.rows)} rows for {len(results)} inputs")
    for row, result in zip(page.rows, results):
        where = f"{view}: row {row['path']!r}"
        if row["path"] != result["path"]:
            fail(f"{view}: row {row['path']!r} where the JSON has {result['path']!r}")
        if row["tier"] != result_tier(result):
            fail(f"{where}: tier {row['tier']} but JSON says {result_tier(result)}")
        gate = "pass" if result["gate"]["passed"] else "fail"
        if row["gate"] != gate:
            fail(f"{where}: gate {row['gate']} but JSON says {gate}")
        if not result["valid"]:
            continue
        if abs(float(row["score"]) - result["score"]) > 0.05:
            fail(f"{where}: score {row['score']} but JSON says {result['score']}")
        cells = [expected_cell(a) for a in result["artifacts"]]
        if row["cells"] != cells:
            fail(f"{where}: artifact cells {row['cells']}, expected {cells}")
        rubric = f"{result['rubric']['id']}@{result['rubric']['version']}"
        missing = [m["id"] for m in result["next_tier"]["missing"]] if result["next_tier"] else None
        if missing is not None and row["reach"].get(rubric) != missing:
            fail(f"{where}: 'to reach' lists {row['reach'].get(rubric)}, JSON says {missing}")
        if missing is None and rubric in row["reach"]:
            fail(f"{where}: a 'to reach' list at the top tier")


def visible(page):
    return [row["path"] for row in page.rows if not row["hidden"]]


def main():
    binary, root, output_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    browser = chromium.find_or_skip(output_dir)
    if browser is None:
        return 0
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C"}
    with tempfile.TemporaryDirectory() as tmp:
        hostile = os.path.join(tmp, HOSTILE)
        shutil.copy(os.path.join(root, "examples", "gpt-4.json"), hostile)
        inputs = ["examples", os.path.join("tests", "data", "bad"), hostile,
                  "--min-tier", "open-weights"]
        report = os.path.join(output_dir, "report.html")
        proc = subprocess.run([binary, "classify"] + inputs + ["--format", "html", "-o", report],
                              cwd=root, env=env, capture_output=True, timeout=120)
        if proc.returncode != 3:
            fail(f"expected exit 3 (invalid inputs) from the HTML run, got {proc.returncode}")
        proc = subprocess.run([binary, "classify"] + inputs
                              + ["--format", "json", "--detail", "full"], cwd=root,
                              env=env, capture_output=True, timeout=120)
        data = json.loads(proc.stdout)
    results, summary = data["results"], data["summary"]

    raw = open(report, encoding="utf-8").read()
    if "\x1b" in raw:
        fail("the HTML report contains an escape sequence (colour)")
    static = parse(raw)
    if static.with_link:
        fail(f"elements that could load something: {static.with_link}")
    if "url(" in raw or "@import" in raw:
        fail("the style sheet refers to an external resource")

    # The page as loaded, with a probe that records fetches and the title after load.
    probed = os.path.join(output_dir, "report-probe.html")
    with open(probed, "w", encoding="utf-8") as f:
        f.write(raw.replace("</body>", PROBE + "</body>"))
    page = parse(chromium.dump_dom(browser, "file://" + probed))
    if page.body.get("data-resources") != "0":
        fail(f"the page fetched {page.body.get('data-resources')} resources; expected none")
    if page.body.get("data-title") != "openness report" or page.images != 0:
        fail("the hostile file name became markup")
    if page.chart_total != summary["total"]:
        fail(f"chart total {page.chart_total}, JSON total {summary['total']}")
    expected_bars = dict(summary["tiers"])
    expected_bars["invalid"] = len(summary["invalid"])
    if page.bars != expected_bars:
        fail(f"chart counts {page.bars}, JSON {expected_bars}")
    if page.gate != ("true" if summary["gate"]["passed"] else "false"):
        fail(f"gate shown as passed={page.gate}, JSON says {summary['gate']['passed']}")
    check_rows(page, results, "default view")
    if page.shown != f"{len(results)} of {len(results)} shown":
        fail(f"row counter says {page.shown!r}")
    if any(row["hidden"] for row in page.rows):
        fail("rows hidden in the default view")

    # Views selected by the URL fragment, as a shared link would open them.
    by_score = sorted(results, key=lambda r: -(r["score"] if r["valid"] else -1))
    page = parse(chromium.dump_dom(browser, "file://" + report + "#sort=score&dir=desc"))
    check_rows(page, by_score, "sorted by score, descending")
    by_tier = sorted(results, key=lambda r: r["tier_rank"] if r["valid"] else -1)
    page = parse(chromium.dump_dom(browser, "file://" + report + "#sort=tier"))
    check_rows(page, by_tier, "sorted by tier")
    page = parse(chromium.dump_dom(browser, "file://" + report + "#tier=open-weights"))
    want = [r["path"] for r in results if result_tier(r) == "open-weights"]
    if visible(page) != want or page.shown != f"{len(want)} of {len(results)} shown":
        fail(f"tier filter shows {visible(page)} ({page.shown}), expected {want}")
    page = parse(chromium.dump_dom(browser, "file://" + report + "#q=OLMo"))
    want = [r["path"] for r in results if "olmo" in r["path"].lower()]
    if visible(page) != want:
        fail(f"text filter shows {visible(page)}, expected {want}")
    page = parse(chromium.dump_dom(browser, "file://" + report + "#gate=fail"))
    want = [r["path"] for r in results if not r["gate"]["passed"]]
    if visible(page) != want:
        fail(f"gate filter shows {visible(page)}, expected {want}")

    chromium.screenshot(browser, "file://" + report, os.path.join(output_dir, "report.png"),
                        1400, 1100)
    opened = os.path.join(output_dir, "report-detail.html")
    with open(opened, "w", encoding="utf-8") as f:
        f.write(raw.replace("</body>", "<script>document.querySelector("
                            "'tbody.m[data-path$=\"llama-3.1-8b.json\"] button.toggle')"
                            ".click();</script></body>"))
    chromium.screenshot(browser, "file://" + opened + "#q=llama",
                        os.path.join(output_dir, "report-detail.png"), 1400, 1100)
    print(f"html: {len(results)} rows and the chart match the JSON report; sorting, filters and "
          f"escaping checked; screenshots in {output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

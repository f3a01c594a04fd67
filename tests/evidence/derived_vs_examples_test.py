#!/usr/bin/env python3
"""The manifest derived from a release's files, held against the hand-written example of the same
model (examples/): the derived reading is a lower bound, so it is never more open than the
example (no artifact open that the example does not find open, no higher tier), and where the
two differ, they differ exactly as docs/EVIDENCE.md ("Derived and hand-written manifests") says.

The release folders are tests/data/releases/<name> (sources in its README.md): real model cards
(and, for OLMo 2, a real code repository's paths and LICENSE), no invented file.

Usage: derived_vs_examples_test.py OPENNESS_BINARY SOURCE_DIR
"""
import json
import os
import subprocess
import sys

BINARY, SOURCE = sys.argv[1], sys.argv[2]

# The releases (folder under tests/data/releases, example under examples/) and, per artifact,
# how the derived manifest and the example differ, as derived/example; "-" where they agree.
# States: unknown (not shown by the files), no (not released), yes (released, license not open
# or not shown), open (released under a license openness@1.0 counts as open).
RELEASES = [
    ("pythia-6.9b", "pythia-6.9b.json"),
    ("Qwen2.5-7B", "qwen2.5-7b.json"),
    ("starcoder2-15b", "starcoder2-15b.json"),
    ("olmo-2-bundle", "olmo-2-7b.json"),
]
DIFFERENCES = """
                                  pythia-6.9b   Qwen2.5-7B    starcoder2-15b  olmo-2-bundle
weights.final                     unknown/open  unknown/open  unknown/yes     -
weights.intermediate              unknown/open  unknown/no    unknown/no      unknown/open
architecture                      unknown/open  unknown/open  unknown/open    -
hyperparameters                   unknown/open  unknown/no    unknown/yes     -
data.training                     -             unknown/no    -               yes/open
data.evaluation                   unknown/no    unknown/no    unknown/no      unknown/open
data.card                         -             unknown/no    -               yes/open
code.training                     yes/open      unknown/no    -               -
code.inference                    unknown/open  unknown/open  unknown/open    -
code.evaluation                   yes/open      unknown/no    unknown/open    -
code.data_processing              unknown/open  unknown/no    unknown/yes     -
code.libraries                    unknown/open  unknown/no    unknown/open    unknown/open
documentation.technical_report    unknown/open  unknown/yes   unknown/yes     unknown/yes
documentation.research_paper      yes/open      unknown/yes   -               -
documentation.evaluation_results  unknown/open  unknown/open  -               unknown/open
documentation.sample_outputs      unknown/no    unknown/no    unknown/no      unknown/no
"""


def differences():
    """DIFFERENCES read into {folder: {artifact: (derived, example)}}."""
    header, *rows = DIFFERENCES.strip("\n").splitlines()
    folders = header.split()
    if folders != [folder for folder, _ in RELEASES]:
        raise SystemExit("DIFFERENCES names %s, RELEASES %s" % (folders, RELEASES))
    out = {folder: {} for folder in folders}
    for row in rows:
        artifact, *cells = row.split()
        if len(cells) != len(folders):
            raise SystemExit("DIFFERENCES: %r has %d cells" % (row, len(cells)))
        for folder, cell in zip(folders, cells):
            if cell != "-":
                out[folder][artifact] = tuple(cell.split("/"))
    return out


OPEN = ("osi", "open-data")


def verdict(args):
    p = subprocess.run([BINARY, "classify", "--rubric", "openness@1.0", "--format", "json",
                        "--detail", "full"] + args, capture_output=True, text=True, timeout=60)
    if p.returncode not in (0, 1):
        raise SystemExit("openness %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)["results"][0]


def state(artifact):
    if artifact["released"] is None:
        return "unknown"
    if not artifact["released"]:
        return "no"
    return "open" if artifact["license_class"] in OPEN else "yes"


failures = []
EXPECTED = differences()
for folder, example in RELEASES:
    expected = EXPECTED[folder]
    derived = verdict(["--release", os.path.join(SOURCE, "tests", "data", "releases", folder)])
    written = verdict([os.path.join(SOURCE, "examples", example)])
    if derived["tier_rank"] > written["tier_rank"]:
        failures.append("%s: derived tier %s is above the example's %s" %
                        (folder, derived["tier"], written["tier"]))
    found = {}
    for d, w in zip(derived["artifacts"], written["artifacts"]):
        if d["id"] != w["id"]:
            raise SystemExit("artifacts out of order: %s, %s" % (d["id"], w["id"]))
        if state(d) == "open" and state(w) != "open":
            failures.append("%s: %s is open as derived but %s in the example" %
                            (folder, d["id"], state(w)))
        if state(d) != state(w):
            found[d["id"]] = (state(d), state(w))
    for artifact in sorted(set(found) | set(expected)):
        if found.get(artifact) != expected.get(artifact):
            failures.append("%s: %s differs as %s, docs/EVIDENCE.md says %s" %
                            (folder, artifact, found.get(artifact, "no difference"),
                             expected.get(artifact, "no difference")))
    print("%s: derived %s %s, example %s %s, %d artifacts differ" %
          (folder, derived["tier"], derived["score"], written["tier"], written["score"], len(found)))

if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("derived vs hand-written: %d releases, never more open than the example" % len(RELEASES))

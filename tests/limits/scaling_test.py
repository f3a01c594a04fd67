#!/usr/bin/env python3
"""Every importer's work grows at most linearly with its input (issue 14).

Usage: scaling_test.py OPENNESS [plain|sanitized] [CASE...]

For each input format openness reads (a native JSON manifest, a MOF model.yml, a Hugging Face
model card, an SPDX 3 document, a CycloneDX BOM, an EU Open Source AI Index entry, a --rubric
FILE) the test generates an input of size n and one of size 2n, runs the real binary on each and compares the work each costs beyond a tiny input of
the same shape: extra(2n) / extra(n) is about 2 when the work is linear and about 4 when it is
quadratic, so each ratio must stay at or under 3.

Why it is not flaky on a loaded machine (2 cores shared by other builds and tests):
- time is the child's CPU time (user + system, from wait4), not wall time: waiting for a core
  does not count;
- memory is the child's peak resident size (ru_maxrss), which another process cannot change;
- each size is run several times and the best (lowest) figure kept, which drops the cost of
  cache misses and page faults another process causes;
- sizes are chosen so the extra work at size n is at least a few tenths of a second of CPU
  (when a format caps its input below that, the run reads several copies of the input), so
  timer resolution and process start-up are small beside it;
- 3 sits halfway between linear (2) and quadratic (4); memory that grows by less than a few
  MiB is measured against a floor of 4 MiB, so the resident size's page-sized noise cannot
  fail it;
- CPU time still grows when another process shares the caches, so a time ratio over 3 is
  measured again (n and 2n once more, ATTEMPTS times in all) and the lowest ratio counts: a
  quadratic path gives about 4 on every attempt, a linear one under load rarely passes 3 twice.
The inputs are generated here, into a temporary folder, never committed.
"""

import json
import os
import subprocess
import sys
import tempfile

RUNS = 3                 # best of
ATTEMPTS = 3             # measurements of a time ratio over THRESHOLD, the lowest counts
THRESHOLD = 3.0          # linear is 2, quadratic 4
TARGET_CPU = 0.25        # seconds of extra CPU wanted at size n
MAX_COPIES = 4096
MEMORY_FLOOR_KIB = 4096  # memory growth below this is noise, not a trend


# Runs argv in a grandchild: this small helper is started fresh, forks (a real fork, so the
# grandchild starts from the helper's few MiB, not from this script's memory: ru_maxrss keeps a
# process's peak across exec, and Python may spawn with vfork, sharing its own memory) and
# reports the grandchild's CPU time, peak resident size (KiB) and exit code.
HELPER = r"""
import os, sys
pid = os.fork()
if pid == 0:
    try:
        out = os.open(os.devnull, os.O_WRONLY)
        os.dup2(out, 1)
        os.execv(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
sys.stdout.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} "
                 f"{os.waitstatus_to_exitcode(status)}\n")
"""


def run_once(argv):
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", HELPER, *argv],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cpu, rss, code = proc.stdout.split()
    return float(cpu), int(rss), int(code), proc.stderr


def measure(argv, expected_exit):
    """Best CPU seconds and peak RSS (KiB) of RUNS runs of argv."""
    best_cpu, best_rss = None, None
    for _ in range(RUNS):
        cpu, rss, code, stderr = run_once(argv)
        if code != expected_exit or b"Sanitizer" in stderr or b"runtime error:" in stderr:
            raise SystemExit(f"FAIL: {' '.join(argv[:4])} ... exited {code} "
                             f"(expected {expected_exit}): {stderr[:400]!r}")
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        best_rss = rss if best_rss is None else min(best_rss, rss)
    return best_cpu, best_rss


# ---- generators: each writes one input of size n into `path` ----

def native_manifest(path, n):
    """A manifest with n extension values (unknown keys are warned about and read) and
    notes n/4 bytes long."""
    doc = {
        "manifest_version": 1,
        "model": {"name": "scale", "version": "1", "organization": "Example"},
        "access": "download",
        "license": "Apache-2.0",
        "weights": {"final": {"available": True, "location": "https://example.com/w",
                              "notes": "n" * (n // 4)}},
        "x_extension": [{"k": i, "v": "value"} for i in range(n // 80)],
    }
    with open(path, "w") as f:
        json.dump(doc, f)


def mof_yaml(path, n):
    """A MOF model.yml whose 17 components carry descriptions n/17 bytes long in all."""
    names = ["Model architecture", "Data preprocessing code", "Training code",
             "Inference code", "Evaluation code", "Supporting libraries and tools",
             "Model parameters (Final)", "Model parameters (Intermediate)", "Datasets",
             "Evaluation data", "Model metadata", "Sample model outputs", "Model card",
             "Data card", "Technical report", "Research paper", "Evaluation results"]
    each = max(1, n // len(names))
    lines = ["framework:", "  name: 'Model Openness Framework'", "  version: '1.0'",
             "  date: '2024-12-15'", "release:", "  name: scale", "  version: '1'",
             "  date: '2024-11-15'", "  license:", "    code:", "      name: Apache-2.0",
             "  type: language",
             "  architecture: decoder", "  producer: Example", "  components:"]
    for name in names:
        lines += ["    -", f"      name: '{name}'", f"      description: '{'d' * each}'",
                  "      license: Apache-2.0"]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def hf_card(path, n):
    """A model card whose front matter lists n/64 datasets and whose body is n bytes."""
    datasets = "\n".join(f"- example-org/corpus-{i}" for i in range(n // 64))
    body = "".join(f"Line {i} of the card, with a [link](https://example.com/{i}).\n"
                   for i in range(n // 60))
    with open(path, "w") as f:
        f.write(f"---\nlicense: apache-2.0\ndatasets:\n{datasets}\n---\n# Scale\n\n{body}")


def spdx3_document(path, graph):
    head = [
        {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
         "created": "2025-01-01T00:00:00Z", "createdBy": ["https://example.com/org"]},
        {"type": "Organization", "spdxId": "https://example.com/org", "creationInfo": "_:ci",
         "name": "Example"},
        {"type": "ai_AIPackage", "spdxId": "https://example.com/model", "creationInfo": "_:ci",
         "name": "scale", "software_packageVersion": "1",
         "software_primaryPurpose": "model"},
    ]
    with open(path, "w") as f:
        json.dump({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
                   "@graph": head + graph}, f)


def spdx3_datasets(path, n):
    """An SPDX 3 graph: the model is trainedOn n/160 datasets (each named once)."""
    count = max(1, n // 160)
    graph = [{"type": "dataset_DatasetPackage", "spdxId": f"https://example.com/d{i}",
              "creationInfo": "_:ci", "name": f"dataset {i}"} for i in range(count)]
    graph.append({"type": "Relationship", "spdxId": "https://example.com/trained",
                  "creationInfo": "_:ci", "relationshipType": "trainedOn",
                  "from": "https://example.com/model",
                  "to": [f"https://example.com/d{i}" for i in range(count)]})
    spdx3_document(path, graph)


def spdx3_code(path, n):
    """An SPDX 3 graph: n/330 source files each generate the model."""
    count = max(1, n // 330)
    graph = []
    for i in range(count):
        graph.append({"type": "software_File", "spdxId": f"https://example.com/f{i}",
                      "creationInfo": "_:ci", "name": f"train{i}.py",
                      "software_primaryPurpose": "source"})
        graph.append({"type": "Relationship", "spdxId": f"https://example.com/g{i}",
                      "creationInfo": "_:ci", "relationshipType": "generates",
                      "from": f"https://example.com/f{i}", "to": ["https://example.com/model"]})
    spdx3_document(path, graph)


def cyclonedx(path, n):
    """A CycloneDX BOM whose model names n/300 training datasets, each a licensed data
    component, with as many properties and external references."""
    count = max(1, n // 300)
    model = {
        "type": "machine-learning-model", "bom-ref": "model", "name": "scale",
        "version": "1", "licenses": [{"license": {"id": "Apache-2.0"}}],
        "externalReferences": [{"type": "vcs", "url": f"https://example.com/git/{i}"}
                               for i in range(count)],
        "modelCard": {"modelParameters": {"datasets": [{"ref": f"d{i}"}
                                                       for i in range(count)]}},
        "properties": [{"name": f"x:{i}", "value": "v"} for i in range(count)],
    }
    components = [model] + [
        {"type": "data", "bom-ref": f"d{i}", "name": f"data-{i}",
         "licenses": [{"license": {"id": "CC-BY-4.0"}}]} for i in range(count)]
    with open(path, "w") as f:
        json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                   "components": components}, f)


def eosai(path, n):
    """An EU Open Source AI Index entry: 14 rated dimensions whose notes hold n/16 bytes in all,
    and licenses.notes naming the weights' license in n/8 bytes of "license" (checked against
    the end model's license word by word)."""
    dimensions = ["datasources_basemodel", "datasources_endmodel", "weights_basemodel",
                  "weights_endmodel", "trainingcode", "code", "hardware_architecture",
                  "preprint", "paper", "modelcard", "datasheet", "package", "api"]
    each = max(1, n // 16 // len(dimensions))
    lines = ["---", "system:", "    name: Scale", "    link: https://example.org/model",
             "    type: text", "    basemodelname: Scale-Base", "    endmodelname: Scale",
             "    endmodellicense: Apache-2.0", "    releasedate: 2025-01", "    notes:", "",
             "org:", "    name: Example", "    link: https://example.org", "    notes:", ""]
    for name in dimensions:
        lines += [f"{name}:", "    class: open", f"    link: https://example.org/{name}",
                  f"    notes: {'n' * each}", ""]
    weights = "license" * max(1, n // 8 // 7)
    lines += ["licenses:", "    class: open", "    link: https://example.org/license",
              f'    notes: "Weights: {weights}. Code: MIT. Data: CC-BY-4.0."', ""]
    with open(path, "w") as f:
        f.write("\n".join(lines))


def rubric(path, n):
    """A rubric whose top tier needs n/200 rules."""
    count = max(1, n // 200)
    rules = [{"id": f"r{i}", "description": f"Rule {i}.", "points": 1,
              "check": {"artifact": "weights.final", "released": True}}
             for i in range(count)]
    doc = {"rubric_format": 1, "id": "scale", "version": "1.0", "title": "scale",
           "description": "Generated by the scaling test.",
           "license_table": "openness-licenses@1.0",
           "tiers": [{"id": "none", "label": "none", "description": "Nothing.", "requires": []},
                     {"id": "all", "label": "all", "description": "Everything.",
                      "requires": [f"r{i}" for i in range(count)]}],
           "rules": rules}
    with open(path, "w") as f:
        json.dump(doc, f)


def linked_copies(folder, name, make, n, k):
    """k names for one generated input (hard links: one file on disk, k inputs to a run)."""
    first = os.path.join(folder, f"0-{name}")
    make(first, n)
    paths = [first]
    for i in range(1, k):
        paths.append(os.path.join(folder, f"{i}-{name}"))
        os.link(first, paths[-1])
    return paths


def tiny_manifest(path):
    with open(path, "w") as f:
        json.dump({"manifest_version": 1, "model": {"name": "m", "version": "1"},
                   "access": "download", "license": "MIT",
                   "weights": {"final": {"available": True}}}, f)


# Each case: (file name, generator, size n, argv tail for the inputs). n is what the format's
# limits allow with room to double (YAML: 10,000 nodes and 4 MiB per document; rubrics: 10,000
# rules; JSON: 1,000,000 values, 16 MiB files).
CASES = {
    "manifest": ("m.json", native_manifest, 1 << 21, lambda inputs: ["classify", *inputs]),
    "mof": ("model.yml", mof_yaml, 1 << 20,
            lambda inputs: ["classify", "--input-format", "mof", *inputs]),
    "card": ("README.md", hf_card, 1 << 18, lambda inputs: ["classify", *inputs]),
    "spdx3-datasets": ("m.spdx3.json", spdx3_datasets, 1 << 22,
                       lambda inputs: ["classify", *inputs]),
    "spdx3-code": ("m.spdx3.json", spdx3_code, 1 << 22, lambda inputs: ["classify", *inputs]),
    "cyclonedx": ("bom.cdx.json", cyclonedx, 1 << 22, lambda inputs: ["classify", *inputs]),
    "eosai": ("entry.yaml", eosai, 1 << 21,
              lambda inputs: ["classify", "--input-format", "eosai", *inputs]),
    # The rubric is the input that grows; the manifests it scores stay the same.
    "rubric": ("rubric.json", rubric, 1 << 19, None),
}
TINY = 64  # the size of the baseline input of each shape


def argv_for(binary, folder, case, n, k):
    name, make, _, tail = CASES[case]
    sub = os.path.join(folder, f"{case}-{n}-{k}")
    os.mkdir(sub)
    if case == "rubric":
        make(os.path.join(sub, name), n)
        manifests = []
        for i in range(k):
            manifests.append(os.path.join(sub, f"{i}.json"))
            tiny_manifest(manifests[-1])
        # --detail full: every rule of the rubric is in each verdict's JSON.
        return [binary, "classify", "--rubric", os.path.join(sub, name), "--format", "json",
                "--detail", "full", "--jobs", "1", *manifests]
    return [binary, *tail(linked_copies(sub, name, make, n, k)), "--format", "json",
            "--jobs", "1"]


def check(binary, folder, case):
    n = CASES[case][2]
    # Enough copies that the extra CPU at size n is at least TARGET_CPU.
    k = 1
    while True:
        base_cpu, base_rss = measure(argv_for(binary, folder, case, TINY, k), 0)
        argv_n = argv_for(binary, folder, case, n, k)
        cpu, rss = measure(argv_n, 0)
        if cpu - base_cpu >= TARGET_CPU or k >= MAX_COPIES:
            break
        k *= 2
    argv_2n = argv_for(binary, folder, case, 2 * n, k)
    cpu2, rss2 = measure(argv_2n, 0)
    extra, extra2 = cpu - base_cpu, cpu2 - base_cpu
    time_ratio = extra2 / extra if extra > 0 else float("inf")
    for attempt in range(2, ATTEMPTS + 1):
        if time_ratio <= THRESHOLD or extra <= 0:
            break
        again, _ = measure(argv_n, 0)
        again2, _ = measure(argv_2n, 0)
        ratio = (again2 - base_cpu) / (again - base_cpu) if again > base_cpu else float("inf")
        print(f"{case}: CPU ratio {time_ratio:.2f} is over {THRESHOLD}; attempt {attempt} "
              f"measures {ratio:.2f}")
        time_ratio = min(time_ratio, ratio)
    grown, grown2 = rss - base_rss, rss2 - base_rss
    memory_ratio = grown2 / max(grown, MEMORY_FLOOR_KIB)
    print(f"{case}: n={n} bytes x {k} input(s): CPU {base_cpu:.3f} s (tiny), {cpu:.3f} s (n), "
          f"{cpu2:.3f} s (2n): ratio {time_ratio:.2f}; peak RSS {base_rss // 1024} MiB, "
          f"{rss // 1024} MiB, {rss2 // 1024} MiB: ratio {memory_ratio:.2f}")
    failures = []
    if extra < TARGET_CPU / 4:
        failures.append(f"{case}: size n costs only {extra:.3f} s of CPU over a tiny input "
                        f"even with {k} copies: too little to measure a trend")
    if time_ratio > THRESHOLD:
        failures.append(f"{case}: doubling the input multiplied its CPU time by "
                        f"{time_ratio:.2f} (more than {THRESHOLD}: not linear)")
    if memory_ratio > THRESHOLD:
        failures.append(f"{case}: doubling the input multiplied its peak memory growth by "
                        f"{memory_ratio:.2f} (more than {THRESHOLD}: not linear)")
    return failures


def main():
    binary = sys.argv[1]
    if len(sys.argv) > 2 and sys.argv[2] == "sanitized":
        # AddressSanitizer's shadow memory and quarantine change what peak memory measures,
        # and its checks cost more on some paths than others: the figures would not compare.
        print("skipped: the scaling test measures a build without sanitizers")
        return 0
    cases = [c for c in sys.argv[2:] if c != "plain"] or list(CASES)
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        for case in cases:
            failures += check(binary, folder, case)
    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    print(f"scaling: {len(cases)} formats grow at most linearly")
    return 0


if __name__ == "__main__":
    sys.exit(main())

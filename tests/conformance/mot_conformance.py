#!/usr/bin/env python3
"""MOT conformance: `openness classify --rubric mof@1.0` must agree with the Model Openness Tool
on every manifest it publishes and every one of its test fixtures (../shared/conformance/mot):
the same class, and each class's progress within 0.01 percentage points.

Skips (exit 0, with a message) when ../shared/conformance/mot is absent.
"""
import json
import os
import subprocess
import sys

TIER_OF_CLASS = {None: "unclassified", 3: "class-3", 2: "class-2", 1: "class-1"}
ARTIFACT_OF_COMPONENT = {
    "Model parameters (Final)": ("weights.final", "final weights"),
    "Model parameters (Intermediate)": ("weights.intermediate", "intermediate weights"),
    "Model architecture": ("architecture", "model architecture"),
    "Model metadata": ("hyperparameters", "hyperparameters"),
    "Datasets": ("data.training", "training data"),
    "Evaluation data": ("data.evaluation", "evaluation data"),
    "Data card": ("data.card", "data card"),
    "Training code": ("code.training", "training code"),
    "Inference code": ("code.inference", "inference code"),
    "Evaluation code": ("code.evaluation", "evaluation code"),
    "Data preprocessing code": ("code.data_processing", "data processing code"),
    "Supporting libraries and tools": ("code.libraries", "supporting libraries"),
    "Model card": ("documentation.model_card", "model card"),
    "Technical report": ("documentation.technical_report", "technical report"),
    "Research paper": ("documentation.research_paper", "research paper"),
    "Evaluation results": ("documentation.evaluation_results", "evaluation results"),
    "Sample model outputs": ("documentation.sample_outputs", "sample outputs"),
}


def component_status(result, artifact_id, label):
    """The MOT's status of one listed component, read back from an openness verdict."""
    artifact = next(a for a in result["artifacts"] if a["id"] == artifact_id)
    if artifact["license"] in (None, "NONE"):
        return "unlicensed"
    if artifact["license_class"] not in ("osi", "open-data"):
        return "not-open"
    unsuited = any(w.startswith(label + ": ") and "is open but not a license" in w
                   for w in result["warnings"])
    return "open-not-type-appropriate" if unsuited else "open"


def main():
    binary, root = sys.argv[1], sys.argv[2]
    mot = os.path.join(root, "..", "shared", "conformance", "mot")
    if not os.path.isdir(mot):
        print(f"skipped: {mot} is absent (the MOT conformance data lives in ../shared)")
        return 0
    expected = {e["file"]: e for e in json.load(open(os.path.join(mot, "expected.json")))}
    proc = subprocess.run(
        [binary, "classify", "--rubric", "mof@1.0", "--format", "jsonl", "--detail", "full", "--quiet",
         os.path.join(mot, "models"), os.path.join(mot, "test_data")],
        capture_output=True, timeout=300)
    # Exit 3: test_data/ also holds expected_results.json, which is not strict JSON. Anything
    # else (a crash, a sanitizer report) fails the test even if every verdict was written.
    if proc.returncode != 3 or b"Sanitizer" in proc.stderr or b"runtime error:" in proc.stderr:
        print(f"FAILED: exit {proc.returncode}, expected 3")
        print(proc.stderr.decode("utf-8", "replace"))
        return 1
    results = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        name = os.path.relpath(r["path"], mot)
        if name.endswith(".yml"):  # test_data/ also holds MOT's expected_results.json
            results[name] = r
    failures = []
    for name, e in sorted(expected.items()):
        r = results.get(name)
        if r is None:
            failures.append(f"{name}: no result")
            continue
        if not r["valid"]:
            failures.append(f"{name}: invalid: {r['errors'][0]['message']}")
            continue
        want = TIER_OF_CLASS[e["expected_class"]]
        if r["tier"] != want:
            failures.append(f"{name}: tier {r['tier']}, MOT says {want}")
        for component, want_status in e.get("components", {}).items():
            artifact_id, label = ARTIFACT_OF_COMPONENT[component]
            got_status = component_status(r, artifact_id, label)
            if got_status != want_status["status"]:
                failures.append(f"{name}: {component}: status {got_status}, MOT says "
                                f"{want_status['status']} ({want_status['license']})")
        for cls in ("3", "2", "1"):
            got = r["progress"][f"class-{cls}"]
            if abs(got - e["progress"][cls]) > 0.01:
                failures.append(f"{name}: class {cls} progress {got}, MOT says {e['progress'][cls]}")
    extra = sorted(set(results) - set(expected))
    if extra:
        failures.append(f"results for files expected.json does not list: {extra[:5]}")
    agreed = len(expected) - len({f.split(':')[0] for f in failures})
    statuses = sum(len(e.get("components", {})) for e in expected.values())
    print(f"MOT conformance: {agreed}/{len(expected)} files agree (class, three progress "
          f"percentages and the status of each of {statuses} listed components)")
    if failures:
        print("\n".join(failures[:60]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

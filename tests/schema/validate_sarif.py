#!/usr/bin/env python3
"""Validates `openness classify --format sarif` against the OASIS SARIF 2.1.0 schema.

Usage: validate_sarif.py BINARY PROJECT_ROOT SCHEMA

Runs the binary over examples/, the bad inputs, the typos (input warnings, and JSON, YAML and
TOML slips) and a copy of an example whose name needs percent-encoding, also with --strict, and
over each example on its own; validates every log with jsonschema's
Draft4Validator (the schema's dialect), and checks what the schema cannot: rule indices match
rule ids, every uri is an RFC 3986 reference, and there is one error result per invalid file
and per manifest below the gate.

It also checks what GitHub code scanning requires of an uploaded log ("SARIF support for code
scanning", docs.github.com, and the GH rules of Microsoft's SARIF multitool): every result has a
ruleId, a flattened message.text and a first location with physicalLocation.artifactLocation.uri
and region.startLine (GH1001, GH1003, GH1007); uris are relative references or file: URIs
(GH1005), and a relative one names its base (uriBaseId, declared in originalUriBaseIds); at most
10 locations per result (GH1004); every result carries partialFingerprints, and they stay the
same when lines are added above the results (so alerts are matched across runs).
The schema lives in ../shared; when it is absent the test says so and is reported skipped.
"""
import json
import os
import re
import shutil
import sys
import tempfile

from classify_run import fail, run

# RFC 3986 URI-reference characters: unreserved, reserved, and percent-encoded octets.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$")


def check_github(log, label):
    """GitHub code scanning's requirements beyond the schema; fails naming the first breach."""
    if len(log["runs"]) > 20:
        fail(f"{label}: more than 20 runs")
    for run_ in log["runs"]:
        driver = run_["tool"]["driver"]
        if not driver.get("name"):
            fail(f"{label}: tool.driver.name is required")
        if len(driver.get("rules", [])) > 1000:
            fail(f"{label}: more than 1000 rules")
        for rule in driver.get("rules", []):
            if not rule.get("id") or not rule.get("shortDescription", {}).get("text"):
                fail(f"{label}: rule without id or shortDescription.text: {rule}")
        bases = run_.get("originalUriBaseIds", {})
        seen = set()
        for result in run_["results"]:
            where = f"{label}: result {result.get('ruleId')}"
            if not result.get("ruleId"):
                fail(f"{where}: no ruleId")
            if not isinstance(result.get("message", {}).get("text"), str):
                fail(f"{where}: no message.text")
            locations = result.get("locations", [])
            if not 1 <= len(locations) <= 10:
                fail(f"{where}: needs 1 to 10 locations, has {len(locations)}")
            for location in locations:
                physical = location.get("physicalLocation", {})
                artifact = physical.get("artifactLocation", {})
                uri = artifact.get("uri")
                if not uri:
                    fail(f"{where}: no physicalLocation.artifactLocation.uri")
                start = physical.get("region", {}).get("startLine")
                if not isinstance(start, int) or start < 1:
                    fail(f"{where} in {uri}: no region.startLine")
                scheme = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", uri)
                if scheme and not uri.startswith("file:"):
                    fail(f"{where}: {uri} is neither relative nor a file: URI")
                if not scheme:
                    base = artifact.get("uriBaseId")
                    if base is None or base not in bases:
                        fail(f"{where}: relative uri {uri} without a declared uriBaseId")
                    if uri.startswith("./") or uri.startswith("/"):
                        fail(f"{where}: relative uri {uri} should not start with ./ or /")
            prints = result.get("partialFingerprints")
            if not prints or not all(isinstance(v, str) and v for v in prints.values()):
                fail(f"{where}: no partialFingerprints")
            key = (locations[0]["physicalLocation"]["artifactLocation"]["uri"],
                   tuple(sorted(prints.items())))
            if key in seen:
                fail(f"{where}: two results share the fingerprints {prints}")
            seen.add(key)


def fingerprints(log):
    return sorted((r["ruleId"], json.dumps(r["partialFingerprints"], sort_keys=True))
                  for r in log["runs"][0]["results"])


def main():
    binary, root, schema_path = sys.argv[1], sys.argv[2], sys.argv[3]
    if not os.path.exists(schema_path):
        print(f"skipped: {schema_path} is absent (the SARIF schema comes from ../shared)")
        return 0
    try:
        import jsonschema
    except ImportError:
        fail("python3-jsonschema is not installed (apt-get install python3-jsonschema)")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        odd = os.path.join(tmp, "release notes", "modèle: v1.json")
        os.makedirs(os.path.dirname(odd))
        shutil.copy(os.path.join(root, "examples", "llama-3.1-8b.json"), odd)
        bad = os.path.join(root, "tests", "data", "bad")
        # Mistakes as well as broken files: typos (input warnings at their keys' lines) and
        # JSON, YAML and TOML slips (invalid, each with its hint).
        typos = os.path.join(root, "tests", "data", "typos")
        inputs = ["examples", bad, typos, odd, "--min-tier", "open-weights"]
        code, out = run(binary, root, ["--format", "sarif"] + inputs)
        if code != 3:
            fail(f"expected exit code 3 (invalid inputs), got {code}")
        _, json_out = run(binary, root, ["--format", "json"] + inputs)
        # --strict: the typos' warnings make typos.json invalid too, an error at its first one.
        _, strict_out = run(binary, root, ["--format", "sarif", "--strict"] + inputs)

    jsonschema.Draft4Validator.check_schema(schema)

    def validate(log, label):
        errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(log),
                        key=lambda e: list(e.path))
        for e in errors:
            print(f"{label}: schema error at {list(e.absolute_path)}: {e.message}")
        if errors:
            fail(f"{label}: {len(errors)} schema errors")
        check_github(log, label)

    log = json.loads(out.decode("utf-8"))
    validate(log, "batch")
    strict = json.loads(strict_out.decode("utf-8"))
    validate(strict, "batch --strict")
    strict_invalid = sum(1 for r in strict["runs"][0]["results"] if r["ruleId"] == "invalid-manifest")
    if strict_invalid != 11:
        fail(f"--strict: expected 11 invalid-manifest results, got {strict_invalid}")

    examples = sorted(f for f in os.listdir(os.path.join(root, "examples")) if f.endswith(".json"))
    for name in examples:
        path = os.path.join("examples", name)
        for rubric in ("openness@1.0", "mof@1.0", "osaid@1.0"):
            _, one = run(binary, root, ["--format", "sarif", "--rubric", rubric, path])
            validate(json.loads(one.decode("utf-8")), f"{path} under {rubric}")
        # An absolute path becomes a file: URI, which needs no base.
        _, one = run(binary, root, ["--format", "sarif", os.path.join(root, path)])
        validate(json.loads(one.decode("utf-8")), f"{path} given absolutely")

    # Fingerprints do not move with the lines: three lines added above every result keep them.
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("llama-3.1-8b.json", "gpt-4.json"):
            with open(os.path.join(root, "examples", name), encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write(text)
            _, before = run(binary, tmp, ["--format", "sarif", name])
            with open(os.path.join(tmp, name), "w", encoding="utf-8") as f:
                f.write("\n\n\n" + text)
            _, after = run(binary, tmp, ["--format", "sarif", name])
            before, after = json.loads(before.decode()), json.loads(after.decode())
            lines = lambda log: [r["locations"][0]["physicalLocation"]["region"]["startLine"]
                                 for r in log["runs"][0]["results"]]
            # Results at line 1 (the document as a whole) stay there.
            moved = [n if n == 1 else n + 3 for n in lines(before)]
            if moved != lines(after):
                fail(f"{name}: regions did not follow the lines: {lines(before)} {lines(after)}")
            if fingerprints(before) != fingerprints(after):
                fail(f"{name}: fingerprints changed when lines were added above")

    if log["version"] != "2.1.0" or len(log["runs"]) != 1:
        fail("expected version 2.1.0 and one run")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids) or "gate" not in ids or "invalid-manifest" not in ids:
        fail(f"rule ids must be unique and include gate and invalid-manifest: {ids}")
    for result in run_["results"]:
        if "ruleIndex" in result and ids[result["ruleIndex"]] != result["ruleId"]:
            fail(f"ruleIndex {result['ruleIndex']} is not rule {result['ruleId']}")
        for location in result["locations"]:
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            if not URI_CHARS.match(uri):
                fail(f"not an RFC 3986 reference: {uri!r}")

    results = json.loads(json_out.decode("utf-8"))["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in run_["results"]}
    if not any("release%20notes/mod%C3%A8le%3A%20v1.json" in u for u in uris):
        fail(f"the odd file name is not percent-encoded as expected: {sorted(uris)}")
    invalid = sum(1 for r in results if not r["valid"])
    below = sum(1 for r in results if r["valid"] and not r["gate"]["passed"])
    by_rule = {}
    for result in run_["results"]:
        by_rule[result["ruleId"]] = by_rule.get(result["ruleId"], 0) + 1
        if result["ruleId"] in ("gate", "invalid-manifest") and result["level"] != "error":
            fail(f"{result['ruleId']} results must be errors")
    if by_rule.get("invalid-manifest", 0) != invalid or invalid != 10:
        fail(f"expected 10 invalid-manifest results, got {by_rule.get('invalid-manifest', 0)}")
    if by_rule.get("input-warning", 0) < 3:
        fail(f"expected the typos' input warnings, got {by_rule.get('input-warning', 0)}")
    if by_rule.get("gate", 0) != below or below == 0:
        fail(f"expected {below} gate results, got {by_rule.get('gate', 0)}")
    print(f"sarif: valid against {os.path.basename(schema_path)} (Draft 4): {len(rules)} rules, "
          f"{len(run_['results'])} results, {invalid} invalid, {below} below the gate")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes large seed inputs (up to 1 MiB) for the import_hf_card and rubric fuzz targets, so a
-max_len=1048576 run starts where the limits are instead of growing inputs byte by byte.

Usage: gen_large_seeds.py DIR   (writes DIR/import_hf_card/ and DIR/rubric/; never committed)
"""
import json
import os
import sys

LIMIT = 1 << 20


def cards(folder):
    os.makedirs(folder, exist_ok=True)
    many = "\n".join(f"- org/corpus-{i}" for i in range(9500))  # near the 10,000 YAML nodes
    yield "many-datasets.md", f"---\nlicense: apache-2.0\ndatasets:\n{many}\n---\n# Card\n"
    flow = ", ".join("a" for _ in range(9900))
    yield "flow-list.md", f"---\nlicense: mit\ndatasets: [{flow}]\n---\n"
    yield "long-value.md", "---\nlicense: other\nlicense_name: " + "x" * (LIMIT - 200) + "\n---\n"
    body = "".join(f"Line {i} [link](https://example.com/{i}) `code` **b**\n" for i in range(18000))
    yield "long-body.md", ("---\nlicense: apache-2.0\nbase_model: org/base\n---\n# Card\n\n" + body)[:LIMIT]
    deep = "---\nmodel-index:\n" + "".join("  " * i + "- a:\n" for i in range(60)) + "---\n"
    yield "deep.md", deep
    keys = "".join(f"key{i}: value {i}\n" for i in range(9000))
    yield "many-keys.md", f"---\nlicense: mit\n{keys}---\n"


def rubrics(folder):
    os.makedirs(folder, exist_ok=True)
    base = json.load(open(os.path.join(os.path.dirname(__file__), "..", "rubric",
                                       "openness-1.0.json")))
    for count, tiers in ((8300, 2), (5000, 2), (2000, 100)):
        rules = [{"id": f"r{i}", "description": f"Rule {i}.", "points": 1,
                  "check": {"artifact": "weights.final", "released": True}}
                 for i in range(count)]
        per = max(1, count // tiers)
        doc = dict(base, id="big", rules=rules, advisories=[],
                   tiers=[{"id": "t0", "label": "t0", "description": "d", "requires": []}] +
                   [{"id": f"t{t}", "label": f"t{t}", "description": "d",
                     "requires": [f"r{i}" for i in range((t - 1) * per, min(count, t * per))],
                     **({"extends": f"t{t - 1}"} if t > 1 else {})}
                    for t in range(1, tiers)])
        yield f"rules-{count}-tiers-{tiers}.json", json.dumps(doc)
    nested = {"all": [{"not": {"any": [{"artifact": "weights.final", "released": True}]}}] * 200}
    doc = dict(base, id="nested", advisories=[],
               rules=base["rules"] + [{"id": "n", "description": "n", "points": 1,
                                       "check": nested}])
    yield "wide-condition.json", json.dumps(doc)


def main():
    out = sys.argv[1]
    for target, make in (("import_hf_card", cards), ("rubric", rubrics)):
        folder = os.path.join(out, target)
        for name, text in make(folder):
            data = text.encode()[:LIMIT]
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
            print(f"{target}/{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()

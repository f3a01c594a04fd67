#!/usr/bin/env python3
"""Writes a benchmark corpus of N varied, valid release manifests (format v1).

    bench/gen_corpus.py N DIR [--seed S] [--per-dir 1000] [--jobs J]

The corpus covers all six tiers of openness@1.0 in realistic proportions, with real license ids,
SPDX expressions (AND, OR, WITH, parentheses), Hugging Face Hub ids (llama3.1, apache-2.0,
cc-by-nc-4.0, ...), NOASSERTION, NONE, unparsable text, licenses inherited from the top level,
and notes, locations and sources of the length real manifests have (the examples/ files are
2-6 KB). Files are sharded, `per-dir` to a directory: DIR/org-0000/model-0000000.json, ...

The output depends only on N, the seed and per-dir: every shard has its own random generator
seeded from (seed, shard), so shards can be written in parallel and a corpus is the same on every
machine. A finished corpus gets DIR/CORPUS (not a *.json file, so `classify` skips it), which
bench/run.sh uses to reuse a corpus that is already there.
"""
import argparse
import json
import multiprocessing
import os
import random
import sys

# openness@1.0 tiers, and the share of the corpus each gets (a registry has more closed and
# restricted releases than fully open ones).
TIERS = [("closed", 8), ("api-only", 12), ("restricted-weights", 30), ("open-weights", 28),
         ("open-source", 13), ("fully-open", 9)]

# License strings as manifests write them, by the class openness-licenses@1.0 gives them.
OSI = ["Apache-2.0", "Apache-2.0", "apache-2.0", "MIT", "MIT", "mit", "BSD-3-Clause",
       "bsd-3-clause", "BSD-2-Clause", "GPL-3.0-only", "GPL-3.0", "GPL-2.0-or-later",
       "LGPL-2.1-only", "MPL-2.0", "AGPL-3.0-only", "ISC", "EPL-2.0", "Zlib", "Unlicense",
       "Apache-2.0 OR MIT", "MIT OR Apache-2.0", "Apache-2.0 AND MIT",
       "GPL-2.0-or-later WITH Classpath-exception-2.0", "Apache-2.0 WITH LLVM-exception",
       "(MIT OR Apache-2.0) AND BSD-3-Clause", "GPL-3.0-or-later WITH GCC-exception-3.1",
       "Apache License 2.0", "llama3.1 OR MIT"]
OPEN_DATA = ["CC-BY-4.0", "CC-BY-4.0", "cc-by-4.0", "CC-BY-SA-4.0", "cc-by-sa-4.0", "CC0-1.0",
             "cc0-1.0", "ODC-By-1.0", "odc-by", "ODbL-1.0", "PDDL-1.0", "CDLA-Permissive-2.0",
             "cdla-permissive-2.0", "CC-BY-4.0 AND ODC-By-1.0", "CC-BY-4.0 OR CC0-1.0",
             "CC-BY-SA-4.0 AND (ODC-By-1.0 OR CC0-1.0)"]
RESTRICTED = ["llama3.1", "llama3.1", "llama3", "llama2", "llama3.2", "llama3.3", "llama4",
              "gemma", "openrail", "openrail++", "bigscience-openrail-m", "creativeml-openrail-m",
              "bigcode-openrail-m", "bigscience-bloom-rail-1.0", "cc-by-nc-4.0", "cc-by-nc-4.0",
              "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "deepseek", "qwen", "qwen-research",
              "tongyi-qianwen", "mrl", "mnpl", "falcon-llm-license", "ai2-impact-lr",
              "Apache-2.0 AND CC-BY-NC-4.0", "LicenseRef-Llama-3.1-Community",
              "Llama 3.1 Community License", "MIT AND (llama3 OR CC-BY-NC-SA-4.0)"]
NOT_OPEN = ["NOASSERTION", "NOASSERTION", "NONE", "other", "unknown", "proprietary",
            "LicenseRef-custom-model-license-1.0", "LicenseRef-internal-eval-terms",
            "see LICENSE file", "MIT AND (Apache-2.0"]

ORGS = ["Northwind AI", "Helix Research", "Kestrel Labs", "Open Model Initiative", "Tern Systems",
        "Cobalt Foundation", "Université de Lyon NLP", "Zürich ML Lab", "Saffron Intelligence",
        "Basalt Compute", "Ibis Collective", "Marlin Research Institute", "Quokka AI",
        "Larch & Fern", "Polaris Language Group", "東京言語研究所", "Mistral-like Startup",
        "Gradient Commons", "Fjord Models", "Atlas University CS Department"]
FAMILIES = ["Aurora", "Nimbus", "Kestrel", "Tern", "Orca", "Basalt", "Saffron", "Polaris",
            "Lumen", "Marlin", "Ibis", "Quill", "Heron", "Cedar", "Nova", "Zephyrine", "Falconet",
            "Pico", "Granite-ish", "Vega"]
SIZES = ["0.5B", "1.3B", "1.8B", "3B", "7B", "8B", "13B", "14B", "32B", "34B", "70B", "8x7B",
         "8x22B", "176B", "405B"]
VARIANTS = ["", "", "-Base", "-Instruct", "-Chat", "-Coder", "-Math", "-Vision", "-DPO",
            "-Reasoning"]
BENCHMARKS = ["MMLU", "HellaSwag", "ARC-Challenge", "GSM8K", "HumanEval", "MBPP", "TruthfulQA",
              "WinoGrande", "BBH", "MATH", "DROP", "IFEval", "MT-Bench", "AlpacaEval 2.0"]
DATASETS = ["Common Crawl snapshots 2019-2024", "The Stack v2", "RefinedWeb", "Dolma v1.7",
            "peS2o", "Wikipedia (40 languages)", "Project Gutenberg", "arXiv LaTeX sources",
            "StackExchange dumps", "FineWeb-Edu", "OpenWebMath", "synthetic instruction data",
            "licensed news archives", "GitHub issues"]
FRAMEWORKS = ["PyTorch", "JAX", "Megatron-LM", "GPT-NeoX", "DeepSpeed", "FSDP", "vLLM",
              "Transformers", "llama.cpp", "TensorRT-LLM"]
HOSTS = ["huggingface.co", "github.com", "gitlab.com", "zenodo.org", "arxiv.org"]

WEIGHT_NOTES = [
    "Weights in safetensors format ({shards} shards, {gb} GB in bf16); the Hub license tag is "
    "{tag}. The repository also carries a GGUF conversion contributed by the community.",
    "Hugging Face repo requires accepting the license and sharing contact details before "
    "download; mirrors on ModelScope carry the same files (SHA-256 checked for 3 shards).",
    "Checkpoints every {steps} steps are published as repository revisions (e.g. "
    "stage1-step{step}-tokens{tokens}B); the README says all {count} are kept indefinitely.",
    "Released as a \"soup\" of {count} fine-tuned runs; the card calls it \u201cthe final "
    "model\u201d \u2014 no other weights are mentioned.",
]
DATA_NOTES = [
    "The training mix combines {d1}, {d2} and {d3}; about {pct}% of the {tokens}B tokens are "
    "English. The dataset card lists per-source licenses; {d2} is under {lic}.",
    "Only the recipe (filters, dedup thresholds, mixing weights) is described; the data itself "
    "is not redistributed because parts come from {d1}.",
    "Decontaminated against {b1} and {b2} with 13-gram overlap; the removal lists are in the "
    "data repository under data/decon/.",
]
CODE_NOTES = [
    "README: 'torchrun --nproc_per_node={gpus} scripts/train.py --config configs/{name}.yaml'; "
    "built on {fw} with {fw2} for sharding. License per the LICENSE file at commit {sha}.",
    "Inference through {fw} (also supported upstream); a reference implementation lives in "
    "{name}/model.py with a C++ kernel for rotary embeddings.",
    "Evaluation harness fork with task configs for {b1}, {b2} and {b3}; results in the card "
    "were produced with commit {sha} and greedy decoding.",
    "Data processing pipeline (language id, quality classifier, MinHash dedup at 0.8 Jaccard) "
    "written in Rust and Python; the classifier weights are published separately.",
]
DOC_NOTES = [
    "Model card on the Hub lists intended uses, limitations and results on {b1}, {b2} and {b3}; "
    "the {org} blog post repeats them with more detail.",
    "{name}: technical report ({org}, {year}), arXiv:{arxiv}. License of the paper text not "
    "checked.",
    "Evaluation results for {count} benchmarks in the card and in a results JSON in the "
    "repository; numbers for {b1} differ from the paper by 0.{digit} points.",
    "No sample outputs are published; the card shows two short example prompts only.",
]
TOP_NOTES = [
    "Facts checked against the model card, the {org} blog post and the repositories on "
    "{date}; where sources disagreed the model card was taken.",
    "Adjusted after review: the evaluation code is the fork named in the card, not upstream; "
    "licenses are named explicitly on code artifacts; paper licenses marked NOASSERTION.",
    "The weights are the same for the base and instruct variants except for the final "
    "alignment stage; this manifest describes the {variant} release only.",
]


def slug(text):
    out = "".join(c.lower() if c.isalnum() else "-" for c in text if ord(c) < 128)
    return "-".join(p for p in out.split("-") if p) or "lab"


class Maker:
    """Builds one manifest dict for a target tier; all randomness comes from self.r."""

    def __init__(self, r):
        self.r = r

    def pick(self, items):
        return self.r.choice(items)

    def fill(self, template, ctx):
        return template.format(**ctx)

    def context(self, model):
        r = self.r
        return {
            "shards": r.randint(1, 30), "gb": r.randint(1, 800), "tag": model["tag"],
            "steps": r.choice([500, 1000, 2000, 5000]), "step": r.randint(1000, 999999),
            "tokens": r.randint(50, 15000), "count": r.randint(2, 40), "d1": self.pick(DATASETS),
            "d2": self.pick(DATASETS), "d3": self.pick(DATASETS), "pct": r.randint(40, 95),
            "lic": self.pick(OPEN_DATA + RESTRICTED), "b1": self.pick(BENCHMARKS),
            "b2": self.pick(BENCHMARKS), "b3": self.pick(BENCHMARKS), "gpus": r.choice([4, 8]),
            "name": model["name"], "fw": self.pick(FRAMEWORKS), "fw2": self.pick(FRAMEWORKS),
            "sha": "%040x" % r.getrandbits(160), "org": model["org"], "year": model["year"],
            "arxiv": "%02d%02d.%05d" % (model["year"] % 100, r.randint(1, 12), r.randint(1, 99999)),
            "digit": r.randint(1, 9), "date": model["date"], "variant": model["variant"] or "base",
        }

    def url(self, model, kind=None):
        host = kind or self.pick(HOSTS)
        if host == "arxiv.org":
            return "arXiv:%02d%02d.%05d" % (model["year"] % 100, self.r.randint(1, 12),
                                            self.r.randint(1, 99999))
        if host == "huggingface.co" and self.r.random() < 0.3:
            return "https://huggingface.co/datasets/%s/%s-mix" % (model["org_slug"],
                                                                 model["family"].lower())
        return "https://%s/%s/%s" % (host, model["org_slug"], model["name"])

    def artifact(self, model, ctx, notes, license_text=None, available=True):
        a = {"available": available}
        r = self.r
        if available or r.random() < 0.3:
            if license_text is not None:
                a["license"] = license_text
            if r.random() < 0.85:
                a["location"] = self.url(model)
            if r.random() < 0.7:
                text = self.fill(self.pick(notes), ctx)
                if r.random() < 0.35:
                    text += " " + self.fill(self.pick(notes), ctx)
                a["notes"] = text
        return a

    def license_from(self, pools, own_share=0.6):
        """A license string from one of the pools, or None to inherit (with own_share odds)."""
        if pools and self.r.random() < own_share:
            return self.pick(self.pick(pools))
        return None

    def make(self, tier):
        r = self.r
        family = self.pick(FAMILIES)
        size = self.pick(SIZES)
        variant = self.pick(VARIANTS)
        org = self.pick(ORGS)
        year = r.randint(2021, 2026)
        date = "%d-%02d-%02d" % (year, r.randint(1, 12), r.randint(1, 28))
        name = "%s-%s%s" % (family, size, variant)
        model = {"name": name, "family": family, "org": org, "org_slug": slug(org), "year": year,
                 "date": date, "variant": variant.lstrip("-"), "tag": ""}

        # The top-level license: inherited by every released artifact that names none.
        open_weights = tier in ("open-weights", "open-source", "fully-open")
        top = None
        if r.random() < 0.65:
            if open_weights:
                top = self.pick(OSI if r.random() < 0.8 else OPEN_DATA)
            elif tier == "restricted-weights":
                top = self.pick(RESTRICTED if r.random() < 0.75 else NOT_OPEN)
            else:
                top = self.pick(NOT_OPEN + RESTRICTED + OSI)
        model["tag"] = (top or "other").lower()
        ctx = self.context(model)

        access = {"closed": self.pick(["none", "none", "api", "download"]), "api-only": "api",
                  "restricted-weights": self.pick(["download", "gated", "gated"]),
                  }.get(tier, self.pick(["download", "download", "download", "gated"]))

        doc = {"manifest_version": 1,
               "model": {"name": name, "version": self.pick(["1.0", "0.1", "2", "3.1", "v1.5",
                                                             "2024-11", "1124"]),
                         "organization": org, "release_date": date,
                         "url": "https://huggingface.co/%s/%s" % (model["org_slug"], name)},
               "access": access}
        if r.random() < 0.05:
            doc["$schema"] = "https://example.org/openness/manifest-v1.schema.json"
        if top is not None:
            doc["license"] = top

        arts = {}  # dotted key -> artifact dict

        def put(key, notes, pools, own_share=0.6, available=True, force=None):
            license_text = force if force is not None else self.license_from(pools, own_share)
            arts[key] = self.artifact(model, ctx, notes, license_text, available)

        # Final weights decide the lower tiers.
        if tier == "closed":
            if access == "api":
                put("weights.final", WEIGHT_NOTES, [RESTRICTED, NOT_OPEN])  # weights-without-download
            elif r.random() < 0.5:
                put("weights.final", WEIGHT_NOTES, [NOT_OPEN], available=False)
        elif tier == "api-only":
            if r.random() < 0.5:
                put("weights.final", WEIGHT_NOTES, [NOT_OPEN], available=False)
        elif tier == "restricted-weights":
            bad = self.pick(RESTRICTED + NOT_OPEN)
            if top is not None and doc["license"] in RESTRICTED + NOT_OPEN and r.random() < 0.6:
                put("weights.final", WEIGHT_NOTES, [], force=None, own_share=0)  # inherit
            elif r.random() < 0.1:
                doc.pop("license", None)
                put("weights.final", WEIGHT_NOTES, [], own_share=0)  # no license at all
            else:
                put("weights.final", WEIGHT_NOTES, [], force=bad)
        else:
            inherit_ok = top is not None and (top in OSI or top in OPEN_DATA)
            if inherit_ok and r.random() < 0.6:
                put("weights.final", WEIGHT_NOTES, [], own_share=0)
            else:
                put("weights.final", WEIGHT_NOTES, [],
                    force=self.pick(OSI if r.random() < 0.8 else OPEN_DATA))

        pools_any = [OSI, OSI, OPEN_DATA, RESTRICTED, NOT_OPEN]
        # Everything else: released with some odds, then forced where the tier needs it.
        optional = [("weights.intermediate", WEIGHT_NOTES, 0.35), ("architecture", CODE_NOTES, 0.7),
                    ("hyperparameters", DOC_NOTES, 0.5), ("data.training", DATA_NOTES, 0.3),
                    ("data.evaluation", DATA_NOTES, 0.3), ("data.card", DOC_NOTES, 0.35),
                    ("code.training", CODE_NOTES, 0.3), ("code.inference", CODE_NOTES, 0.75),
                    ("code.evaluation", CODE_NOTES, 0.35),
                    ("code.data_processing", CODE_NOTES, 0.25), ("code.libraries", CODE_NOTES, 0.3),
                    ("documentation.model_card", DOC_NOTES, 0.8),
                    ("documentation.technical_report", DOC_NOTES, 0.55),
                    ("documentation.research_paper", DOC_NOTES, 0.35),
                    ("documentation.evaluation_results", DOC_NOTES, 0.65),
                    ("documentation.sample_outputs", DOC_NOTES, 0.15)]
        for key, notes, odds in optional:
            roll = r.random()
            if roll < odds:
                put(key, notes, pools_any, own_share=0.5)
            elif roll < odds + 0.15:
                put(key, notes, pools_any, available=False)

        # What open-source needs beyond open weights, and what fully-open needs beyond that.
        osi_code = ["code.training", "code.inference", "code.data_processing", "architecture"]
        source_needs = osi_code + ["hyperparameters", "data.card"]
        full_needs = ["data.training", "code.evaluation", "documentation.evaluation_results",
                      "documentation.model_card", "report-or-paper"]

        def satisfy(need):
            if need in osi_code or need == "code.evaluation":
                put(need, CODE_NOTES, [], force=self.pick(OSI))
            elif need == "data.training":
                put(need, DATA_NOTES, [], force=self.pick(OPEN_DATA + OSI[:4]))
            elif need == "report-or-paper":
                key = self.pick(["documentation.technical_report", "documentation.research_paper"])
                put(key, DOC_NOTES, [NOT_OPEN, OPEN_DATA], own_share=0.7)
            else:
                put(need, DOC_NOTES if need != "hyperparameters" else CODE_NOTES,
                    [OPEN_DATA, NOT_OPEN, OSI], own_share=0.5)

        def break_need(need):
            if need == "report-or-paper":
                for key in ("documentation.technical_report", "documentation.research_paper"):
                    arts.pop(key, None)
                    if r.random() < 0.3:
                        put(key, DOC_NOTES, [], available=False)
            elif need in osi_code or need in ("code.evaluation", "data.training") and \
                    r.random() < 0.5:
                # Released, but under a license that does not count as open for it.
                put(need, CODE_NOTES, [], force=self.pick(RESTRICTED + NOT_OPEN + OPEN_DATA[:3]
                                                          if need != "data.training"
                                                          else RESTRICTED + NOT_OPEN))
            elif r.random() < 0.5:
                arts.pop(need, None)
            else:
                put(need, DOC_NOTES, [], available=False)

        if tier in ("open-source", "fully-open"):
            for need in source_needs:
                satisfy(need)
        if tier == "fully-open":
            for need in full_needs:
                satisfy(need)
        if tier == "open-weights":
            for need in r.sample(source_needs, r.randint(1, 3)):
                break_need(need)
        if tier == "open-source":
            for need in r.sample(full_needs, r.randint(1, 2)):
                break_need(need)

        # Groups in the manifest's usual order; members in the order they were written.
        order = ["weights", "architecture", "hyperparameters", "data", "code", "documentation"]
        for group in order:
            for key in sorted(k for k in arts if k.split(".")[0] == group):
                value = arts[key]
                if "." in key:
                    doc.setdefault(group, {})[key.split(".", 1)[1]] = value
                else:
                    doc[key] = value
        if r.random() < 0.6:
            doc["notes"] = self.fill(self.pick(TOP_NOTES), ctx)
        doc["sources"] = [self.url(model) for _ in range(r.randint(3, 14))]
        return doc


def pick_tier(r):
    roll = r.randrange(sum(w for _, w in TIERS))
    for tier, weight in TIERS:
        if roll < weight:
            return tier
        roll -= weight
    return TIERS[-1][0]


def write_shard(args):
    directory, shard, first, count, seed = args
    r = random.Random("openness-corpus:%d:%d" % (seed, shard))
    maker = Maker(r)
    shard_dir = os.path.join(directory, "org-%04d" % shard)
    os.makedirs(shard_dir, exist_ok=True)
    written = 0
    for i in range(first, first + count):
        doc = maker.make(pick_tier(r))
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        with open(os.path.join(shard_dir, "model-%07d.json" % i), "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of manifests")
    parser.add_argument("dir", help="output directory (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-dir", type=int, default=1000, help="manifests per directory")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes writing shards (does not change the output)")
    args = parser.parse_args()
    if args.n < 0 or args.per_dir < 1:
        parser.error("N must be >= 0 and --per-dir >= 1")
    os.makedirs(args.dir, exist_ok=True)
    stamp = os.path.join(args.dir, "CORPUS")
    if os.path.exists(stamp):
        os.remove(stamp)
    shards = [(args.dir, s, s * args.per_dir, min(args.per_dir, args.n - s * args.per_dir), args.seed)
              for s in range((args.n + args.per_dir - 1) // args.per_dir)]
    total = 0
    if args.jobs > 1 and len(shards) > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            for n in pool.imap_unordered(write_shard, shards, chunksize=4):
                total += n
    else:
        for shard in shards:
            total += write_shard(shard)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write("manifests %d\nseed %d\nper-dir %d\nbytes %d\n" % (args.n, args.seed, args.per_dir,
                                                                   total))
    print("%s: %d manifests, %.1f MB of JSON (%.1f KB average), seed %d" % (
        args.dir, args.n, total / 1e6, total / max(args.n, 1) / 1e3, args.seed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

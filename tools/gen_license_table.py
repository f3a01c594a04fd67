#!/usr/bin/env python3
"""Generates rubric/licenses/openness-licenses-1.0.json, the license table openness embeds.

Inputs: the SPDX License List and exceptions, the Hugging Face Hub license ids (three TSV files,
normally ../shared/spdx relative to the repository) and tools/license_curation.json. The output
is committed; the build embeds it and never runs this script.

    python3 tools/gen_license_table.py [SPDX_DIR] [--curation FILE] [--output FILE]
    python3 tools/gen_license_table.py --curation tools/license_curation-2.0.json \
        --output rubric/licenses/openness-licenses-2.0.json

A curation may extend another ("extends": its file name): it adds licenses, aliases, license
page URLs ("urls"; 2.0 also takes each SPDX license's page from ../shared/licenses/spdx-texts.json
and the Creative Commons, GNU and OSI page patterns) and the resolver's rules ("resolver"), which
are copied into the table. 1.0's curation has none of these, so its table stays as it was.

Classification (see license_curation.json for the lists):
  * OSI-approved SPDX licenses (deprecated ids too)  -> osi
  * SPDX licenses matched by a curation rule          -> the rule's class and note
  * every other SPDX license                          -> restricted
  * curated model/custom licenses                     -> their curated class
Standard library only, so it runs anywhere python3 does.
"""

import argparse
import fnmatch
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SPDX_DIR = REPO.parent / "shared" / "spdx"
DEFAULT_CURATION = REPO / "tools" / "license_curation.json"
DEFAULT_OUTPUT = REPO / "rubric" / "licenses" / "openness-licenses-1.0.json"

GENERIC_NOTE = "SPDX-listed, not OSI-approved and not an open data/content license"
GENERIC_FSF_NOTE = ("FSF-libre, but not OSI-approved and not an open data/content license; "
                    "openness counts OSI approval for software")
CLASSES = ("unknown", "proprietary", "restricted", "open-data", "osi")


class CurationError(Exception):
    pass


def read_tsv(path):
    """Returns (comment, rows): the leading '#' line and a list of dicts keyed by the header."""
    comment = ""
    header = None
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                comment = line[1:].strip()
                continue
            fields = line.split("\t")
            if header is None:
                header = fields
                continue
            fields += [""] * (len(header) - len(fields))
            rows.append(dict(zip(header, fields)))
    return comment, rows


def flag(text):
    return text.strip().lower() == "true"


def spdx_list_version(comment):
    match = re.search(r"SPDX License List (\d+(?:\.\d+)*)", comment)
    date = re.search(r"releaseDate (\d{4}-\d{2}-\d{2})", comment)
    if not match:
        raise CurationError("cannot find the SPDX License List version in licenses.tsv")
    return match.group(1) + (f" ({date.group(1)})" if date else "")


def hub_source(comment):
    match = re.search(r"from (huggingface/hub-docs \S+ @ \w+)", comment)
    return match.group(1) if match else "huggingface/hub-docs"


def first_rule(rules, license_id):
    for rule in rules:
        if any(fnmatch.fnmatchcase(license_id, pattern) for pattern in rule["match"]):
            return rule
    return None


class Table:
    """The rows being built, with a case-insensitive index of ids and aliases."""

    def __init__(self):
        self.rows = []
        self.by_key = {}  # lower-cased id or alias -> row

    def add(self, row):
        key = row["id"].lower()
        if key in self.by_key:
            raise CurationError(f"duplicate license id {row['id']!r}")
        self.by_key[key] = row
        self.rows.append(row)

    def find(self, text):
        return self.by_key.get(text.lower())

    def add_alias(self, row, alias):
        key = alias.lower()
        owner = self.by_key.get(key)
        if owner is not None and owner is not row:
            raise CurationError(f"alias {alias!r} of {row['id']} is already used by {owner['id']}")
        if owner is row:
            # Already findable. Still list a Hub id that differs from the id only in case
            # ("apache-2.0"), so the table shows where the Hub spelling comes from.
            if key == row["id"].lower() and alias != row["id"] and alias not in row["aliases"]:
                row["aliases"].append(alias)
            return
        self.by_key[key] = row
        row["aliases"].append(alias)


def build(spdx_dir, curation):
    licenses_comment, spdx_rows = read_tsv(spdx_dir / "licenses.tsv")
    _, exception_rows = read_tsv(spdx_dir / "exceptions.tsv")
    hub_comment, hub_rows = read_tsv(spdx_dir / "hf-hub-licenses.tsv")

    rules = curation["spdx_rules"]
    used_rules = set()
    table = Table()

    for spdx in spdx_rows:
        license_id = spdx["licenseId"]
        osi = flag(spdx["osiApproved"])
        fsf = flag(spdx["isFsfLibre"])
        rule = first_rule(rules, license_id)
        if rule is not None and osi and not rule.get("applies_to_osi"):
            raise CurationError(f"rule {rule['match']} matches OSI-approved {license_id}")
        if rule is not None:
            used_rules.add(id(rule))
            license_class, note = rule["class"], rule["note"]
        elif osi:
            license_class, note = "osi", ""
        else:
            license_class, note = "restricted", GENERIC_FSF_NOTE if fsf else GENERIC_NOTE
        table.add({"id": license_id, "name": " ".join(spdx["name"].split()),
                   "class": license_class, "osi": osi, "fsf_libre": fsf,
                   "deprecated": flag(spdx["isDeprecated"]), "aliases": [], "note": note})

    for rule in rules:
        if id(rule) not in used_rules:
            raise CurationError(f"rule {rule['match']} matches no SPDX license")
        if rule["class"] not in CLASSES:
            raise CurationError(f"rule {rule['match']} has unknown class {rule['class']!r}")

    for curated in curation["licenses"]:
        if curated["class"] not in CLASSES:
            raise CurationError(f"{curated['id']} has unknown class {curated['class']!r}")
        if not curated.get("note"):
            raise CurationError(f"{curated['id']} has no note")
        row = {"id": curated["id"], "name": curated["name"], "class": curated["class"],
               "osi": False, "fsf_libre": False, "deprecated": False, "aliases": [],
               "note": curated["note"]}
        if curated.get("source") and curation.get("extends"):
            row["source"] = curated["source"]
        table.add(row)
    for curated in curation["licenses"]:
        row = table.find(curated["id"])
        for alias in curated.get("aliases", []):
            table.add_alias(row, alias)

    for target, aliases in curation["extra_aliases"].items():
        row = table.find(target)
        if row is None:
            raise CurationError(f"extra_aliases names unknown license {target!r}")
        for alias in aliases:
            table.add_alias(row, alias)

    hub_aliases = curation["hub_aliases"]
    used_hub_aliases = set()
    for hub in hub_rows:
        hub_id = hub["hf_id"]
        if hub["spdx_id_if_exact"]:
            target = hub["spdx_id_if_exact"]
        elif hub_id in hub_aliases:
            target = hub_aliases[hub_id]
            used_hub_aliases.add(hub_id)
        else:
            target = hub_id
        row = table.find(target)
        if row is None:
            raise CurationError(f"Hugging Face Hub id {hub_id!r} maps to nothing (target {target!r})")
        table.add_alias(row, hub_id)
        # The Hub's display name, when it is another spelling ("Apache license 2.0" is the SPDX
        # name already; "GNU General Public License v3.0" is not).
        full_name = hub["full_name"].replace("\\*", "*").strip()
        is_family = full_name.lower().endswith(" family")  # "Open Data Commons ... family"
        if (full_name and not is_family
                and full_name.lower() not in (row["name"].lower(), row["id"].lower())):
            owner = table.find(full_name)
            if owner is None:
                table.add_alias(row, full_name)
            elif owner is not row:
                print(f"note: Hub name {full_name!r} of {hub_id} is already {owner['id']}; skipped",
                      file=sys.stderr)
    unused = set(hub_aliases) - used_hub_aliases
    if unused:
        raise CurationError(f"hub_aliases not in the Hub list: {sorted(unused)}")

    # An alias that is another license's name would shadow that name in the loader (ids and
    # aliases win over names); refuse it rather than let a lookup change meaning silently.
    names = {}
    for row in table.rows:
        names.setdefault(row["name"].lower(), row)
    for row in table.rows:
        for alias in row["aliases"]:
            owner = names.get(alias.lower())
            if owner is not None and owner is not row:
                raise CurationError(f"alias {alias!r} of {row['id']} is the name of {owner['id']}")

    exceptions = [{"id": e["licenseExceptionId"], "name": " ".join(e["name"].split()),
                   "deprecated": flag(e["isDeprecated"])} for e in exception_rows]

    sources = [f"SPDX License List {spdx_list_version(licenses_comment)}",
               f"Hugging Face Hub license identifiers ({hub_source(hub_comment)})",
               "openness license curation (tools/license_curation.json)"]
    if curation.get("extends"):
        sources[-1] = ("openness license curation (tools/license_curation.json and "
                       "tools/license_curation-" + curation["table_version"] + ".json)")
        add_replacements(table)
        add_urls(table, curation, spdx_dir)
    return table.rows, exceptions, sources


def add_replacements(table):
    """A deprecated SPDX id that is one version of a -only/-or-later pair names its reading."""
    for row in table.rows:
        if not row.get("deprecated"):
            continue
        license_id = row["id"]
        if license_id.endswith("+"):
            target = table.find(license_id[:-1] + "-or-later")
        else:
            target = table.find(license_id + "-only")
        if target is not None and target["class"] == row["class"]:
            row["replaced_by"] = target["id"]


def normal_url(url):
    """The form the resolver compares: no scheme, no www., no trailing slash or .html/.txt."""
    url = url.strip().lower()
    url = re.sub(r"^[a-z]+://", "", url)
    url = re.sub(r"^www\.", "", url)
    url = re.sub(r"[?#].*$", "", url)
    url = re.sub(r"/+$", "", url)
    url = re.sub(r"\.(html?|txt|php|md)$", "", url)
    url = re.sub(r"/(legalcode(\.[a-z-]+)?|deed(\.[a-z-]+)?)$", "", url)
    url = re.sub(r"/+$", "", url)
    return url


def add_urls(table, curation, spdx_dir):
    """Each row's license page URLs; a URL two rows claim goes to the shorter id (GPL-3.0 over
    GPL-3.0-only and GPL-3.0-or-later: the page does not say which), or to none."""
    claims = {}

    def claim(row, url):
        claims.setdefault(normal_url(url), []).append(row)

    texts = spdx_dir.parent / "licenses" / "spdx-texts.json"
    spdx = json.loads(texts.read_text(encoding="utf-8")) if texts.exists() else {}
    for row in table.rows:
        entry = spdx.get(row["id"])
        if entry and entry.get("url"):
            claim(row, entry["url"])
        if row.get("osi"):
            claim(row, "https://opensource.org/licenses/" + row["id"])
            claim(row, "https://opensource.org/license/" + row["id"].lower())
        match = re.fullmatch(r"CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)", row["id"])
        if match:
            claim(row, f"https://creativecommons.org/licenses/{match.group(1).lower()}/{match.group(2)}/")
        match = re.fullmatch(r"(A?GPL|LGPL|GFDL)-(\d\.\d)", row["id"])
        if match:
            name = f"{match.group(1).lower()}-{match.group(2)}"
            claim(row, f"https://www.gnu.org/licenses/{name}.html")
            if match.group(2)[0] in "12":
                claim(row, f"https://www.gnu.org/licenses/old-licenses/{name}.html")
    claim(table.find("CC0-1.0"), "https://creativecommons.org/publicdomain/zero/1.0/")
    for target, urls in curation.get("urls", {}).items():
        row = table.find(target)
        if row is None:
            raise CurationError(f"urls names unknown license {target!r}")
        for url in urls:
            claim(row, url)
    for url, rows in sorted(claims.items()):
        owners = {id(r): r for r in rows}
        if len(owners) > 1:
            shortest = min(owners.values(), key=lambda r: len(r["id"]))
            if not all(r["id"].startswith(shortest["id"]) for r in owners.values()):
                continue
            owner = shortest
        else:
            owner = rows[0]
        owner.setdefault("urls", [])
        if url not in owner["urls"]:
            owner["urls"].append(url)


def compact(row):
    """Leaves out empty and false fields; the loader defaults them."""
    out = {"id": row["id"], "name": row["name"], "class": row["class"]}
    for key in ("osi", "fsf_libre", "deprecated"):
        if row.get(key):
            out[key] = True
    if row.get("aliases"):
        out["aliases"] = row["aliases"]
    if row.get("note"):
        out["note"] = row["note"]
    for key in ("source", "replaced_by", "urls"):
        if row.get(key):
            out[key] = row[key]
    return out


def render(curation, rows, exceptions, sources):
    def dump(value):
        # ASCII only: the build embeds the file in C++ raw string literals cut into chunks, and
        # a chunk boundary must never split a multi-byte character.
        return json.dumps(value, ensure_ascii=True)

    rows = sorted(rows, key=lambda row: (row["id"].lower(), row["id"]))
    description = (
        "How open each license is, for openness. SPDX licenses are 'osi' when OSI-approved, "
        "'open-data' when on the curated open data/content list and 'restricted' otherwise; "
        "model and other custom licenses and the Hugging Face Hub ids are curated. Lookups are "
        "case-insensitive over ids, aliases and names. Generated by tools/gen_license_table.py "
        "from tools/license_curation.json; do not edit by hand.")
    if curation.get("extends"):
        description = description.replace(
            "from tools/license_curation.json",
            "from tools/license_curation.json and tools/license_curation-"
            + curation["table_version"] + ".json")
    lines = ["{",
             f'  "table_format": 1,',
             f'  "id": {dump(curation["table_id"])},',
             f'  "version": {dump(curation["table_version"])},',
             f'  "description": {dump(description)},',
             f'  "sources": {dump(sources)},',
             '  "licenses": [']
    lines += [f"    {dump(compact(row))}," for row in rows]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ],"]
    if curation.get("resolver"):
        lines += [f'  "resolver": {dump(curation["resolver"])},']
    lines += ['  "exceptions": [']
    lines += [f"    {dump({k: v for k, v in e.items() if v is not False})}," for e in exceptions]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ]", "}"]
    return "\n".join(lines) + "\n"


def read_curation(path):
    """A curation file; one that "extends" another is merged onto it (licenses appended,
    aliases and URLs added, its own id, version, description and resolver)."""
    with open(path, encoding="utf-8") as handle:
        curation = json.load(handle)
    base_name = curation.get("extends")
    if not base_name:
        return curation
    base = read_curation(path.parent / base_name)
    merged = dict(base)
    merged["extends"] = base_name
    for key in ("table_id", "table_version", "description", "resolver", "urls"):
        if key in curation:
            merged[key] = curation[key]
    merged["licenses"] = base["licenses"] + curation.get("licenses", [])
    aliases = {k: list(v) for k, v in base["extra_aliases"].items()}
    for target, more in curation.get("extra_aliases", {}).items():
        aliases.setdefault(target, []).extend(more)
    merged["extra_aliases"] = aliases
    return merged


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spdx_dir", nargs="?", type=Path, default=DEFAULT_SPDX_DIR,
                        help="directory with licenses.tsv, exceptions.tsv, hf-hub-licenses.tsv")
    parser.add_argument("--curation", type=Path, default=DEFAULT_CURATION)
    parser.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)

    curation = read_curation(args.curation)
    if curation.get("curation_format") != 1:
        print(f"{args.curation}: unsupported curation_format", file=sys.stderr)
        return 1
    try:
        rows, exceptions, sources = build(args.spdx_dir, curation)
    except (CurationError, OSError, KeyError) as error:
        print(f"gen_license_table: error: {error}", file=sys.stderr)
        return 1
    text = render(curation, rows, exceptions, sources)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    counts = {}
    for row in rows:
        counts[row["class"]] = counts.get(row["class"], 0) + 1
    summary = ", ".join(f"{counts.get(c, 0)} {c}" for c in reversed(CLASSES))
    print(f"wrote {args.output}: {len(rows)} licenses ({summary}), {len(exceptions)} exceptions",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

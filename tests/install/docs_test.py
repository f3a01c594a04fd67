#!/usr/bin/env python3
"""Checks that the man page and the shell completions name every subcommand and flag `--help`
shows, and that they work.

Usage: docs_test.py BINARY DOCS_DIR

`--help` is read for the program and, recursively, for every subcommand it lists; each
subcommand and each of its flags must appear in the man page (in that command's section) and in
the bash, zsh and fish scripts (for that command); every rubric and tier id of `openness
__describe` must be offered too. The files the build wrote (DOCS_DIR) must be what `openness
completion SHELL` and `openness __man` print now. Then: bash -n, and the bash completion run on
a few command lines; zsh -n and fish's parser and completer when those shells are installed;
groff with warnings on when it is.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from install_support import fail, run


def sections(help_text):
    """{"Options": [lines], "Subcommands": [lines], ...} of one --help page."""
    out, current = {}, None
    for line in help_text.splitlines():
        heading = re.match(r"^(\w[\w ]*):$", line)
        if heading:
            current = heading.group(1)
            out[current] = []
        elif current and line.startswith("  "):
            out[current].append(line)
    return out


def commands(binary, path=()):
    """[(path, flags)] for the program and every subcommand, from --help."""
    page = sections(run([binary, *path, "--help"]))
    flags = []
    for line in page.get("Options", []):
        if line.startswith("  -"):
            head = line.strip().split(" ")[0]
            flags += re.findall(r"--?[A-Za-z][\w-]*", head)
    found = [(path, flags)]
    for line in page.get("Subcommands", []):
        found += commands(binary, path + (line.split()[0],))
    return found


def main():
    binary, docs = sys.argv[1], sys.argv[2]
    tree = commands(binary)
    if len(tree) < 9:
        fail(f"found only {[' '.join(p) for p, _ in tree]} in --help")
    files = {name: open(os.path.join(docs, name), encoding="utf-8").read()
             for name in ("openness.1", "openness.bash", "_openness", "openness.fish")}
    for shell, name in (("bash", "openness.bash"), ("zsh", "_openness"), ("fish", "openness.fish")):
        if run([binary, "completion", shell]) != files[name]:
            fail(f"{name} differs from `openness completion {shell}`: rebuild, or a drift")
    if run([binary, "__man"]) != files["openness.1"]:
        fail("openness.1 differs from `openness __man`")
    man, bash, zsh, fish = (files[n] for n in ("openness.1", "openness.bash", "_openness",
                                               "openness.fish"))

    def roff(text):
        return text.replace("-", "\\-")

    man_sections = {}
    for block in re.split(r"\n\.SS ", man)[1:]:
        title = re.match(r'"([^"]*)"', block).group(1)
        man_sections[title] = block
    for path, flags in tree:
        name = " ".join(path)
        where = name or "openness"
        if path:
            if name not in man_sections:
                fail(f"man page: no section for {name}")
            if f'"{"/".join([" ".join(path[:-1]), path[-1]])}")' not in bash:
                fail(f"bash: does not know the subcommand {name}")
            if f"_openness_{'_'.join(path)}() {{" not in zsh:
                fail(f"zsh: no function for {name}")
            if f"-a '{path[-1]}'" not in fish:
                fail(f"fish: does not offer the subcommand {name}")
        man_text = man_sections.get(name, man.split(".SH COMMANDS")[0])
        bash_words = re.search(r'^ {12}"' + re.escape(name) + r"\"\) COMPREPLY=\(\$\(compgen -W '([^']*)'",
                               bash, re.M)
        zsh_function = re.search(r"^" + re.escape(f"_openness_{'_'.join(path)}" if path
                                                  else "_openness_main") + r"\(\) \{\n(.*?)\n\}",
                                 zsh, re.M | re.S)
        condition = (" and ".join(f"__fish_seen_subcommand_from {p}" for p in path)
                     if path else "__fish_use_subcommand")
        fish_lines = [line for line in fish.splitlines()
                      if f"-n '{condition.replace(' and ', '; and ')}" in line]
        for flag in flags:
            if (flag not in ("--help", "-h") or not path) and roff(flag) not in man_text:
                fail(f"man page: {where} does not mention {flag}")
            if not bash_words or flag not in bash_words.group(1).split():
                fail(f"bash: {where} does not complete {flag}")
            if not zsh_function or flag not in zsh_function.group(1):
                fail(f"zsh: {where} does not complete {flag}")
            fish_flag = f"-l {flag[2:]}" if flag.startswith("--") else f"-s {flag[1:]}"
            if not any(fish_flag in line for line in fish_lines):
                fail(f"fish: {where} does not complete {flag}")
    described = json.loads(run([binary, "__describe"]))
    ids = set(described["rubrics"]) | {t["id"] for tiers in described["tiers"].values()
                                       for t in tiers}
    for name, text in (("bash", bash), ("zsh", zsh), ("fish", fish)):
        missing = [i for i in ids if i not in text]
        if missing:
            fail(f"{name}: does not offer {missing}")
    missing = [i for i in ids if roff(i) not in man]
    if missing:
        fail(f"man page: does not list {missing}")

    with tempfile.TemporaryDirectory() as tmp:
        run(["bash", "-n", os.path.join(docs, "openness.bash")])
        probe = os.path.join(tmp, "probe.sh")
        with open(probe, "w") as f:
            f.write('source "$1"; shift\nCOMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n'
                    '_openness; printf "%s\\n" "${COMPREPLY[@]}"\n')
        cases = [(["openness", ""], {"classify", "badge", "init", "completion", "rubric"}),
                 (["openness", "classify", "--min-t"], {"--min-tier"}),
                 (["openness", "classify", "x.json", "--format", "h"], {"html"}),
                 (["openness", "classify", "--min-tier", "open-"], {"open-weights", "open-source"}),
                 (["openness", "rubric", "show", "--"], {"--format", "--help"}),
                 (["openness", "badge", "m.json", "--rubric", "os"], {"osaid", "osaid@1.0"}),
                 (["openness", "completion", ""], {"bash", "zsh", "fish"})]
        for words, want in cases:
            got = set(run(["bash", probe, os.path.join(docs, "openness.bash")] + words,
                          cwd=tmp).split())
            if not want <= got:
                fail(f"bash completion of {words}: {sorted(got)}, expected {sorted(want)}")
        checked = ["bash"]
        if shutil.which("zsh"):
            run(["zsh", "-n", os.path.join(docs, "_openness")])
            run(["zsh", "-f", "-c", "autoload -U compinit && compinit -u -d " + tmp + "/zcd && "
                 "source " + os.path.join(docs, "_openness") + " && (( $+_comps[openness] ))"])
            checked.append("zsh")
        if shutil.which("fish"):
            run(["fish", "--no-execute", os.path.join(docs, "openness.fish")])
            got = run(["fish", "--no-config", "-c", "source " + os.path.join(docs, "openness.fish")
                       + "; complete -C 'openness classify --format '"], env={
                           "HOME": tmp, "PATH": os.environ.get("PATH", "")})
            if "html\t" not in got or "sarif\t" not in got:
                fail(f"fish completion of --format: {got!r}")
            checked.append("fish")
        if shutil.which("groff"):
            proc = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z",
                                   os.path.join(docs, "openness.1")], capture_output=True)
            if proc.returncode != 0 or proc.stderr:
                fail(f"groff warns about the man page: {proc.stderr.decode()}")
            checked.append("groff")
    print(f"docs: man page and completions cover {len(tree)} commands and "
          f"{sum(len(f) for _, f in tree)} flags of --help; checked with {', '.join(checked)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""hf: ids against a local Hub: an http.server on 127.0.0.1 (a free port) that answers the
Hub's API and `resolve` paths from the release fixtures, with cases for gating, 404, 429 with
Retry-After, 500 then 200, a slow server, a redirect, a README over the size cap, malformed
JSON and a closed port. No test touches the network; each run has a time bound (subprocess
timeout) but nothing asserts on timing.

Usage: local_hub_test.py OPENNESS_BINARY SOURCE_DIR
"""
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

BINARY, SOURCE = sys.argv[1], sys.argv[2]
RELEASES = os.path.join(SOURCE, "tests", "data", "releases")
TOKEN = "hf_local_test_token_do_not_print"
SHA = {name: (c * 40) for name, c in [("open", "a"), ("gated", "b"), ("flaky429", "c"),
                                        ("flaky500", "d"), ("slow", "e"), ("redirect", "f"),
                                        ("big", "1"), ("badjson", "2")]}
# Synthetic repositories (test-org/...) built from the planted fixtures; the one real fact is
# allenai/dolma's license, ODC-BY, as its Hub card states.
REPOS = {
    "test-org/open": ("checkpoints", ["main", "step1000-tokens4B", "step2000-tokens8B"]),
    "test-org/gated": ("gated-llama", ["main"]),
    "test-org/flaky429": ("gguf-only", ["main"]),
    "test-org/flaky500": ("gguf-only", ["main"]),
    "test-org/slow": ("gguf-only", ["main"]),
    "test-org/redirect": ("gguf-only", ["main"]),
    "test-org/big": ("gguf-only", ["main"]),
    "test-org/badjson": ("gguf-only", ["main"]),
}
DATASETS = {"allenai/dolma": {"id": "allenai/dolma", "cardData": {"license": "odc-by"}}}
hits = {}
lock = threading.Lock()


def siblings(folder):
    out = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            with open(path, "rb") as f:
                head = f.read(200)
            entry = {"rfilename": rel, "size": os.path.getsize(path)}
            if head.startswith(b"version https://git-lfs.github.com/spec/v1"):
                size = int(head.split(b"size ")[1].split(b"\n")[0])
                entry["size"] = size
                entry["lfs"] = {"sha256": "0" * 64, "size": size, "pointerSize": len(head)}
            out.append(entry)
    return sorted(out, key=lambda e: e["rfilename"])


class Hub(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        with lock:
            hits[path] = hits.get(path, 0) + 1
            count = hits[path]
        parts = path.strip("/").split("/")
        if parts[:2] == ["api", "datasets"]:
            ds = "/".join(parts[2:4])
            return self.send(200, json.dumps(DATASETS[ds])) if ds in DATASETS else self.send(404, "{}")
        if parts[:2] == ["api", "models"]:
            repo = "/".join(parts[2:4])
            rest = parts[4:]
        elif len(parts) >= 5 and parts[2] == "resolve":
            repo = "/".join(parts[:2])
            rest = parts[2:]
        elif parts[:1] == ["cdn"]:
            return self.send(200, open(os.path.join(RELEASES, "gguf-only", "README.md"), "rb").read(), "text/plain")
        else:
            return self.send(404, '{"error": "not found"}')
        if repo not in REPOS:
            return self.send(404, '{"error": "Repository not found"}')
        name = repo.split("/")[1]
        folder, branches = REPOS[repo]
        folder = os.path.join(RELEASES, folder)
        if name == "gated" and self.headers.get("Authorization") != "Bearer " + TOKEN:
            return self.send(401, '{"error": "Access to model test-org/gated is restricted."}')
        if name == "flaky429" and count == 1:
            return self.send(429, '{"error": "slow down"}', headers=[("Retry-After", "1")])
        if name == "flaky500" and count == 1:
            return self.send(500, '{"error": "internal"}')
        if name == "slow":
            time.sleep(3)
        if name == "badjson" and rest[:1] == ["revision"]:
            return self.send(200, '{"sha": "' + SHA[name] + '", "siblings": [')
        if rest[:1] == ["revision"]:
            info = {"id": repo, "sha": SHA[name], "gated": "manual" if name == "gated" else False,
                    "siblings": siblings(folder)}
            if name == "big":
                info["siblings"].append({"rfilename": "LICENSE", "size": 2 * 1024 * 1024})
            return self.send(200, json.dumps(info))
        if rest[:1] == ["refs"]:
            return self.send(200, json.dumps({"branches": [{"name": b, "ref": "refs/heads/" + b,
                                                            "targetCommit": SHA[name]} for b in branches],
                                              "tags": [], "converts": []}))
        if rest[:1] == ["resolve"]:
            file = "/".join(rest[2:])
            if name == "redirect" and file == "README.md":
                self.send_response(302)
                self.send_header("Location", "/cdn/README.md")
                self.send_header("Content-Length", "0")
                return self.end_headers()
            target = os.path.join(folder, file)
            if not os.path.isfile(target):
                return self.send(404, "not found", "text/plain")
            return self.send(200, open(target, "rb").read(), "text/plain")
        return self.send(404, "{}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


failures = []


def check(name, condition, detail=""):
    if not condition:
        detail = " | ".join(line for line in detail.splitlines() if line.strip())[:600]
        failures.append(name + (": " + detail if detail else ""))


def run(args, cache, extra=None, timeout=60):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C",
           "HF_ENDPOINT": ENDPOINT, "XDG_CACHE_HOME": cache, "HF_HUB_DOWNLOAD_TIMEOUT": "1"}
    env.update(extra or {})
    p = subprocess.run([BINARY] + args, capture_output=True, text=True, env=env, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Hub)
server.handle_error = lambda request, address: None  # a client that timed out hangs up: expected
ENDPOINT = "http://127.0.0.1:%d" % server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()

with tempfile.TemporaryDirectory() as cache:
    # An open repository: sha recorded, checkpoint branches, the dataset's license from the Hub.
    code, out, err = run(["scan", "hf:test-org/open", "--rubric", "openness@1.0"], cache)
    check("open: exit 0", code == 0, err)
    check("open: sha", "revision: " + SHA["open"] in out, out)
    check("open: branches", "branch step1000-tokens4B and 1 more [weights.checkpoint-folder, weights.checkpoint-branch]" in out, out)
    check("open: dataset license", "data.training: released under odc-by" in out, out)
    check("open: weights listed", "model.safetensors [weights.safetensors]" in out, out)
    # A second run, offline: the same verdict from the cache, no request made.
    before = dict(hits)
    code2, out2, err2 = run(["scan", "hf:test-org/open", "--rubric", "openness@1.0", "--offline"], cache)
    check("offline: exit 0", code2 == 0, err2)
    check("offline: same tier", out2.split("tier:")[1].split("\n")[0] == out.split("tier:")[1].split("\n")[0], out2)
    check("offline: no request", hits == before, str(hits))
    check("offline: from cache", "read from the cache" in out2, out2)
    code3, out3, _ = run(["scan", "hf:test-org/open@" + SHA["open"], "--rubric", "openness@1.0"], cache)
    check("pinned sha: from cache", code3 == 0 and "read from the cache" in out3, out3)
    code, out, err = run(["scan", "hf:test-org/never-seen", "--offline"], cache)
    check("offline miss: exit 3", code == 3, err)
    check("offline miss: message", "not in the cache, and offline" in err, err)

    # Gated: 401 without a token says how to get access; with HF_TOKEN it reads, and the token
    # appears nowhere.
    code, out, err = run(["scan", "hf:test-org/gated"], cache)
    check("gated: exit 3", code == 3, err)
    check("gated: how to get access", "401 Unauthorized: the repository is gated or private. Accept its terms at "
          + ENDPOINT + "/test-org/gated while signed in, then set HF_TOKEN" in err, err)
    code, out, err = run(["scan", "hf:test-org/gated", "--rubric", "openness@1.0"], cache, {"HF_TOKEN": TOKEN})
    check("gated with token: exit 0", code == 0, err)
    check("gated with token: restricted", "tier: restricted-weights" in out, out)
    check("gated with token: access", "access: gated" in out, out)
    check("token never printed", TOKEN not in out + err)
    for root, _, files in os.walk(cache):
        for f in files:
            check("token never cached", TOKEN not in open(os.path.join(root, f), errors="replace").read(), f)

    # Answers a scan reports or gets past: (what, repository, exit code, the stream that must
    # hold the words, and what those words show; extra environment).
    for what, repo, want, stream, words, shows, extra in [
        ("404", "missing", 3, "err",
         "hf:test-org/missing: error: the model's API entry: 404 Not Found on " + ENDPOINT,
         "message", None),
        ("429 then 200", "flaky429", 0, None, None, None, None),
        ("500 then 200", "flaky500", 0, None, None, None, None),
        ("slow", "slow", 3, "err", "timed out after 0.5 s", "timed out",
         {"HF_HUB_DOWNLOAD_TIMEOUT": "0.5"}),
        ("redirect", "redirect", 0, "out", "Quantised-Test-7B-GGUF", "card read", None),
        ("big", "big", 0, "err",
         "LICENSE is 2097152 bytes, over the 1048576-byte limit for text files: not read",
         "over the cap", None),
        ("bad json", "badjson", 3, "err",
         "the Hub's answer for the model's API entry is not valid JSON", "message", None),
    ]:
        code, out, err = run(["scan", "hf:test-org/" + repo], cache, extra, timeout=30)
        check("%s: exit %d" % (what, want), code == want, err)
        if words is not None:
            check("%s: %s" % (what, shows), words in (err if stream == "err" else out),
                  out + err)
    check("429: retried", hits.get("/api/models/test-org/flaky429/revision/main", 0) == 2, str(hits))

    code, out, err = run(["scan", "hf:bad id"], cache)
    check("malformed id", code == 3 and "expected hf:ORG/NAME[@REVISION]" in err, err)

    # classify: --release hf:... and --hf-list, the verdict naming the commit it read.
    ids = os.path.join(cache, "ids.txt")
    with open(ids, "w") as f:
        f.write("# Hub ids\ntest-org/open\n\nhf:test-org/missing\n")
    code, out, err = run(["classify", "--rubric", "openness@1.0", "--hf-list", ids, "--format", "jsonl"], cache)
    check("hf-list: exit 3 (one id is missing)", code == 3, err)
    check("hf-list: resolved sha recorded", "hf:test-org/open@" + SHA["open"] in out, out)
    check("hf-list: 404 named", "hf:test-org/missing: error: the model's API entry: 404" in err, err)
    code, out, err = run(["classify", "--rubric", "openness@1.0", "--release", "hf:test-org/gated",
                          "--min-tier", "open-weights", "--offline"], cache)
    check("gated from the cache: below open-weights", code == 1 and "restricted-weights" in out, out + err)

    # classify --verify-against hf:...: the manifest's claims held against the Hub repository
    # (gated, its card and LICENSE the Llama 3.1 license): contradictions at the manifest's
    # lines, the gate failed; the cache then gives the same report offline.
    claims = os.path.join(RELEASES, "claims", "gated-claims-apache.json")
    held = ["classify", claims, "--verify-against", "hf:test-org/gated", "--rubric", "openness@1.0",
            "--format", "sarif"]
    code, out, err = run(held, cache, {"HF_TOKEN": TOKEN})
    check("verify-against hf: exit 1", code == 1, out + err)
    check("verify-against hf: gated access contradicted at line 4",
          "the manifest says download" in out and '"startLine":4,"startColumn":3' in out, out)
    check("verify-against hf: license contradicted at line 7",
          "weights.final.license: the manifest says Apache-2.0" in out and
          '"startLine":7,"startColumn":14' in out, out)
    check("verify-against hf: token never printed", TOKEN not in out + err)
    code2, out2, err2 = run(held + ["--offline"], cache)
    check("verify-against hf --offline: same report", code2 == code and out2 == out, out2 + err2)

    closed = "http://127.0.0.1:%d" % free_port()
    code, out, err = run(["scan", "hf:test-org/open@main"], tempfile.mkdtemp(), {"HF_ENDPOINT": closed})
    check("network failure: exit 3", code == 3, err)
    check("network failure: message", "cannot reach " + closed in err, err)

server.shutdown()
if failures:
    print("FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print("local hub: all cases passed")

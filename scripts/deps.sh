#!/usr/bin/env bash
# Installs what openness needs to build and test, from Debian 12's packages. Idempotent and
# quiet when everything is already there. Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(g++ cmake make pkg-config nlohmann-json3-dev libcli11-dev libfmt-dev libyaml-cpp-dev catch2 libsimdjson-dev
  libcurl4-openssl-dev nettle-dev libexpected-dev python3 python3-jsonschema python3-yaml cmark-gfm)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "openness: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq >/dev/null
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

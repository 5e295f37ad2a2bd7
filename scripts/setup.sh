#!/usr/bin/env bash
# All set-up on a fresh machine: Debian packages (the kernel oracle's and pcap tests' tools)
# and the npm packages. Safe to run again; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# nftables, iproute2, util-linux, python3: the kernel target; conntrack: optional cross-check;
# tshark, tcpreplay: the pcap tests; gcc, libc6-dev: the C adapter example of `check`.
debian_packages=(nftables iproute2 conntrack util-linux tshark tcpreplay python3 gcc libc6-dev)
missing=()
for p in "${debian_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages (${missing[*]}); run as root to install them" >&2
  else
    export DEBIAN_FRONTEND=noninteractive
    echo "setup: installing ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

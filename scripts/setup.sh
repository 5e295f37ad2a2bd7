#!/usr/bin/env bash
# All set-up on a fresh machine: Debian packages (the kernel oracle's and pcap tests' tools)
# and the npm packages. Safe to run again; skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# nftables, iproute2, util-linux, python3: the kernel target; conntrack: optional cross-check;
# tshark, tcpreplay: the pcap tests; gcc, libc6-dev: the C adapter example of `check`;
# libjansson-dev, libnetfilter-{conntrack,queue}-dev, libmnl-dev: the cthelper host;
# valgrind (memcheck and its <valgrind/memcheck.h>): `--target cthelper:NAME+memcheck`;
# libxml2-utils (xmllint): the test that validates `--report junit=` against the JUnit schema.
debian_packages=(nftables iproute2 conntrack util-linux tshark tcpreplay python3 gcc libc6-dev
  libjansson-dev libnetfilter-conntrack-dev libnetfilter-queue-dev libmnl-dev valgrind
  libxml2-utils)
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

# A node_modules symlink (a worktree sharing another checkout's) is left alone: npm ci
# through it would empty the other checkout's packages.
if [ ! -L node_modules ] && { [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  npm ci --no-audit --no-fund
fi

# conntrack-tools' helper plugins for `--target cthelper:NAME`: unpacked from Debian's
# conntrackd package into .cache/conntrackd/ (gitignored), never installed or started.
plugins=.cache/conntrackd/usr/lib/x86_64-linux-gnu/conntrack-tools
if [ ! -f "$plugins/ct_helper_ftp.so" ]; then
  download="$(mktemp -d)"
  # A fresh machine may have no package lists yet: update once and try again.
  (cd "$download" && { apt-get download conntrackd >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get download conntrackd >/dev/null; }; })
  mkdir -p .cache/conntrackd
  dpkg -x "$download"/conntrackd_*.deb .cache/conntrackd
  rm -rf "$download"
fi
bash cthelper/build.sh

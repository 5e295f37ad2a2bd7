#!/usr/bin/env bash
# Builds the cthelper host and the pass-through test plugin into .cache/cthelper/ (only what
# is older than its source). Needs gcc, libjansson-dev, libnetfilter-conntrack-dev,
# libnetfilter-queue-dev, libmnl-dev (scripts/setup.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../.cache/cthelper"
mkdir -p "$out"
libs=(-ljansson -lnetfilter_conntrack -lnetfilter_queue)
if [ ! -x "$out/host" ] || [ "$here/host.c" -nt "$out/host" ]; then
  # -rdynamic: the plugins import helper_register, cthelper_* and in6_pton from the host.
  gcc -O2 -g -Wall -Wextra -rdynamic -o "$out/host.tmp" "$here/host.c" -ldl "${libs[@]}"
  mv "$out/host.tmp" "$out/host"
fi
if [ ! -f "$out/test-tftp.so" ] || [ "$here/test-tftp.c" -nt "$out/test-tftp.so" ]; then
  gcc -O2 -g -Wall -Wextra -shared -fPIC -o "$out/test-tftp.so.tmp" "$here/test-tftp.c" \
    -lnetfilter_conntrack -lnetfilter_queue
  mv "$out/test-tftp.so.tmp" "$out/test-tftp.so"
fi

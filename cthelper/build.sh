#!/usr/bin/env bash
# Builds the cthelper host and the pass-through test plugin into .cache/cthelper/ (only what
# is older than its source). Needs gcc, libjansson-dev, libnetfilter-conntrack-dev,
# libnetfilter-queue-dev, libmnl-dev (scripts/setup.sh installs them). With valgrind's
# headers (the Debian package valgrind) the host also understands --memcheck, which the
# target cthelper:NAME+memcheck uses; the host is rebuilt when that changes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../.cache/cthelper"
mkdir -p "$out"
libs=(-ljansson -lnetfilter_conntrack -lnetfilter_queue)
flavour=plain
memcheck=()
if [ -f /usr/include/valgrind/memcheck.h ]; then
  flavour=memcheck
  memcheck=(-DHELPERFUZZ_MEMCHECK)
fi
if [ ! -x "$out/host" ] || [ "$here/host.c" -nt "$out/host" ] ||
  [ "$(cat "$out/host.flavour" 2>/dev/null)" != "$flavour" ]; then
  # -rdynamic: the plugins import helper_register, cthelper_* and in6_pton from the host
  # (and under --memcheck reach its wrappers of pktb_mangle, pktb_put, pktb_trim).
  gcc -O2 -g -Wall -Wextra -rdynamic "${memcheck[@]}" -o "$out/host.tmp" "$here/host.c" \
    -ldl "${libs[@]}"
  mv "$out/host.tmp" "$out/host"
  echo "$flavour" >"$out/host.flavour"
fi
if [ ! -f "$out/test-tftp.so" ] || [ "$here/test-tftp.c" -nt "$out/test-tftp.so" ]; then
  gcc -O2 -g -Wall -Wextra -shared -fPIC -o "$out/test-tftp.so.tmp" "$here/test-tftp.c" \
    -lnetfilter_conntrack -lnetfilter_queue
  mv "$out/test-tftp.so.tmp" "$out/test-tftp.so"
fi

#!/bin/bash
# Does the kernel's netbios-ns helper re-create its expectation for the router's second and
# later own broadcasts on one conntrack? Runs in a private network namespace of its own
# (unshare -n) on test addresses only; prints the expectation NEW events it saw.
#
#   bash scripts/kernel-experiments/broadcast-repeat.sh CPU DATAGRAMS GAP_S
#
# Measured 2026-12-04 (6.18.44, 2 vCPUs): pinned to CPU 0 the 2nd and 3rd datagrams never
# re-created it (1 NEW event in 20 of 20 runs); pinned to CPU 1 they did in 12 of 14 runs.
set -eu
cpu=${1:-0}; count=${2:-2}; gap=${3:-0.01}
events=$(mktemp)
trap 'rm -f "$events"' EXIT
unshare -n bash -c '
set -eu
ip link set lo up
ip link add hfx0 type veth peer name hfx1
ip addr add 198.19.0.1/1 broadcast 198.19.0.0 dev hfx0
ip link set hfx0 up
ip link set hfx1 up
nft -f - <<NFT
table inet t {
  ct helper nb { type "netbios-ns" protocol udp; }
  chain out { type filter hook output priority 0; udp dport 137 ct helper set "nb"; }
}
NFT
conntrack -E expect > "$4" 2>&1 &
listener=$!
sleep 0.3
taskset -c "$1" python3 -c "
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
s.bind((\"198.19.0.1\", 1024))
for i in range(int(sys.argv[1])):
    if i:
        time.sleep(float(sys.argv[2]))
    s.sendto(b\"\", (\"198.19.0.0\", 137))
" "$2" "$3"
sleep 0.3
kill "$listener"
wait "$listener" 2>/dev/null || true
' experiment "$cpu" "$count" "$gap" "$events"
echo "datagrams $count on cpu $cpu: $(grep -c NEW "$events" || true) expectation NEW events"

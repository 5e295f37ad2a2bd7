#!/bin/bash
# Two private network namespaces joined by a veth pair (192.0.2.1 caller, 192.0.2.2
# callee); everything runs inside them and they are removed at the end.
set -u
A=hf-talk-$$-a
B=hf-talk-$$-b
cleanup() { ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null; }
trap cleanup EXIT
ip netns add $A && ip netns add $B || exit 1
ip link add veth-a netns $A type veth peer name veth-b netns $B || exit 1
ip -n $A addr add 192.0.2.1/24 dev veth-a
ip -n $B addr add 192.0.2.2/24 dev veth-b
for n in $A $B; do ip -n $n link set lo up; done
ip -n $A link set veth-a up
ip -n $B link set veth-b up
# Full checksums on the wire (veth offloads them otherwise), so the capture verifies.
ip netns exec $A /tmp/hf-talk/root/sbin/ethtool -K veth-a tx off > /dev/null
ip netns exec $B /tmp/hf-talk/root/sbin/ethtool -K veth-b tx off > /dev/null
ip netns exec $B timeout 50 unshare -m --propagation private /tmp/hf-talk/side-b.sh > /tmp/hf-talk/side-b.log 2>&1 &
PB=$!
sleep 2
ip netns exec $A timeout 40 /tmp/hf-talk/side-a.sh > /tmp/hf-talk/side-a.log 2>&1 &
PA=$!
wait $PA; wait $PB
echo done

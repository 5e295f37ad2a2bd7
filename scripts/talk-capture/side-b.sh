#!/bin/sh
# Runs inside netns B with a private mount namespace: capture, logged-in callee, talkd,
# then the callee answers the invitation.
set -u
D=/tmp/hf-talk
export LD_LIBRARY_PATH=$D/root/usr/lib/x86_64-linux-gnu
mount -t tmpfs tmpfs /run
timeout 40 dumpcap -q -i veth-b -f "udp or tcp" -w $D/talk-real.pcapng > $D/dumpcap.log 2>&1 &
CAP=$!
timeout 35 python3 $D/utmp-pty.py 30 > $D/pty.log 2>&1 &
PTY=$!
sleep 1
timeout 35 python3 $D/launch-talkd.py $D/root/usr/sbin/in.ntalkd > $D/talkd-b.log 2>&1 &
TD=$!
sleep 9
# The callee answers: LOOK_UP at the caller's daemon, then TCP to the caller.
sleep 8 | TERM=xterm timeout 8 script -qfc "$D/root/usr/bin/netkit-ntalk root@192.0.2.1" $D/callee.typescript > /dev/null 2>&1
sleep 2
kill $TD $PTY 2>/dev/null
sleep 1
kill -INT $CAP 2>/dev/null
wait $CAP
echo side-b done

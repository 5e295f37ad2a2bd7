#!/bin/sh
# Runs inside netns A: the caller's own daemon and the caller.
set -u
D=/tmp/hf-talk
export LD_LIBRARY_PATH=$D/root/usr/lib/x86_64-linux-gnu
timeout 30 python3 $D/launch-talkd.py $D/root/usr/sbin/in.ntalkd > $D/talkd-a.log 2>&1 &
TD=$!
sleep 3
sleep 18 | TERM=xterm timeout 18 script -qfc "$D/root/usr/bin/netkit-ntalk root@192.0.2.2" $D/caller.typescript > /dev/null 2>&1
kill $TD 2>/dev/null
echo side-a done

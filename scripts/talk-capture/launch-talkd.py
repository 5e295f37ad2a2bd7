# inetd-style start of in.ntalkd: fd 0 is the bound UDP socket on 518 (dgram wait).
import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 518))
os.dup2(s.fileno(), 0)
os.dup2(s.fileno(), 1)
os.execv(sys.argv[1], [sys.argv[1]])

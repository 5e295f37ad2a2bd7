"""The little of ctnetlink the agent needs: the expectation NEW and DESTROY event
stream (the only reader that sees every expectation created, evicted ones
included, and every one evicted, replaced or removed) and a flush of every
conntrack entry (their expectations go with them)."""
import functools
import socket
import struct

NETLINK_NETFILTER = 12
SOL_NETLINK = 270
NETLINK_ADD_MEMBERSHIP = 1
SO_RCVBUFFORCE = 33
SUBSYS_CTNETLINK, SUBSYS_CTNETLINK_EXP = 1, 2
MSG_CT_DELETE, MSG_EXP_NEW, MSG_EXP_DELETE = 2, 0, 2
# nfnetlink groups: NFNLGRP_CONNTRACK_EXP_NEW, NFNLGRP_CONNTRACK_EXP_DESTROY
GROUP_EXP_NEW, GROUP_EXP_DESTROY = 4, 6
EVENT_KINDS = {(SUBSYS_CTNETLINK_EXP << 8) | MSG_EXP_NEW: "new",
               (SUBSYS_CTNETLINK_EXP << 8) | MSG_EXP_DELETE: "destroy"}
NLM_F_REQUEST, NLM_F_ACK = 0x1, 0x4
NLMSG_ERROR = 2
ENOBUFS = 105

CTA_EXPECT_MASTER, CTA_EXPECT_TUPLE, CTA_EXPECT_MASK = 1, 2, 3
CTA_EXPECT_FLAGS = 8
NF_CT_EXPECT_PERMANENT = 0x1
CTA_TUPLE_IP, CTA_TUPLE_PROTO = 1, 2
CTA_IP_V4_SRC, CTA_IP_V4_DST, CTA_IP_V6_SRC, CTA_IP_V6_DST = 1, 2, 3, 4
CTA_PROTO_NUM, CTA_PROTO_SRC_PORT, CTA_PROTO_DST_PORT = 1, 2, 3


def attributes(buf):
    offset = 0
    while offset + 4 <= len(buf):
        length, kind = struct.unpack_from("=HH", buf, offset)
        if length < 4:
            return
        yield kind & 0x3FFF, buf[offset + 4:offset + length]
        offset += (length + 3) & ~3


def messages(buf):
    offset = 0
    while offset + 16 <= len(buf):
        length, kind = struct.unpack_from("=IH", buf, offset)
        if length < 16:
            return
        yield kind, buf[offset + 16:offset + length]
        offset += (length + 3) & ~3


@functools.lru_cache(maxsize=8192)
def decode_tuple(buf):
    """-> dict(src, dst, proto, sport, dport); addresses as canonical text, the
    raw bytes kept in src_raw so a mask can be tested for all-zero. Cached (callers
    must not change the dict): the master tuples of a slot and the masks repeat
    from batch to batch, and this decode was the agent's hottest function."""
    t = {"src": None, "dst": None, "src_raw": b"", "proto": None, "sport": None, "dport": None}
    for kind, value in attributes(buf):
        if kind == CTA_TUPLE_IP:
            for ip_kind, ip in attributes(value):
                af = socket.AF_INET if ip_kind in (CTA_IP_V4_SRC, CTA_IP_V4_DST) else socket.AF_INET6
                key = "src" if ip_kind in (CTA_IP_V4_SRC, CTA_IP_V6_SRC) else "dst"
                t[key] = socket.inet_ntop(af, ip)
                if key == "src":
                    t["src_raw"] = bytes(ip)
        elif kind == CTA_TUPLE_PROTO:
            for proto_kind, v in attributes(value):
                if proto_kind == CTA_PROTO_NUM:
                    t["proto"] = v[0]
                elif proto_kind == CTA_PROTO_SRC_PORT:
                    t["sport"] = struct.unpack("!H", v[:2])[0]
                elif proto_kind == CTA_PROTO_DST_PORT:
                    t["dport"] = struct.unpack("!H", v[:2])[0]
    return t


def decode_expectation(body):
    """-> (master, tuple, mask, flags); flags = CTA_EXPECT_FLAGS (NF_CT_EXPECT_*), 0 if absent."""
    parts, flags = {}, 0
    for kind, value in attributes(body):
        if kind in (CTA_EXPECT_MASTER, CTA_EXPECT_TUPLE, CTA_EXPECT_MASK):
            parts[kind] = decode_tuple(bytes(value))
        elif kind == CTA_EXPECT_FLAGS and len(value) >= 4:
            flags = struct.unpack("!I", value[:4])[0]
    return (parts.get(CTA_EXPECT_MASTER), parts.get(CTA_EXPECT_TUPLE), parts.get(CTA_EXPECT_MASK),
            flags)


class ExpectationEvents:
    """Subscribed to the NEW and DESTROY expectation events of the namespace it is
    created in. It must exist before the traffic (or nf_conntrack_events=1 must be
    set). The kernel sends an expectation's DESTROY (nf_ct_unlink_expect_report:
    evicted at max_expected, replaced by an identical one, unexpected after a failed
    NAT mangle, timed out) in the same stream, in the order it happened."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
        self.sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 64 << 20)
        self.sock.bind((0, 0))
        for group in (GROUP_EXP_NEW, GROUP_EXP_DESTROY):
            self.sock.setsockopt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group)
        self.sock.setblocking(False)
        self.overruns = 0

    def drain(self):
        """Every event queued so far, in order: (kind, master, tuple, mask, flags), kind
        "new" or "destroy"."""
        out = []
        while True:
            try:
                data = self.sock.recv(1 << 20)
            except BlockingIOError:
                return out
            except OSError as exc:
                if exc.errno == ENOBUFS:  # events were lost: the caller must not trust this batch
                    self.overruns += 1
                    continue
                raise
            for kind, body in messages(data):
                event = EVENT_KINDS.get(kind)
                if event:
                    out.append((event,) + decode_expectation(body[4:]))

    def close(self):
        self.sock.close()


def flush_conntrack():
    """Delete every conntrack entry of this namespace, of every family and zone
    (family AF_UNSPEC and no zone attribute = no filter)."""
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    try:
        sock.bind((0, 0))
        header = struct.pack("=IHHII", 20, (SUBSYS_CTNETLINK << 8) | MSG_CT_DELETE,
                             NLM_F_REQUEST | NLM_F_ACK, 1, 0)
        sock.send(header + struct.pack("=BBH", socket.AF_UNSPEC, 0, 0))
        for kind, body in messages(sock.recv(65536)):
            if kind == NLMSG_ERROR:
                err = struct.unpack_from("=i", body)[0]
                if err:
                    raise OSError(-err, "conntrack flush failed")
    finally:
        sock.close()

"""Ethernet / IPv4 / IPv6 / TCP / UDP frames, built and parsed by hand.

Every injected frame carries a tag the router never rewrites (the IPv4
identification field, the IPv6 flow label), so a forwarded frame can be traced
back to the input segment it came from even after NAT changed its bytes and
sequence adjustment moved its seq.
"""
import array
import socket
import struct
import sys

ETH_IPV4, ETH_IPV6 = 0x0800, 0x86DD
TCP, UDP = 6, 17
FIN, SYN, RST, PSH, ACK = 0x01, 0x02, 0x04, 0x08, 0x10
_SWAP = sys.byteorder == "little"


def checksum(data):
    """Internet checksum; summing native-order words and swapping at the end is
    equivalent (RFC 1071) and lets array's C loop do the work."""
    if len(data) % 2:
        data += b"\0"
    total = sum(array.array("H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    total = ~total & 0xFFFF
    return ((total >> 8) | ((total & 0xFF) << 8)) if _SWAP else total


def mac_bytes(text):
    return bytes(int(part, 16) for part in text.split(":"))


class Family:
    """Address family helpers: packed addresses, the IP header, the pseudo-header."""

    def __init__(self, version):
        self.version = version
        self.af = socket.AF_INET if version == 4 else socket.AF_INET6
        self.ethertype = ETH_IPV4 if version == 4 else ETH_IPV6

    def pack(self, addr):
        return socket.inet_pton(self.af, addr)

    def ip_packet(self, src, dst, proto, l4, tag, dscp=0):
        if self.version == 4:
            hdr = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, dscp << 2, 20 + len(l4), tag & 0xFFFF,
                                        0x4000, 64, proto, 0, src, dst))
            struct.pack_into("!H", hdr, 10, checksum(bytes(hdr)))
            return bytes(hdr) + l4
        first = (6 << 28) | ((dscp << 2) << 20) | (tag & 0xFFFFF)
        return struct.pack("!IHBB16s16s", first, len(l4), proto, 64, src, dst) + l4

    def pseudo(self, src, dst, proto, length):
        if self.version == 4:
            return src + dst + struct.pack("!BBH", 0, proto, length)
        return src + dst + struct.pack("!IxxxB", length, proto)


IPV4, IPV6 = Family(4), Family(6)


def family_of(addr):
    return IPV6 if ":" in addr else IPV4


def tcp_segment(fam, src, dst, sport, dport, seq, ack, flags, payload, tag, dscp=0):
    """An IP packet holding one TCP segment; src/dst are packed addresses."""
    hdr = bytearray(struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                                5 << 4, flags, 65535, 0, 0))
    struct.pack_into("!H", hdr, 16,
                     checksum(fam.pseudo(src, dst, TCP, 20 + len(payload)) + bytes(hdr) + payload))
    return fam.ip_packet(src, dst, TCP, bytes(hdr) + payload, tag, dscp)


def udp_datagram(fam, src, dst, sport, dport, payload, tag=0, dscp=0):
    hdr = bytearray(struct.pack("!HHHH", sport, dport, 8 + len(payload), 0))
    csum = checksum(fam.pseudo(src, dst, UDP, 8 + len(payload)) + bytes(hdr) + payload) or 0xFFFF
    struct.pack_into("!H", hdr, 6, csum)
    return fam.ip_packet(src, dst, UDP, bytes(hdr) + payload, tag, dscp)


class Parsed:
    __slots__ = ("version", "proto", "tag", "src", "dst", "sport", "dport", "seq", "flags",
                 "payload")


def parse_frame(frame):
    """Decode an Ethernet frame carrying IPv4/IPv6 TCP/UDP; None for anything else."""
    if len(frame) < 14:
        return None
    ethertype = (frame[12] << 8) | frame[13]
    p = Parsed()
    if ethertype == ETH_IPV4 and len(frame) >= 34:
        ihl = (frame[14] & 15) * 4
        total = (frame[16] << 8) | frame[17]
        p.version, p.proto = 4, frame[23]
        p.tag = (frame[18] << 8) | frame[19]
        p.src = socket.inet_ntop(socket.AF_INET, frame[26:30])
        p.dst = socket.inet_ntop(socket.AF_INET, frame[30:34])
        l4 = frame[14 + ihl:14 + total]
    elif ethertype == ETH_IPV6 and len(frame) >= 54:
        p.version, p.proto = 6, frame[20]
        p.tag = struct.unpack_from("!I", frame, 14)[0] & 0xFFFFF
        p.src = socket.inet_ntop(socket.AF_INET6, frame[22:38])
        p.dst = socket.inet_ntop(socket.AF_INET6, frame[38:54])
        length = (frame[18] << 8) | frame[19]
        l4 = frame[54:54 + length]
    else:
        return None
    if p.proto == TCP and len(l4) >= 20:
        p.sport, p.dport, p.seq, _ack, offset, p.flags = struct.unpack_from("!HHIIBB", l4)
        p.payload = bytes(l4[(offset >> 4) * 4:])
    elif p.proto == UDP and len(l4) >= 8:
        p.sport, p.dport = struct.unpack_from("!HH", l4)
        p.seq, p.flags, p.payload = 0, 0, bytes(l4[8:])
    else:
        return None
    return p

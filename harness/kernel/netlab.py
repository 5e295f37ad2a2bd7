"""Private namespaces and the client -- router -- server topology.

The agent's own namespace (made by `unshare -n` before it started) is the
router. The two endpoint namespaces are made with unshare(2) and held only by
file descriptors of this process: when the agent ends, however it ends, the
kernel tears everything down. There are no holder processes and nothing is
mounted, so nothing can be left behind.

The endpoint namespaces have no addresses and IPv6 off, so their kernels stay
silent; frames are injected and read on their veth ends with AF_PACKET. The
router has no addresses either: each flow address gets a host route and a
permanent neighbour entry on its side.
"""
import ctypes
import functools
import ipaddress
import json
import os
import socket
import subprocess

CLONE_NEWNET = 0x40000000
PR_SET_PDEATHSIG = 1
SOL_PACKET, PACKET_IGNORE_OUTGOING = 263, 23
ETH_P_ALL = 0x0003
SO_RCVBUFFORCE = 33
# Benchmarking (RFC 2544) and documentation (RFC 5737, RFC 3849) ranges only: no real host
# has these addresses, and they exist only as routes inside our own namespaces.
SAFE_NETWORKS = tuple(ipaddress.ip_network(n) for n in (
    "198.18.0.0/15", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"))
SAFE_TEXT = ", ".join(str(n) for n in SAFE_NETWORKS)
LINKS = {"c": ("hfc0", "hfc1"), "s": ("hfs0", "hfs1")}  # side -> (router end, endpoint end)

_libc = ctypes.CDLL(None, use_errno=True)


class Refused(Exception):
    """The agent would touch something that is not its own: it stops instead."""


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def die_with_parent(parent_pid):
    """PDEATHSIG: if the harness dies (even SIGKILL), the agent dies too."""
    _check(_libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0), "prctl")
    if parent_pid and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before prctl took effect


def interfaces():
    """Interfaces of the calling thread's namespace (/sys/class/net would show the
    host's: sysfs is not remounted by unshare -n)."""
    with open("/proc/thread-self/net/dev") as f:
        return [line.split(":")[0].strip() for line in f.readlines()[2:]]


def ensure_fresh_private_namespace():
    """Refuse unless this is a namespace that holds nothing but lo."""
    own = os.stat("/proc/thread-self/ns/net").st_ino
    try:
        if own == os.stat("/proc/1/ns/net").st_ino:
            raise Refused("running in the host's network namespace")
    except PermissionError:
        pass
    found = [i for i in interfaces() if i != "lo"]
    if found:
        raise Refused("namespace has interfaces other than lo: %s" % ", ".join(found))


@functools.lru_cache(maxsize=4096)
def is_safe(addr):
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return False
    return any(ip.version == net.version and ip in net for net in SAFE_NETWORKS)


def run_forced(lines):
    """`ip -batch -force`: every line is tried, failures (a route already gone) ignored."""
    if lines:
        subprocess.run(["ip", "-force", "-batch", "-"], input="\n".join(lines) + "\n",
                       capture_output=True, text=True, timeout=30)


def run(argv, stdin=None):
    r = subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(argv[:3]), r.stderr.strip()))
    return r.stdout


class Namespace:
    """A namespace held by a file descriptor of this process."""

    def __init__(self, fd):
        self.fd = fd

    @staticmethod
    def current():
        return Namespace(os.open("/proc/thread-self/ns/net", os.O_RDONLY))

    @staticmethod
    def create():
        home = Namespace.current()
        _check(_libc.unshare(CLONE_NEWNET), "unshare")
        made = Namespace.current()
        home.enter()
        home.close()
        return made

    def enter(self):
        _check(_libc.setns(self.fd, CLONE_NEWNET), "setns")

    def inode(self):
        return os.fstat(self.fd).st_ino

    def run(self, argv, stdin=None):
        """A command inside this namespace: the child inherits the forking thread's."""
        home = Namespace.current()
        self.enter()
        try:
            return run(argv, stdin)
        finally:
            home.enter()
            home.close()

    def close(self):
        os.close(self.fd)


# The kernel helpers the target drives: l4 and the first client port of their slots. A
# slot's client port names the helper (nft attaches it by that port range) and the flow's
# conntrack zone, so flows of any helper can be in flight together.
HELPERS = {
    "ftp": ("tcp", 20000),
    "irc": ("tcp", 21000),
    "tftp": ("udp", 22000),
    "amanda": ("udp", 23000),
    "sane": ("tcp", 24000),
    "pptp": ("tcp", 25000),
    "netbios-ns": ("udp", 26000),
    "snmp": ("udp", 27000),
    "snmp-trap": ("udp", 28000),
}
# The kernel's name of a helper where ours differs (nf_nat_snmp_basic registers "snmp_trap").
KERNEL_NAME = {"snmp-trap": "snmp_trap"}
# The broadcast helpers (kernel-helpers.md §8, nf_conntrack_broadcast_help) read the route and
# the output device of a locally generated packet: their flows leave the router through a
# device of their own (BROADCAST_DEVICE % i, peer BROADCAST_PEER % i in the broadcast
# namespace), whose IPv4 addresses and routes the agent sets per batch from the flow's config.
BROADCAST_HELPERS = ("netbios-ns", "snmp")
BROADCAST_DEVICE, BROADCAST_PEER = "hfn%d", "hfnp%d"
BROADCAST_DEVICES = 64
SLOT_PORT_BASE = HELPERS["ftp"][1]
# SIP runs on UDP and TCP, and its payload names the client's port (Via, Contact): a SIP
# flow keeps its own client port instead of a slot port. Its frames carry this DSCP, so the
# router tells them from the other helpers' slots (whose port ranges any client port may
# fall in); its zone is its client port (a batch holds each port once), set per batch.
SIP_DSCP = 0x0A
SIP_L4 = ("udp", "tcp")
# A PPTP flow under source NAT keeps its own client port too: nf_nat_pptp writes the
# connection's reply-direction TCP destination port (the client's port as the server sees
# it) as the PNS call id, so a slot port would show in the payload and the expectations.
# Its frames carry this DSCP; its zone is its client port, from the same map as SIP's.
PPTP_DSCP = 0x0B


def ruleset(slots):
    """The router's nft ruleset. Each slot (a client port) gets its own conntrack
    zone, so flows in flight at once cannot see each other's expectations; each
    helper is attached to the connections whose client port is one of its slots;
    source NAT per slot comes from a map the agent fills per batch."""
    zones = {"tcp": [], "udp": []}
    helpers, attach = [], []
    sip_zone, sip_attach = [], []
    for l4 in SIP_L4:
        helpers.append('  ct helper sip_%s { type "sip" protocol %s; }' % (l4, l4))
        for ip in ("ip", "ip6"):
            # first match wins: these come before the slot rules and end the chain
            sip_zone.append('    iifname "hfc0" meta l4proto %s %s dscp 0x%02x ct zone set %s sport map '
                            '@zone_sip accept' % (l4, ip, SIP_DSCP, l4))
            sip_zone.append('    iifname "hfs0" meta l4proto %s %s dscp 0x%02x ct zone set %s dport map '
                            '@zone_sip accept' % (l4, ip, SIP_DSCP, l4))
            sip_attach.append('    iifname "hfc0" meta l4proto %s %s dscp 0x%02x ct helper set "sip_%s" '
                              'accept' % (l4, ip, SIP_DSCP, l4))
    # PPTP is IPv4 and TCP only (own-port flows: under source NAT, see PPTP_DSCP)
    sip_zone.append('    iifname "hfc0" meta l4proto tcp ip dscp 0x%02x ct zone set tcp sport map '
                    '@zone_sip accept' % PPTP_DSCP)
    sip_zone.append('    iifname "hfs0" meta l4proto tcp ip dscp 0x%02x ct zone set tcp dport map '
                    '@zone_sip accept' % PPTP_DSCP)
    sip_attach.append('    iifname "hfc0" meta l4proto tcp ip dscp 0x%02x ct helper set "pptp" accept'
                      % PPTP_DSCP)
    for index, (name, (l4, base)) in enumerate(sorted(HELPERS.items())):
        zones[l4] += ["%d : %d" % (base + i, index * slots + i + 1) for i in range(slots)]
        helpers.append('  ct helper %s { type "%s" protocol %s; }' % (name, KERNEL_NAME.get(name, name), l4))
        attach.append('    iifname "hfc0" %s sport %d-%d ct helper set "%s"'
                      % (l4, base, base + slots - 1, name))
    # the broadcast helpers' own datagrams (a raw socket of the router, see agent.py)
    local = ['    udp sport %d-%d ct helper set "%s"' % (HELPERS[name][1], HELPERS[name][1] + slots - 1,
                                                       name) for name in BROADCAST_HELPERS]
    nat_rules = "; ".join('oifname "%s" meta l4proto %s snat to %s sport map @snat_by_port'
                          % (dev, l4, l4) for dev in ("hfs0", "hfn*") for l4 in ("tcp", "udp"))
    return """
table inet hf {
%s
  map zone_tcp { typeof tcp sport : ct zone; elements = { %s } }
  map zone_udp { typeof udp sport : ct zone; elements = { %s } }
  map zone_sip { typeof udp sport : ct zone; }
  chain raw {
    type filter hook prerouting priority -300;
    udp dport 9 notrack
%s
    iifname "hfc0" meta l4proto tcp ct zone set tcp sport map @zone_tcp
    iifname "hfs0" meta l4proto tcp ct zone set tcp dport map @zone_tcp
    iifname "hfc0" meta l4proto udp ct zone set udp sport map @zone_udp
    iifname "hfs0" meta l4proto udp ct zone set udp dport map @zone_udp
  }
  chain pre {
    type filter hook prerouting priority 0;
%s
%s
  }
  chain rawout {
    type filter hook output priority -300;
    meta l4proto udp ct zone set udp sport map @zone_udp
  }
  chain localout {
    type filter hook output priority 0;
%s
  }
}
table ip hfnat4 {
  map snat_by_port { type inet_service : ipv4_addr; }
  chain pre { type nat hook prerouting priority -100; }
  chain post { type nat hook postrouting priority 100; %s; }
}
table ip6 hfnat6 {
  map snat_by_port { type inet_service : ipv6_addr; }
  chain pre { type nat hook prerouting priority -100; }
  chain post { type nat hook postrouting priority 100; %s; }
}
""" % ("\n".join(helpers), ", ".join(zones["tcp"]), ", ".join(zones["udp"]), "\n".join(sip_zone),
       "\n".join(sip_attach), "\n".join(attach), "\n".join(local), nat_rules, nat_rules)


ROUTER_SYSCTLS = (
    "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
    "net.ipv6.conf.all.forwarding=1", "net.ipv6.conf.default.addr_gen_mode=1",
    "net.ipv6.conf.default.accept_dad=0",
    # the listener exists before any traffic, but =1 makes events independent of that
    "net.netfilter.nf_conntrack_events=1",
    # the helper is under test, not TCP window tracking: every segment reaches it
    "net.netfilter.nf_conntrack_tcp_be_liberal=1",
    "net.netfilter.nf_conntrack_checksum=0",
)
ENDPOINT_SYSCTLS = ("net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1")


class Topology:
    """client ns (hfc1) -- hfc0 [router = this ns] hfs0 -- (hfs1) server ns."""

    def __init__(self, slots):
        ensure_fresh_private_namespace()
        self.router = Namespace.current()
        run(["ip", "link", "set", "lo", "up"])
        run(["sysctl", "-qw"] + list(ROUTER_SYSCTLS))
        self.ends = {}
        self.mac = {}
        for side, (inner, outer) in LINKS.items():
            ns = Namespace.create()
            self.ends[side] = ns
            ns.run(["sysctl", "-qw"] + list(ENDPOINT_SYSCTLS))
            run(["ip", "link", "add", inner, "mtu", "65535", "type", "veth", "peer", "name", outer,
                 "mtu", "65535", "netns", "/proc/%d/fd/%d" % (os.getpid(), ns.fd)])
            run(["sysctl", "-qw", "net.ipv4.conf.%s.rp_filter=0" % inner])
            run(["ip", "link", "set", inner, "up"])
            ns.run(["ip", "link", "set", outer, "up"])
            self.mac[outer] = link_mac(ns.run(["ip", "-o", "link", "show", outer]))
            self.mac[inner] = link_mac(run(["ip", "-o", "link", "show", inner]))
        # a forwarded packet to a broadcast route leaves through its device (bc_forwarding)
        # instead of being taken in: the broadcast helpers' forwarded flows (localOut false)
        run(["sysctl", "-qw", "net.ipv4.conf.all.bc_forwarding=1", "net.ipv4.conf.hfc0.bc_forwarding=1"])
        run(["nft", "-f", "-"], stdin=ruleset(slots))
        self.side_of = {}  # flow address -> side it is routed to
        self.ends["b"] = Namespace.create()  # the broadcast devices' peers
        self.ends["b"].run(["sysctl", "-qw"] + list(ENDPOINT_SYSCTLS))
        self.broadcast = BroadcastDevices(self)

    def open_packet_socket(self, side):
        """AF_PACKET on the endpoint end of a side's veth; side "b": every device of the
        broadcast namespace (the broadcast devices' peers)."""
        outer = LINKS[side][1] if side in LINKS else ""
        ns = self.ends[side]
        ns.enter()
        try:
            sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        finally:
            self.router.enter()
        sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 64 << 20)
        sock.setsockopt(SOL_PACKET, PACKET_IGNORE_OUTGOING, 1)
        if outer:
            sock.bind((outer, 0))
        sock.setblocking(False)
        return sock

    def route_conflicts(self, wanted):
        """Addresses routed to the other end by an earlier batch. A NAT address (side "n")
        moving in or out is no conflict: route() just replaces its one route."""
        return [a for a, side in wanted.items()
                if side not in ("n", "b") and self.side_of.get(a, side) not in (side, "n", "b")]

    def route(self, wanted):
        """Host route + permanent neighbour for each address on its side, in one
        `ip -batch` call for everything not configured yet."""
        lines = []
        for addr, side in wanted.items():
            if self.side_of.get(addr) == side or side == "b":  # "b": BroadcastDevices
                continue
            if not is_safe(addr):
                raise Refused("address %s is outside the test ranges (%s)" % (addr, SAFE_TEXT))
            plen = 128 if ":" in addr else 32  # ip infers the family from the address
            if side == "n":  # a NAT address: nothing behind it
                lines.append("route replace blackhole %s/%d" % (addr, plen))
                continue
            inner, outer = LINKS[side]
            lines.append("route replace %s/%d dev %s" % (addr, plen, inner))
            lines.append("neigh replace %s lladdr %s dev %s nud permanent"
                         % (addr, self.mac[outer], inner))
        if lines:
            run(["ip", "-batch", "-"], stdin="\n".join(lines) + "\n")
        self.side_of.update(wanted)

    def interface_names(self):
        return {side: interfaces_of(ns) for side, ns in self.ends.items()}


def link_mac(ip_link_line):
    return ip_link_line.split("link/ether ")[1].split()[0]


def interfaces_of(ns):
    home = Namespace.current()
    ns.enter()
    try:
        return interfaces()
    finally:
        home.enter()
        home.close()


# The IPv4 networks of the test ranges, for the networks of a broadcast device's addresses.
_V4_SAFE = [n for n in SAFE_NETWORKS if n.version == 4]
_PREFERRED = ipaddress.ip_network("198.51.100.0/24")  # no generated flow address is in it


@functools.lru_cache(maxsize=64)
def networks_of_prefix(plen):
    """Distinct /plen networks that hold a test-range address, each with one such address
    (the peer address that places a device address in it): 198.51.100.0/24 first (flows do
    not use it), at most 64."""
    out, seen = [], set()
    for net in [_PREFERRED] + [n for n in _V4_SAFE if n != _PREFERRED]:
        if plen <= net.prefixlen:
            candidates = [(net.supernet(new_prefix=plen), net.network_address)]
        else:
            candidates = ((sub, sub.network_address) for sub in net.subnets(new_prefix=plen))
        for sub, peer in candidates:
            if sub not in seen:
                seen.add(sub)
                out.append((sub, str(peer)))
            if len(out) >= 64:
                return out
    return out


def broadcast_layout(device):
    """The `ip address add` arguments that give a device the in_ifaddr list a flow states:
    [(local, peer, plen, broadcast)], in order. Every address has its own local address in
    198.51.100.0/24 and a peer address that puts it in a /plen network of its own (so a
    primary stays primary: the kernel makes an address secondary when one with the same
    mask and network is already there). A secondary one needs a primary in its network: an
    anchor with broadcast 0.0.0.0 (no broadcast route, never equal to a destination) comes
    first. ValueError when the test ranges hold too few /plen networks."""
    lines, used, k = [], {}, 0
    for entry in device:
        plen, brd, secondary = entry["prefixLen"], entry["broadcast"], entry["secondary"]
        nets = networks_of_prefix(plen)
        i = used.get(plen, 0)
        if i >= len(nets):
            raise ValueError("%d device addresses with prefix /%d need as many /%d networks; the "
                             "test ranges hold %d" % (i + 1, plen, plen, len(nets)))
        used[plen] = i + 1
        peer = nets[i][1]
        if secondary:
            lines.append(("198.51.100.%d" % (10 + k), peer, plen, "0.0.0.0"))
            k += 1
        lines.append(("198.51.100.%d" % (10 + k), peer, plen, brd))
        k += 1
    return lines


def _device_mac(kind, i):
    return "02:00:00:%02x:%02x:%02x" % (kind, i >> 8, i & 0xFF)


class BroadcastDevices:
    """The broadcast helpers' output devices: veths hfn<i> (router) -- hfnp<i> (broadcast
    namespace), made on first use. Per batch each distinct broadcast-helper server address
    gets one device, whose addresses and the routes to the server are what the flows of
    that server state (the flows sharing a server in a batch state the same)."""

    def __init__(self, topology):
        self.topology = topology
        self.made = 0
        self.used = []  # devices configured by the last batch
        self.manual = []  # broadcast routes the last batch added by hand: (addr, device)

    def make(self, count):
        count = min(count, BROADCAST_DEVICES)
        if count <= self.made:
            return
        b = self.topology.ends["b"]
        lines, peers = [], []
        for i in range(self.made, count):
            lines.append("link add %s mtu 65535 address %s type veth peer name %s mtu 65535 address %s "
                         "netns /proc/%d/fd/%d" % (BROADCAST_DEVICE % i, _device_mac(0x6E, i),
                                                   BROADCAST_PEER % i, _device_mac(0x6F, i),
                                                   os.getpid(), b.fd))
            lines.append("link set %s up" % (BROADCAST_DEVICE % i))
            peers.append("link set %s up" % (BROADCAST_PEER % i))
        run(["ip", "-batch", "-"], stdin="\n".join(lines) + "\n")
        b.run(["ip", "-batch", "-"], stdin="\n".join(peers) + "\n")
        run(["sysctl", "-qw"] + ["net.ipv4.conf.%s.rp_filter=0" % (BROADCAST_DEVICE % i)
                                 for i in range(self.made, count)])
        self.made = count

    def configure(self, servers, addresses):
        """servers: [(server, broadcast_route, layout)], one per device (index = position);
        addresses: every flow address of the batch. Afterwards the route to each server is a
        broadcast route through its device or a unicast one through it, as stated, and no
        other flow address of the batch has a local or broadcast route that the devices'
        addresses brought."""
        self.make(BROADCAST_DEVICES)  # all at once: a device made in this batch could lag
        cleanup = ["route del broadcast %s dev %s table local" % m for m in self.manual]
        cleanup += ["address flush dev %s" % dev for dev in self.used]
        run_forced(cleanup)
        self.manual, self.used = [], []
        lines = []
        for i, (server, broadcast_route, layout) in enumerate(servers):
            dev = BROADCAST_DEVICE % i
            self.used.append(dev)
            for local, peer, plen, brd in layout:
                for a in (local, peer) + ((brd,) if brd != "0.0.0.0" else ()):
                    if not is_safe(a):
                        raise Refused("address %s is outside the test ranges (%s)" % (a, SAFE_TEXT))
                # iproute2 reads "peer X/0" as /32: a /0 address is added without a peer
                # (network 0.0.0.0/0 either way; no prefix route for the zero network)
                place = "peer %s/%d" % (peer, plen) if plen else "/0"
                lines.append("address add %s%s broadcast %s dev %s"
                             % (local, " " + place if plen else place, brd, dev))
            if not is_safe(server):
                raise Refused("address %s is outside the test ranges (%s)" % (server, SAFE_TEXT))
            lines.append("route replace %s/32 dev %s" % (server, dev))
            lines.append("neigh replace %s lladdr %s dev %s nud permanent"
                         % (server, _device_mac(0x6F, i), dev))
            self.topology.side_of[server] = "b"
        if lines:
            run(["ip", "-batch", "-"], stdin="\n".join(lines) + "\n")
        wanted = {server: BROADCAST_DEVICE % i
                  for i, (server, broadcast_route, _) in enumerate(servers) if broadcast_route}
        have = set()
        drop = []
        for r in json.loads(run(["ip", "-j", "-4", "route", "show", "table", "local"]) or "[]"):
            dst, kind, dev = r.get("dst"), r.get("type"), r.get("dev")
            if dst not in addresses or kind not in ("broadcast", "local"):
                continue
            if kind == "broadcast" and wanted.get(dst) == dev:
                have.add(dst)
                continue
            drop.append("route del %s %s dev %s table local%s"
                        % (kind, dst, dev, " src %s" % r["prefsrc"] if r.get("prefsrc") else ""))
        for server, dev in wanted.items():
            if server not in have:
                drop.append("route add broadcast %s dev %s table local scope link" % (server, dev))
                self.manual.append((server, dev))
        if drop:
            run(["ip", "-batch", "-"], stdin="\n".join(drop) + "\n")

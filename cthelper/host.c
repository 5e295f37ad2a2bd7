/* helperfuzz's cthelper host: plays conntrackd's and the kernel's part around one
 * conntrack-tools userspace helper plugin (ct_helper_*.so) and speaks the JSON-lines
 * process protocol v1 (docs/authors.md) on stdin/stdout.
 *
 * Usage: cthelper-host [--memcheck] PLUGIN.so
 *
 * The plugin registers itself from its ELF constructor (helper_register below). Per flow
 * the host builds the conntrack and real IP packets, calls the helper once per segment and
 * does only what the kernel does around a helper: the expectation table rules with the
 * helper's own policy, and TCP sequence adjustment after a length change. Anything else
 * would be behaviour of the host, not of the plugin under test.
 *
 * --memcheck (the target `cthelper:NAME+memcheck` runs the host so, under valgrind's
 * memcheck): the packet's tail room is made inaccessible while the helper runs, so a read or
 * write past the packet is an error even though pktb_alloc's buffer goes on; after each flow
 * the host counts memcheck's errors and runs a leak check of what was added since the
 * previous flow. A flow with a new error or new lost bytes is not answered: the host says so
 * on stderr and exits with MEMCHECK_EXIT, and the target reads valgrind's log for the stacks.
 * The host frees everything it allocates for a flow, so a lost block is the plugin's.
 *
 * ABI facts: /work/shared/cthelper-abi.md (structures measured on x86_64). */

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <jansson.h>
#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_queue/pktbuff.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HELPERFUZZ_MEMCHECK
#include <valgrind/memcheck.h>
#endif

/* ---- the plugin ABI (conntrack-tools 1.4.7 include/helper.h, myct.h) ---- */

struct list_head_abi {
	void *next, *prev;
};

struct ctd_helper_policy {
	char name[17];
	uint32_t expect_timeout;
	uint32_t expect_max;
};

struct myct {
	struct nf_conntrack *ct;
	struct nf_expect *exp;
	void *priv_data;
};

struct ctd_helper {
	struct list_head_abi head;
	char name[16];
	uint8_t l4proto;
	int (*cb)(struct pkt_buff *pkt, uint32_t protoff, struct myct *ct, uint32_t ctinfo);
	struct ctd_helper_policy policy[4];
	int priv_data_len;
};

_Static_assert(sizeof(struct ctd_helper_policy) == 28, "policy is 28 bytes");
_Static_assert(offsetof(struct ctd_helper, cb) == 40, "cb at 40");
_Static_assert(offsetof(struct ctd_helper, policy) == 48, "policy at 48");
_Static_assert(offsetof(struct ctd_helper, priv_data_len) == 160, "priv_data_len at 160");

#define MYCT_DIR_ORIG 0
#define MYCT_DIR_REPL 1
#define CT_ESTABLISHED 0
#define CT_NEW 2
#define CT_ESTABLISHED_REPLY 3

/* Room the helper may grow a packet by when it rewrites the payload (conntrackd's value). */
#define PKT_EXTRA 256

/* ---- memcheck (--memcheck, under valgrind) ---- */

/* The exit code of a flow with a memory error: the target tells it from any other exit. */
#define MEMCHECK_EXIT 86

static int memcheck;

#ifdef HELPERFUZZ_MEMCHECK
/* The packet the helper is running on and the end of its pkt_buff's data buffer: from the
 * packet's end to there is tail room, inaccessible except inside libnetfilter_queue's own
 * functions that grow or shrink the packet. */
static struct pkt_buff *guarded;
static uint8_t *guarded_end;
/* memcheck's name for the tail room in its messages ("… inside a tail room past the packet"). */
static unsigned tail_block;
static int tail_named;

static void forget_tail(void)
{
	if (tail_named)
		VALGRIND_DISCARD(tail_block);
	tail_named = 0;
}

static void guard_tail(void)
{
	uint8_t *tail;
	if (!memcheck || guarded == NULL)
		return;
	forget_tail();
	tail = pktb_data(guarded) + pktb_len(guarded);
	if (tail < guarded_end) {
		VALGRIND_MAKE_MEM_NOACCESS(tail, guarded_end - tail);
		tail_block = VALGRIND_CREATE_BLOCK(tail, guarded_end - tail,
						   "tail room past the packet (pktb_alloc's extra)");
		tail_named = 1;
	}
}

static void open_tail(struct pkt_buff *pktb)
{
	uint8_t *tail;
	if (!memcheck || pktb != guarded)
		return;
	tail = pktb_data(guarded) + pktb_len(guarded);
	if (tail < guarded_end)
		VALGRIND_MAKE_MEM_DEFINED(tail, guarded_end - tail);
}

static void *next_symbol(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);
	if (f == NULL) {
		fprintf(stderr, "cthelper-host: no %s after the host: %s\n", name, dlerror());
		abort();
	}
	return f;
}

/* libnetfilter_queue's functions that move the end of a packet. The host exports them
 * (-rdynamic), so the plugin's calls, and the library's own calls through its PLT (its
 * nfq_*_mangle* reach pktb_mangle so), come here: the tail room is opened, the library's
 * function runs unchanged, and the tail room after the new end is closed again. */
int pktb_mangle(struct pkt_buff *pktb, int dataoff, unsigned int match_offset,
		unsigned int match_len, const char *rep_buffer, unsigned int rep_len)
{
	static int (*real)(struct pkt_buff *, int, unsigned int, unsigned int, const char *,
			   unsigned int);
	int ret;
	if (real == NULL)
		real = next_symbol("pktb_mangle");
	open_tail(pktb);
	ret = real(pktb, dataoff, match_offset, match_len, rep_buffer, rep_len);
	guard_tail();
	return ret;
}

void pktb_put(struct pkt_buff *pktb, unsigned int len)
{
	static void (*real)(struct pkt_buff *, unsigned int);
	if (real == NULL)
		real = next_symbol("pktb_put");
	open_tail(pktb);
	real(pktb, len);
	guard_tail();
}

void pktb_trim(struct pkt_buff *pktb, unsigned int len)
{
	static void (*real)(struct pkt_buff *, unsigned int);
	if (real == NULL)
		real = next_symbol("pktb_trim");
	open_tail(pktb);
	real(pktb, len);
	guard_tail();
}

/* memcheck's error count and lost bytes (definitely + indirectly) after the last flow. */
static unsigned long errors_seen, lost_seen;

static unsigned long lost_bytes(void)
{
	unsigned long leaked = 0, dubious = 0, reachable = 0, suppressed = 0;
	VALGRIND_COUNT_LEAKS(leaked, dubious, reachable, suppressed);
	(void)dubious;
	(void)reachable;
	(void)suppressed;
	return leaked;
}

/* After the plugin is loaded: what it and the libraries did so far belongs to no flow. */
static void memcheck_start(void)
{
	VALGRIND_DO_LEAK_CHECK;
	lost_seen = lost_bytes();
	errors_seen = VALGRIND_COUNT_ERRORS;
	VALGRIND_PRINTF("helperfuzz-memcheck: plugin loaded; what follows belongs to flows\n");
}

/* After each flow (its answer built, not yet written): a new memory error or newly lost
 * bytes end the host without an answer. */
static void memcheck_flow(json_t *id)
{
	unsigned long errors = VALGRIND_COUNT_ERRORS, lost;
	VALGRIND_DO_ADDED_LEAK_CHECK;
	lost = lost_bytes();
	if (errors > errors_seen || lost > lost_seen) {
		fprintf(stderr,
			"cthelper-host: memcheck: %lu memory errors and %lu bytes lost in the flow of "
			"request %lld (the stacks are in valgrind's log)\n",
			errors - errors_seen, lost > lost_seen ? lost - lost_seen : 0,
			(long long)json_integer_value(id));
		fflush(stderr);
		exit(MEMCHECK_EXIT);
	}
	/* A leak check can count errors of its own (kinds not shown): not the flow's. */
	errors_seen = VALGRIND_COUNT_ERRORS;
	lost_seen = lost;
}
#endif

/* ---- registered helpers ---- */

#define MAX_HELPERS 8
static struct ctd_helper *helpers[MAX_HELPERS];
static int helper_count;

void helper_register(struct ctd_helper *helper)
{
	if (helper_count < MAX_HELPERS)
		helpers[helper_count++] = helper;
}

/* ---- the expectation table of the flow being run (nf_ct_expect_related's rules) ---- */

struct expectation {
	uint8_t l4proto;
	int family;
	int src_any, sport_any;
	uint8_t src[16], dst[16];
	uint16_t sport, dport; /* host order */
};

#define MAX_LIVE 256
static struct expectation live[MAX_LIVE]; /* newest first */
static int live_count;
static json_t *created;                   /* every insertion, in order */
static uint32_t expect_max;

static int same_tuple_and_mask(const struct expectation *a, const struct expectation *b)
{
	return a->l4proto == b->l4proto && a->dport == b->dport &&
	       !memcmp(a->dst, b->dst, 16) && a->src_any == b->src_any &&
	       (a->src_any || !memcmp(a->src, b->src, 16)) && a->sport_any == b->sport_any &&
	       (a->sport_any || a->sport == b->sport);
}

/* expect_clash: equal under the intersection of both masks; the destination is exact. */
static int clash(const struct expectation *a, const struct expectation *b)
{
	if (a->l4proto != b->l4proto || a->dport != b->dport || memcmp(a->dst, b->dst, 16))
		return 0;
	if (!a->src_any && !b->src_any && memcmp(a->src, b->src, 16))
		return 0;
	if (!a->sport_any && !b->sport_any && a->sport != b->sport)
		return 0;
	return 1;
}

static void remove_live(int i)
{
	memmove(&live[i], &live[i + 1], (live_count - i - 1) * sizeof live[0]);
	live_count--;
}

static json_t *expectation_json(const struct expectation *e)
{
	char text[INET6_ADDRSTRLEN];
	json_t *o = json_object();
	json_object_set_new(o, "l4", json_string(e->l4proto == IPPROTO_TCP ? "tcp" : "udp"));
	if (e->src_any) {
		json_object_set_new(o, "src", json_null());
	} else {
		inet_ntop(e->family, e->src, text, sizeof text);
		json_object_set_new(o, "src", json_string(text));
	}
	json_object_set_new(o, "sport", e->sport_any ? json_null() : json_integer(e->sport));
	inet_ntop(e->family, e->dst, text, sizeof text);
	json_object_set_new(o, "dst", json_string(text));
	json_object_set_new(o, "dport", json_integer(e->dport));
	return o;
}

static int table_insert(const struct expectation *e)
{
	int i;
	for (i = 0; i < live_count; i++) {
		if (same_tuple_and_mask(&live[i], e)) {
			remove_live(i);
			break;
		}
		if (clash(&live[i], e))
			return -EBUSY;
	}
	if (expect_max > 0 && (uint32_t)live_count >= expect_max)
		remove_live(live_count - 1);
	if (live_count == MAX_LIVE)
		remove_live(live_count - 1);
	memmove(&live[1], &live[0], live_count * sizeof live[0]);
	live[0] = *e;
	live_count++;
	json_array_append_new(created, expectation_json(e));
	return 0;
}

/* Reads the expected tuple and mask out of a libnetfilter_conntrack expectation. The
 * expected/mask attributes hold the tuple head a conntrack object begins with, so the
 * original-direction getters read them. */
static int expectation_of(const struct nf_expect *exp, struct expectation *e)
{
	const struct nf_conntrack *t = nfexp_get_attr(exp, ATTR_EXP_EXPECTED);
	const struct nf_conntrack *m = nfexp_get_attr(exp, ATTR_EXP_MASK);
	if (t == NULL || m == NULL)
		return -1;
	memset(e, 0, sizeof *e);
	e->family = nfct_get_attr_u8(t, ATTR_L3PROTO);
	e->l4proto = nfct_get_attr_u8(t, ATTR_L4PROTO);
	if (e->family == AF_INET) {
		uint32_t src = nfct_get_attr_u32(t, ATTR_IPV4_SRC);
		uint32_t dst = nfct_get_attr_u32(t, ATTR_IPV4_DST);
		memcpy(e->src, &src, 4);
		memcpy(e->dst, &dst, 4);
		e->src_any = nfct_get_attr_u32(m, ATTR_IPV4_SRC) == 0;
	} else if (e->family == AF_INET6) {
		static const uint8_t zero[16];
		const void *src = nfct_get_attr(t, ATTR_IPV6_SRC);
		const void *dst = nfct_get_attr(t, ATTR_IPV6_DST);
		const void *msrc = nfct_get_attr(m, ATTR_IPV6_SRC);
		if (src) memcpy(e->src, src, 16);
		if (dst) memcpy(e->dst, dst, 16);
		e->src_any = msrc == NULL || !memcmp(msrc, zero, 16);
	} else {
		return -1;
	}
	e->sport = ntohs(nfct_get_attr_u16(t, ATTR_PORT_SRC));
	e->dport = ntohs(nfct_get_attr_u16(t, ATTR_PORT_DST));
	e->sport_any = nfct_get_attr_u16(m, ATTR_PORT_SRC) == 0;
	if (e->src_any)
		memset(e->src, 0, 16);
	if (e->sport_any)
		e->sport = 0;
	return 0;
}

/* ---- what conntrackd exports to its helpers (src/expect.c's contract) ---- */

int cthelper_expect_init(struct nf_expect *exp, struct nf_conntrack *master, uint32_t class,
			 union nfct_attr_grp_addr *saddr, union nfct_attr_grp_addr *daddr,
			 uint8_t l4proto, uint16_t *sport, uint16_t *dport, uint32_t flags)
{
	/* class has no field here: conntrackd drops it too, so every expectation is class 0. */
	(void)class;
	struct nf_conntrack *expected = nfct_new(), *mask = nfct_new();
	uint8_t family = nfct_get_attr_u8(master, ATTR_L3PROTO);
	static const uint32_t ones[4] = {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff};
	static const uint32_t zeros[4];
	if (expected == NULL || mask == NULL) {
		nfct_destroy(expected);
		nfct_destroy(mask);
		return -1;
	}
	nfct_set_attr_u8(expected, ATTR_L3PROTO, family);
	nfct_set_attr_u8(mask, ATTR_L3PROTO, family);
	if (family == AF_INET) {
		nfct_set_attr_u32(expected, ATTR_IPV4_SRC, saddr ? saddr->ip : 0);
		nfct_set_attr_u32(mask, ATTR_IPV4_SRC, saddr ? 0xffffffff : 0);
		nfct_set_attr_u32(expected, ATTR_IPV4_DST, daddr->ip);
		nfct_set_attr_u32(mask, ATTR_IPV4_DST, 0xffffffff);
	} else if (family == AF_INET6) {
		nfct_set_attr(expected, ATTR_IPV6_SRC, saddr ? (const void *)saddr->ip6 : zeros);
		nfct_set_attr(mask, ATTR_IPV6_SRC, saddr ? ones : zeros);
		nfct_set_attr(expected, ATTR_IPV6_DST, daddr->ip6);
		nfct_set_attr(mask, ATTR_IPV6_DST, ones);
	}
	if (l4proto == IPPROTO_TCP || l4proto == IPPROTO_UDP) {
		nfct_set_attr_u8(expected, ATTR_L4PROTO, l4proto);
		nfct_set_attr_u8(mask, ATTR_L4PROTO, l4proto);
		nfct_set_attr_u16(expected, ATTR_PORT_SRC, sport ? *sport : 0);
		nfct_set_attr_u16(mask, ATTR_PORT_SRC, sport ? 0xffff : 0);
		nfct_set_attr_u16(expected, ATTR_PORT_DST, *dport);
		nfct_set_attr_u16(mask, ATTR_PORT_DST, 0xffff);
	}
	nfexp_set_attr(exp, ATTR_EXP_MASTER, master);
	nfexp_set_attr(exp, ATTR_EXP_EXPECTED, expected);
	nfexp_set_attr(exp, ATTR_EXP_MASK, mask);
	nfexp_set_attr_u32(exp, ATTR_EXP_FLAGS, flags);
	nfct_destroy(expected);
	nfct_destroy(mask);
	return 0;
}

int cthelper_add_expect(struct nf_expect *exp)
{
	struct expectation e;
	if (expectation_of(exp, &e) < 0)
		return -EINVAL;
	return table_insert(&e);
}

int cthelper_del_expect(struct nf_expect *exp)
{
	struct expectation e;
	int i;
	if (expectation_of(exp, &e) < 0)
		return -EINVAL;
	for (i = 0; i < live_count; i++) {
		if (same_tuple_and_mask(&live[i], &e)) {
			remove_live(i);
			return 0;
		}
	}
	return -ENOENT;
}

void cthelper_get_addr_src(struct nf_conntrack *ct, int dir, union nfct_attr_grp_addr *addr)
{
	nfct_get_attr_grp(ct, dir == MYCT_DIR_ORIG ? ATTR_GRP_ORIG_ADDR_SRC : ATTR_GRP_REPL_ADDR_SRC,
			  addr);
}

void cthelper_get_addr_dst(struct nf_conntrack *ct, int dir, union nfct_attr_grp_addr *addr)
{
	nfct_get_attr_grp(ct, dir == MYCT_DIR_ORIG ? ATTR_GRP_ORIG_ADDR_DST : ATTR_GRP_REPL_ADDR_DST,
			  addr);
}

void cthelper_get_port_src(struct nf_conntrack *ct, int dir, uint16_t *port)
{
	*port = nfct_get_attr_u16(ct, dir == MYCT_DIR_ORIG ? ATTR_PORT_SRC : ATTR_REPL_PORT_SRC);
}

void cthelper_get_port_dst(struct nf_conntrack *ct, int dir, uint16_t *port)
{
	*port = nfct_get_attr_u16(ct, dir == MYCT_DIR_ORIG ? ATTR_PORT_DST : ATTR_REPL_PORT_DST);
}

/* The kernel's in6_pton contract (conntrackd carries a copy): parse an IPv6 address from at
 * most srclen bytes (-1: up to the NUL) ending at delim (-1: at the end), 1 on success. */
int in6_pton(const char *src, int srclen, uint8_t *dst, int delim, const char **end)
{
	char text[INET6_ADDRSTRLEN + 1];
	int n = 0;
	if (srclen < 0)
		srclen = strlen(src);
	while (n < srclen && src[n] != delim && n < (int)sizeof text - 1) {
		char c = src[n];
		if (!(c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			break;
		text[n++] = c;
	}
	text[n] = 0;
	if (end)
		*end = src + n;
	if (n < srclen && delim != -1 && src[n] != delim)
		return 0;
	return inet_pton(AF_INET6, text, dst) == 1;
}

int in4_pton(const char *src, int srclen, uint8_t *dst, int delim, const char **end)
{
	char text[INET_ADDRSTRLEN + 1];
	int n = 0;
	if (srclen < 0)
		srclen = strlen(src);
	while (n < srclen && src[n] != delim && n < (int)sizeof text - 1 &&
	       (src[n] == '.' || (src[n] >= '0' && src[n] <= '9'))) {
		text[n] = src[n];
		n++;
	}
	text[n] = 0;
	if (end)
		*end = src + n;
	if (n < srclen && delim != -1 && src[n] != delim)
		return 0;
	return inet_pton(AF_INET, text, dst) == 1;
}

/* ---- base64 (RFC 4648, padded), as the protocol carries payloads ---- */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *base64_encode(const uint8_t *data, size_t len)
{
	char *out = malloc(4 * ((len + 2) / 3) + 1), *p = out;
	size_t i;
	for (i = 0; i + 2 < len; i += 3) {
		uint32_t v = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
		*p++ = b64[v >> 18];
		*p++ = b64[(v >> 12) & 63];
		*p++ = b64[(v >> 6) & 63];
		*p++ = b64[v & 63];
	}
	if (i < len) {
		uint32_t v = data[i] << 16 | (i + 1 < len ? data[i + 1] << 8 : 0);
		*p++ = b64[v >> 18];
		*p++ = b64[(v >> 12) & 63];
		*p++ = i + 1 < len ? b64[(v >> 6) & 63] : '=';
		*p++ = '=';
	}
	*p = 0;
	return out;
}

/* Decoded length, or -1 when the text is not base64. */
static long base64_decode(const char *text, uint8_t *out)
{
	size_t len = strlen(text), i;
	long n = 0;
	if (len % 4)
		return -1;
	for (i = 0; i < len; i += 4) {
		uint32_t v = 0;
		int j, pad = 0;
		for (j = 0; j < 4; j++) {
			const char c = text[i + j];
			const char *at = c ? strchr(b64, c) : NULL;
			if (c == '=' && i + 4 == len && j >= 2) {
				pad++;
				v <<= 6;
				continue;
			}
			if (at == NULL || pad)
				return -1;
			v = v << 6 | (uint32_t)(at - b64);
		}
		out[n++] = v >> 16;
		if (pad < 2) out[n++] = (v >> 8) & 255;
		if (pad < 1) out[n++] = v & 255;
	}
	return n;
}

/* ---- packets ---- */

static uint16_t checksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint32_t checksum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;
	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	return sum;
}

struct endpoint {
	int family;
	uint8_t addr[16];
	uint16_t port;
};

/* One IP packet from `from` to `to` carrying `data`, with valid checksums; returns its
 * length and the offset of the L4 header in *protoff. */
static size_t build_packet(uint8_t *pkt, const struct endpoint *from, const struct endpoint *to,
			   uint8_t l4proto, uint32_t seq, uint32_t ack, const uint8_t *data,
			   size_t len, uint32_t *protoff)
{
	size_t ip_len = from->family == AF_INET ? 20 : 40;
	size_t l4_len = l4proto == IPPROTO_TCP ? 20 : 8;
	size_t total = ip_len + l4_len + len;
	uint8_t *l4 = pkt + ip_len;
	uint32_t sum;
	memset(pkt, 0, ip_len + l4_len);
	if (from->family == AF_INET) {
		pkt[0] = 0x45;
		pkt[2] = total >> 8;
		pkt[3] = total & 255;
		pkt[6] = 0x40; /* DF */
		pkt[8] = 64;
		pkt[9] = l4proto;
		memcpy(pkt + 12, from->addr, 4);
		memcpy(pkt + 16, to->addr, 4);
		uint16_t c = checksum_fold(checksum_add(0, pkt, 20));
		pkt[10] = c >> 8;
		pkt[11] = c & 255;
	} else {
		pkt[0] = 0x60;
		pkt[4] = (l4_len + len) >> 8;
		pkt[5] = (l4_len + len) & 255;
		pkt[6] = l4proto;
		pkt[7] = 64;
		memcpy(pkt + 8, from->addr, 16);
		memcpy(pkt + 24, to->addr, 16);
	}
	l4[0] = from->port >> 8;
	l4[1] = from->port & 255;
	l4[2] = to->port >> 8;
	l4[3] = to->port & 255;
	if (l4proto == IPPROTO_TCP) {
		l4[4] = seq >> 24; l4[5] = seq >> 16; l4[6] = seq >> 8; l4[7] = seq;
		l4[8] = ack >> 24; l4[9] = ack >> 16; l4[10] = ack >> 8; l4[11] = ack;
		l4[12] = 5 << 4;
		l4[13] = 0x18; /* PSH|ACK */
		l4[14] = 0xff;
		l4[15] = 0xff;
	} else {
		l4[4] = (l4_len + len) >> 8;
		l4[5] = (l4_len + len) & 255;
	}
	memcpy(l4 + l4_len, data, len);
	/* pseudo header */
	size_t alen = from->family == AF_INET ? 4 : 16;
	sum = checksum_add(0, from->addr, alen);
	sum = checksum_add(sum, to->addr, alen);
	sum += l4proto + l4_len + len;
	sum = checksum_add(sum, l4, l4_len + len);
	uint16_t c = checksum_fold(sum);
	if (l4proto == IPPROTO_UDP && c == 0)
		c = 0xffff;
	l4[l4proto == IPPROTO_TCP ? 16 : 6] = c >> 8;
	l4[l4proto == IPPROTO_TCP ? 17 : 7] = c & 255;
	*protoff = ip_len;
	return total;
}

/* ---- sequence adjustment (nf_conntrack_seqadj: one correction point per direction) ---- */

struct seqadj {
	uint32_t correction_pos;
	int32_t offset_before, offset_after;
};

static int seq_after(uint32_t a, uint32_t b) { return (int32_t)(a - b) > 0; }

static void seqadj_record(struct seqadj *r, uint32_t seq, int32_t delta)
{
	if (delta == 0)
		return;
	if (r->offset_before == r->offset_after || seq_after(seq, r->correction_pos)) {
		r->correction_pos = seq;
		r->offset_before = r->offset_after;
		r->offset_after += delta;
	}
}

static uint32_t seqadj_apply(const struct seqadj *r, uint32_t seq)
{
	return seq + (uint32_t)(seq_after(seq, r->correction_pos) ? r->offset_after
								   : r->offset_before);
}

/* ---- the protocol ---- */

static void reply(json_t *message)
{
	char *line = json_dumps(message, JSON_COMPACT);
	fputs(line, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	free(line);
	json_decref(message);
}

static json_t *error_reply(json_t *id, const char *why)
{
	json_t *o = json_object();
	if (id)
		json_object_set(o, "id", id);
	json_object_set_new(o, "ok", json_false());
	json_object_set_new(o, "error", json_string(why));
	return o;
}

static int parse_endpoint(json_t *o, struct endpoint *e)
{
	const char *addr = json_string_value(json_object_get(o, "addr"));
	json_t *port = json_object_get(o, "port");
	if (addr == NULL)
		return -1;
	e->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
	memset(e->addr, 0, 16);
	if (inet_pton(e->family, addr, e->addr) != 1)
		return -1;
	e->port = port ? (uint16_t)json_integer_value(port) : 0;
	return 0;
}

static struct nf_conntrack *conntrack_of(const struct endpoint *client,
					  const struct endpoint *server,
					  const struct endpoint *seen_client, uint8_t l4proto,
					  int natted)
{
	struct nf_conntrack *ct = nfct_new();
	nfct_set_attr_u8(ct, ATTR_L3PROTO, client->family);
	nfct_set_attr_u8(ct, ATTR_L4PROTO, l4proto);
	if (client->family == AF_INET) {
		nfct_set_attr(ct, ATTR_IPV4_SRC, client->addr);
		nfct_set_attr(ct, ATTR_IPV4_DST, server->addr);
		nfct_set_attr(ct, ATTR_REPL_IPV4_SRC, server->addr);
		nfct_set_attr(ct, ATTR_REPL_IPV4_DST, seen_client->addr);
	} else {
		nfct_set_attr(ct, ATTR_IPV6_SRC, client->addr);
		nfct_set_attr(ct, ATTR_IPV6_DST, server->addr);
		nfct_set_attr(ct, ATTR_REPL_IPV6_SRC, server->addr);
		nfct_set_attr(ct, ATTR_REPL_IPV6_DST, seen_client->addr);
	}
	nfct_set_attr_u16(ct, ATTR_PORT_SRC, htons(client->port));
	nfct_set_attr_u16(ct, ATTR_PORT_DST, htons(server->port));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_SRC, htons(server->port));
	nfct_set_attr_u16(ct, ATTR_REPL_PORT_DST, htons(client->port));
	nfct_set_attr_u32(ct, ATTR_STATUS, IPS_CONFIRMED | (natted ? IPS_SRC_NAT | IPS_SRC_NAT_DONE : 0));
	return ct;
}

/* Arbitrary initial sequence numbers: the helper sees real ones, outcomes carry offsets. */
static const uint32_t isn[2] = {0x6a09e667, 0xbb67ae85};

static json_t *run_flow(json_t *id, json_t *flow)
{
	const char *name = json_string_value(json_object_get(flow, "helper"));
	const char *l4 = json_string_value(json_object_get(flow, "l4"));
	json_t *segments = json_object_get(flow, "segments");
	json_t *nat = json_object_get(flow, "nat");
	struct endpoint client, server, seen_client;
	struct ctd_helper *helper = NULL;
	uint8_t l4proto;
	int i;

	if (name == NULL || l4 == NULL || !json_is_array(segments))
		return error_reply(id, "flow needs helper, l4 and segments");
	l4proto = !strcmp(l4, "tcp") ? IPPROTO_TCP : IPPROTO_UDP;
	for (i = 0; i < helper_count; i++)
		if (!strcmp(helpers[i]->name, name) && helpers[i]->l4proto == l4proto)
			helper = helpers[i];
	if (helper == NULL)
		return error_reply(id, "the plugin registered no such helper on that transport");
	if (parse_endpoint(json_object_get(flow, "client"), &client) < 0 ||
	    parse_endpoint(json_object_get(flow, "server"), &server) < 0)
		return error_reply(id, "bad client or server");
	seen_client = client;
	if (nat && parse_endpoint(json_object_get(nat, "client"), &seen_client) < 0)
		return error_reply(id, "bad nat client");
	seen_client.port = client.port;
	/* SNAT onto the client's own address changes no tuple: the kernel sets no NAT bit. */
	int natted = memcmp(seen_client.addr, client.addr, 16) != 0;

	struct myct myct = {0};
	myct.ct = conntrack_of(&client, &server, &seen_client, l4proto, natted);
	/* Never NULL: ftp and sane dereference it unchecked. */
	myct.priv_data = calloc(1, helper->priv_data_len > 0 ? helper->priv_data_len : 1);
	live_count = 0;
	created = json_array();
	expect_max = helper->policy[0].expect_max;

	struct seqadj adj[2] = {{0}};
	uint32_t highest[2] = {0, 0}; /* end of stream seen per direction, for acks */
	int seen_reply = 0;
	json_t *outcomes = json_array();
	size_t index;
	json_t *segment;
	json_array_foreach(segments, index, segment) {
		const char *dir_text = json_string_value(json_object_get(segment, "dir"));
		const char *data_text = json_string_value(json_object_get(segment, "data"));
		uint32_t seq = (uint32_t)json_integer_value(json_object_get(segment, "seq"));
		int dir = dir_text && !strcmp(dir_text, "reply");
		size_t cap = data_text ? strlen(data_text) : 0;
		uint8_t *data = malloc(cap + 1);
		long len = data_text ? base64_decode(data_text, data) : -1;
		if (len < 0) {
			free(data);
			json_decref(outcomes);
			json_decref(created);
			nfct_destroy(myct.ct);
			free(myct.priv_data);
			return error_reply(id, "segment data is not base64");
		}
		uint8_t *packet = malloc(60 + len);
		uint32_t protoff;
		const struct endpoint *from = dir ? &server : (natted ? &seen_client : &client);
		const struct endpoint *to = dir ? &client : &server;
		size_t plen = build_packet(packet, from, to, l4proto, isn[dir] + 1 + seq,
					   isn[!dir] + 1 + highest[!dir], data, len, &protoff);
		if (seq_after(seq + len, highest[dir]))
			highest[dir] = seq + len;
		uint32_t ctinfo = dir ? CT_ESTABLISHED_REPLY
				      : (l4proto == IPPROTO_UDP && !seen_reply ? CT_NEW : CT_ESTABLISHED);
		if (dir)
			seen_reply = 1;

		struct pkt_buff *pkt = pktb_alloc(AF_INET, packet, plen, PKT_EXTRA);
		myct.exp = NULL;
#ifdef HELPERFUZZ_MEMCHECK
		guarded = pkt;
		guarded_end = pktb_data(pkt) + pktb_len(pkt) + pktb_tailroom(pkt);
		guard_tail();
#endif
		int verdict = helper->cb(pkt, protoff, &myct, ctinfo);
#ifdef HELPERFUZZ_MEMCHECK
		forget_tail();
		guarded = NULL;
#endif
		if (myct.exp) {
			/* conntrackd hands it to the kernel with the verdict; a failed insert
			 * leaves the verdict as it is. */
			struct expectation e;
			if (expectation_of(myct.exp, &e) == 0)
				table_insert(&e);
			nfexp_destroy(myct.exp);
			myct.exp = NULL;
		}

		json_t *out = json_object();
		if (verdict == 1) {
			const uint8_t *ip = pktb_network_header(pkt);
			size_t total = pktb_len(pkt);
			if (total > plen + PKT_EXTRA || total < protoff) {
				/* A plugin that corrupts the pkt_buff is a finding: end loudly
				 * rather than read outside the buffer. */
				fprintf(stderr, "cthelper-host: after the helper, pktb_len is %zu for a "
					"buffer of %zu bytes: the plugin corrupted the packet buffer\n",
					total, plen + PKT_EXTRA);
				abort();
			}
			size_t l4_len = l4proto == IPPROTO_TCP ? (size_t)(ip[protoff + 12] >> 4) * 4 : 8;
			size_t start = protoff + l4_len;
			size_t out_len = total > start ? total - start : 0;
			char *text = base64_encode(ip + start, out_len);
			uint32_t out_seq = seq;
			if (l4proto == IPPROTO_TCP) {
				seqadj_record(&adj[dir], seq, (int32_t)out_len - (int32_t)len);
				out_seq = seqadj_apply(&adj[dir], seq);
			}
			json_object_set_new(out, "verdict", json_string("accept"));
			json_object_set_new(out, "seq", json_integer(out_seq));
			json_object_set_new(out, "data", json_string(text));
			free(text);
		} else {
			json_object_set_new(out, "verdict", json_string("drop"));
			json_object_set_new(out, "seq", json_integer(seq));
			json_object_set_new(out, "data", json_string(data_text));
		}
		json_array_append_new(outcomes, out);
		pktb_free(pkt);
		free(packet);
		free(data);
	}
	nfct_destroy(myct.ct);
	free(myct.priv_data);

	json_t *outcome = json_object();
	json_object_set_new(outcome, "expectations", created);
	json_object_set_new(outcome, "segments", outcomes);
	created = NULL;
	json_t *o = json_object();
	json_object_set(o, "id", id);
	json_object_set_new(o, "outcome", outcome);
	return o;
}

int main(int argc, char **argv)
{
	char *line = NULL;
	size_t size = 0;
	const char *plugin;
	if (argc == 3 && !strcmp(argv[1], "--memcheck")) {
		memcheck = 1;
		plugin = argv[2];
	} else if (argc == 2 && argv[1][0] != '-') {
		plugin = argv[1];
	} else {
		fprintf(stderr, "usage: %s [--memcheck] PLUGIN.so\n", argv[0]);
		return 2;
	}
#ifdef HELPERFUZZ_MEMCHECK
	if (memcheck && !RUNNING_ON_VALGRIND) {
		fprintf(stderr, "cthelper-host: --memcheck: not running under valgrind\n");
		return 2;
	}
#else
	if (memcheck) {
		fprintf(stderr, "cthelper-host: --memcheck: built without <valgrind/memcheck.h>; "
			"install valgrind and run bash cthelper/build.sh\n");
		return 2;
	}
#endif
	if (dlopen(plugin, RTLD_NOW | RTLD_LOCAL) == NULL) {
		fprintf(stderr, "cthelper-host: %s\n", dlerror());
		return 2;
	}
#ifdef HELPERFUZZ_MEMCHECK
	if (memcheck)
		memcheck_start();
#endif
	while (getline(&line, &size, stdin) > 0) {
		json_error_t error;
		json_t *request = json_loads(line, 0, &error);
		const char *op = json_string_value(json_object_get(request, "op"));
		if (op && !strcmp(op, "hello")) {
			json_t *o = json_object(), *names = json_array();
			int i;
			if (json_integer_value(json_object_get(request, "version")) != 1) {
				json_decref(names);
				reply(error_reply(NULL, "this host speaks protocol version 1"));
			} else {
				for (i = 0; i < helper_count; i++)
					json_array_append_new(names, json_string(helpers[i]->name));
				json_object_set_new(o, "ok", json_true());
				json_object_set_new(o, "version", json_integer(1));
				json_object_set_new(o, "helpers", names);
				reply(o);
				o = NULL;
			}
			json_decref(o);
		} else if (op && !strcmp(op, "flow")) {
			json_t *id = json_object_get(request, "id");
			json_t *answer = run_flow(id, json_object_get(request, "flow"));
#ifdef HELPERFUZZ_MEMCHECK
			if (memcheck)
				memcheck_flow(id);
#endif
			reply(answer);
		} else {
			reply(error_reply(NULL, request ? "unknown op" : "not JSON"));
		}
		json_decref(request);
	}
	free(line);
	return 0;
}

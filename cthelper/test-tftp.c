/* A pass-through test plugin written against the conntrack-tools helper ABI: Linux's
 * nf_conntrack_tftp (kernel-helpers.md §4) and nothing else. Its outcomes must equal the
 * TFTP spec model on every flow; any difference is then the host's doing. */

#include <libnetfilter_conntrack/libnetfilter_conntrack.h>
#include <libnetfilter_queue/pktbuff.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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
	void *next, *prev;
	char name[16];
	uint8_t l4proto;
	int (*cb)(struct pkt_buff *pkt, uint32_t protoff, struct myct *ct, uint32_t ctinfo);
	struct ctd_helper_policy policy[4];
	int priv_data_len;
};

extern int cthelper_expect_init(struct nf_expect *exp, struct nf_conntrack *master,
				uint32_t class, union nfct_attr_grp_addr *saddr,
				union nfct_attr_grp_addr *daddr, uint8_t l4proto, uint16_t *sport,
				uint16_t *dport, uint32_t flags);
extern int cthelper_add_expect(struct nf_expect *exp);
extern void cthelper_get_addr_src(struct nf_conntrack *ct, int dir, union nfct_attr_grp_addr *a);
extern void cthelper_get_addr_dst(struct nf_conntrack *ct, int dir, union nfct_attr_grp_addr *a);
extern void cthelper_get_port_dst(struct nf_conntrack *ct, int dir, uint16_t *port);
extern void helper_register(struct ctd_helper *helper);

#define DIR_REPLY 1
#define UDP_HEADER 8

static int tftp_cb(struct pkt_buff *pkt, uint32_t protoff, struct myct *myct, uint32_t ctinfo)
{
	const uint8_t *payload = pktb_network_header(pkt) + protoff + UDP_HEADER;
	uint32_t len = pktb_len(pkt) - protoff - UDP_HEADER;
	union nfct_attr_grp_addr saddr, daddr;
	uint16_t dport;
	struct nf_expect *exp;
	int ret;
	(void)ctinfo;
	if (len < 2)
		return 1;
	uint16_t opcode = payload[0] << 8 | payload[1];
	if (opcode != 1 && opcode != 2) /* RRQ, WRQ */
		return 1;
#ifdef PLANTED_READ_PAST_END
	/* For the memcheck test: the file name measured with strlen, which runs past the end
	 * of a request that has no NUL after it. */
	if (strlen((const char *)payload + 2) > 0xffff)
		return 0;
#endif
	/* The server answers from any port to the client, as the server sees it. */
	cthelper_get_addr_src(myct->ct, DIR_REPLY, &saddr);
	cthelper_get_addr_dst(myct->ct, DIR_REPLY, &daddr);
	cthelper_get_port_dst(myct->ct, DIR_REPLY, &dport);
#ifdef PLANTED_BUG
	/* For the test that shows the differential catches a wrong plugin. */
	dport = htons(ntohs(dport) + 1);
#endif
	exp = nfexp_new();
	if (exp == NULL)
		return 0;
	if (cthelper_expect_init(exp, myct->ct, 0, &saddr, &daddr, IPPROTO_UDP, NULL, &dport, 0)) {
		nfexp_destroy(exp);
		return 0;
	}
#ifdef PLANTED_USE_AFTER_FREE
	/* For the memcheck test: a read request's expectation is destroyed before it is added. */
	if (opcode == 1)
		nfexp_destroy(exp);
#endif
	ret = cthelper_add_expect(exp);
#ifdef PLANTED_USE_AFTER_FREE
	if (opcode == 1)
		return ret == 0 ? 1 : 0;
#endif
#ifdef PLANTED_LEAK
	/* For the memcheck test: a write request's expectation is never destroyed. */
	if (opcode == 2)
		return ret == 0 ? 1 : 0;
#endif
	nfexp_destroy(exp);
	return ret == 0 ? 1 : 0;
}

static struct ctd_helper tftp_helper = {
	.name = "tftp",
	.l4proto = IPPROTO_UDP,
	.cb = tftp_cb,
	.policy = {{.name = "tftp", .expect_timeout = 300, .expect_max = 1}},
};

__attribute__((constructor)) static void register_tftp(void)
{
	helper_register(&tftp_helper);
}

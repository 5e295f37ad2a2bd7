/*
 * An example `cmd:` target in C: an FTP PORT helper behind helperfuzz's JSON-lines
 * process protocol, version 2 (docs/authors.md): each segment's outcome also says which
 * expectations are live after it. Build and check:
 *
 *   gcc -O2 -Wall -o /tmp/ftp-port-adapter examples/c-adapter/ftp-port-adapter.c
 *   helperfuzz check --target cmd:/tmp/ftp-port-adapter ftp \
 *     --skip-property differential
 *
 * Scope, on purpose: PORT as nf_conntrack_ftp parses it (tracked after-newline positions,
 * the 6-number grammar with the kernel's u32 arithmetic, the anti-bounce rule unless
 * loose, DROP on a malformed argument) and the expectation table's rules for one master
 * (an identical expectation is replaced; at max_expected, 1 for FTP, the oldest is
 * evicted), no EPRT/227/229 and no NAT rewrite. So `differential` against the full FTP
 * spec model fails and is skipped; every other FTP property holds.
 *
 * Options:
 *   --bug           planted bug: accepts a PORT naming any address (as if loose)
 *   --never-evicts  planted bug: ignores max_expected (the table only grows)
 *   --v1            answers the hello with protocol version 1 (no live sets)
 *
 * The JSON reader is minimal but complete for the protocol: objects, arrays, strings with
 * every escape, numbers, true/false/null. One request per line on stdin, one reply per
 * line on stdout, flushed after each.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON values ---------------------------------------------------------------- */

enum kind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct json {
	enum kind kind;
	double num;            /* J_NUM, J_BOOL (0/1) */
	char *str;             /* J_STR: decoded, NUL-terminated */
	size_t len;            /* J_STR length; J_ARR/J_OBJ count */
	char **keys;           /* J_OBJ */
	struct json **items;   /* J_ARR, J_OBJ */
};

struct reader { const char *p, *end; int depth; };

static struct json *parse_value(struct reader *r);

static void skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static struct json *new_value(enum kind kind)
{
	struct json *v = calloc(1, sizeof *v);
	if (!v) abort();
	v->kind = kind;
	return v;
}

static void free_value(struct json *v)
{
	if (!v) return;
	free(v->str);
	for (size_t i = 0; i < v->len && (v->kind == J_ARR || v->kind == J_OBJ); i++) {
		free_value(v->items[i]);
		if (v->keys) free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v);
}

static int hex4(struct reader *r, unsigned *out)
{
	if (r->end - r->p < 4) return 0;
	unsigned x = 0;
	for (int i = 0; i < 4; i++) {
		char c = *r->p++;
		x <<= 4;
		if (c >= '0' && c <= '9') x |= c - '0';
		else if (c >= 'a' && c <= 'f') x |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') x |= c - 'A' + 10;
		else return 0;
	}
	*out = x;
	return 1;
}

static void put_utf8(char *buf, size_t *n, unsigned cp)
{
	if (cp < 0x80) buf[(*n)++] = cp;
	else if (cp < 0x800) { buf[(*n)++] = 0xc0 | cp >> 6; buf[(*n)++] = 0x80 | (cp & 63); }
	else if (cp < 0x10000) {
		buf[(*n)++] = 0xe0 | cp >> 12;
		buf[(*n)++] = 0x80 | ((cp >> 6) & 63);
		buf[(*n)++] = 0x80 | (cp & 63);
	} else {
		buf[(*n)++] = 0xf0 | cp >> 18;
		buf[(*n)++] = 0x80 | ((cp >> 12) & 63);
		buf[(*n)++] = 0x80 | ((cp >> 6) & 63);
		buf[(*n)++] = 0x80 | (cp & 63);
	}
}

/* After the opening quote. Decoded text is never longer than the escaped text. */
static char *parse_string(struct reader *r, size_t *len)
{
	char *buf = malloc(r->end - r->p + 1);
	size_t n = 0;
	if (!buf) abort();
	while (r->p < r->end) {
		unsigned char c = *r->p++;
		if (c == '"') { buf[n] = 0; *len = n; return buf; }
		if (c < 0x20) break;
		if (c != '\\') { buf[n++] = c; continue; }
		if (r->p >= r->end) break;
		c = *r->p++;
		switch (c) {
		case '"': case '\\': case '/': buf[n++] = c; break;
		case 'b': buf[n++] = '\b'; break;
		case 'f': buf[n++] = '\f'; break;
		case 'n': buf[n++] = '\n'; break;
		case 'r': buf[n++] = '\r'; break;
		case 't': buf[n++] = '\t'; break;
		case 'u': {
			unsigned cp, lo;
			if (!hex4(r, &cp)) goto fail;
			if (cp >= 0xd800 && cp < 0xdc00 && r->end - r->p >= 6 && r->p[0] == '\\' &&
			    r->p[1] == 'u') {
				r->p += 2;
				if (!hex4(r, &lo) || lo < 0xdc00 || lo > 0xdfff) goto fail;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			put_utf8(buf, &n, cp);
			break;
		}
		default: goto fail;
		}
	}
fail:
	free(buf);
	return NULL;
}

static struct json *parse_container(struct reader *r, int object)
{
	struct json *v = new_value(object ? J_OBJ : J_ARR);
	size_t cap = 0;
	char close = object ? '}' : ']';
	if (++r->depth > 64) goto fail;
	skip_ws(r);
	if (r->p < r->end && *r->p == close) { r->p++; r->depth--; return v; }
	for (;;) {
		char *key = NULL;
		skip_ws(r);
		if (object) {
			size_t klen;
			if (r->p >= r->end || *r->p++ != '"' || !(key = parse_string(r, &klen))) goto fail;
			skip_ws(r);
			if (r->p >= r->end || *r->p++ != ':') { free(key); goto fail; }
		}
		struct json *item = parse_value(r);
		if (!item) { free(key); goto fail; }
		if (v->len == cap) {
			cap = cap ? cap * 2 : 8;
			v->items = realloc(v->items, cap * sizeof *v->items);
			if (object) v->keys = realloc(v->keys, cap * sizeof *v->keys);
			if (!v->items || (object && !v->keys)) abort();
		}
		v->items[v->len] = item;
		if (object) v->keys[v->len] = key;
		v->len++;
		skip_ws(r);
		if (r->p >= r->end) goto fail;
		char c = *r->p++;
		if (c == close) { r->depth--; return v; }
		if (c != ',') goto fail;
	}
fail:
	free_value(v);
	return NULL;
}

static struct json *parse_value(struct reader *r)
{
	skip_ws(r);
	if (r->p >= r->end) return NULL;
	char c = *r->p;
	if (c == '{' || c == '[') { r->p++; return parse_container(r, c == '{'); }
	if (c == '"') {
		r->p++;
		struct json *v = new_value(J_STR);
		if (!(v->str = parse_string(r, &v->len))) { free(v); return NULL; }
		return v;
	}
	static const struct { const char *word; enum kind kind; int value; } words[] = {
		{ "true", J_BOOL, 1 }, { "false", J_BOOL, 0 }, { "null", J_NULL, 0 },
	};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(words[i].word);
		if ((size_t)(r->end - r->p) >= n && !memcmp(r->p, words[i].word, n)) {
			r->p += n;
			struct json *v = new_value(words[i].kind);
			v->num = words[i].value;
			return v;
		}
	}
	if (c == '-' || isdigit((unsigned char)c)) {
		char *after;
		double x = strtod(r->p, &after);
		if (after == r->p || after > r->end) return NULL;
		r->p = after;
		struct json *v = new_value(J_NUM);
		v->num = x;
		return v;
	}
	return NULL;
}

static struct json *get(const struct json *v, const char *key)
{
	if (!v || v->kind != J_OBJ) return NULL;
	for (size_t i = 0; i < v->len; i++)
		if (!strcmp(v->keys[i], key)) return v->items[i];
	return NULL;
}

static const char *get_str(const struct json *v, const char *key)
{
	const struct json *s = get(v, key);
	return s && s->kind == J_STR ? s->str : NULL;
}

static int get_bool(const struct json *v, const char *key)
{
	const struct json *b = get(v, key);
	return b && b->kind == J_BOOL && b->num != 0;
}

static void print_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;
		if (c == '"' || c == '\\') printf("\\%c", c);
		else if (c < 0x20) printf("\\u%04x", c);
		else putchar(c);
	}
	putchar('"');
}

/* ---- base64 --------------------------------------------------------------------- */

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/* Returns the decoded length, or -1 on bad input. out holds at least len*3/4 bytes. */
static long b64_decode(const char *in, size_t len, unsigned char *out)
{
	long n = 0;
	if (len % 4) return -1;
	for (size_t i = 0; i < len; i += 4) {
		int v[4];
		for (int k = 0; k < 4; k++) {
			v[k] = in[i + k] == '=' && i + 4 == len && k >= 2 ? 0 : b64_value(in[i + k]);
			if (v[k] < 0) return -1;
		}
		out[n++] = v[0] << 2 | v[1] >> 4;
		if (in[i + 2] != '=') out[n++] = (v[1] & 15) << 4 | v[2] >> 2;
		if (in[i + 3] != '=') out[n++] = (v[2] & 3) << 6 | v[3];
	}
	return n;
}

/* ---- the FTP PORT helper -------------------------------------------------------- */

/* Per direction, up to two sequence numbers right after a '\n' (NUM_SEQ_TO_REMEMBER). */
struct tracker { uint32_t seq[2]; int count; };

static int tracked(const struct tracker *t, uint32_t seq)
{
	for (int i = 0; i < t->count; i++)
		if (t->seq[i] == seq) return 1;
	return 0;
}

static int before(uint32_t a, uint32_t b) { return (int32_t)(a - b) < 0; }

static void remember(struct tracker *t, uint32_t seq)
{
	if (tracked(t, seq)) return;
	if (t->count < 2) { t->seq[t->count++] = seq; return; }
	int oldest = before(t->seq[0], t->seq[1]) ? 0 : 1;
	if (before(t->seq[oldest], seq)) t->seq[oldest] = seq;
}

enum found { NONE, BAD, PORT };

/* "PORT a,b,c,d,p1,p2\r" at offset 0, with the kernel's u32 slots. */
static enum found parse_port(const unsigned char *d, size_t len, int strict,
			     unsigned char addr[4], unsigned *port)
{
	static const char keyword[] = "port";
	if (len <= 4) {
		for (size_t i = 0; i < len; i++)
			if (tolower(d[i]) != keyword[i]) return NONE;
		return BAD;
	}
	for (size_t i = 0; i < 4; i++)
		if (tolower(d[i]) != keyword[i]) return NONE;
	const unsigned char *space = memchr(d + 4, ' ', len - 4);
	if (!space || space == d + len - 1) return BAD;
	uint32_t slot[6] = { 0 };
	int n = 0;
	for (const unsigned char *p = space + 1; p < d + len; p++) {
		if (isdigit(*p)) {
			slot[n] = slot[n] * 10 + (*p - '0');
			if (strict && slot[n] > 255) return BAD;
		} else if (*p == ',') {
			if (++n == 6) return BAD;
		} else {
			if (*p != '\r' || n != 5) return BAD;
			uint32_t ip = slot[0] << 24 | slot[1] << 16 | slot[2] << 8 | slot[3];
			addr[0] = ip >> 24; addr[1] = ip >> 16; addr[2] = ip >> 8; addr[3] = ip;
			*port = (slot[4] << 8 | slot[5]) & 0xffff;
			return PORT;
		}
	}
	return BAD;
}

struct expectation { char src[64], dst[64]; unsigned dport; };

static int parse_address(const char *text, unsigned char out[16], int *family)
{
	if (text && inet_pton(AF_INET, text, out) == 1) { *family = AF_INET; return 4; }
	if (text && inet_pton(AF_INET6, text, out) == 1) { *family = AF_INET6; return 16; }
	return 0;
}

static int bug, never_evicts, protocol = 2;

/* nf_conntrack_ftp's policy: one expectation per master. */
#define MAX_EXPECTED 1

/* The live table: indices into the created list, oldest first (§1.3 of kernel-helpers.md:
   an identical expectation is replaced and the new one is the newest; at max_expected the
   oldest is evicted). PORT expectations differ only in dst and dport, so a clash is always
   an identical one. */
struct table { size_t *index; size_t count; };

static int same(const struct expectation *a, const struct expectation *b)
{
	return a->dport == b->dport && !strcmp(a->src, b->src) && !strcmp(a->dst, b->dst);
}

static void insert(struct table *t, const struct expectation *all, size_t created)
{
	for (size_t i = 0; i < t->count; i++) {
		if (!same(&all[t->index[i]], &all[created])) continue;
		memmove(&t->index[i], &t->index[i + 1], (t->count - i - 1) * sizeof *t->index);
		t->count--;
		break;
	}
	if (t->count >= MAX_EXPECTED && !never_evicts) {
		memmove(&t->index[0], &t->index[1], (t->count - 1) * sizeof *t->index);
		t->count--;
	}
	t->index[t->count++] = created;
}

static void print_expectation(const struct expectation *e)
{
	printf("{\"l4\":\"tcp\",\"src\":");
	print_string(e->src);
	printf(",\"sport\":null,\"dst\":");
	print_string(e->dst);
	printf(",\"dport\":%u}", e->dport);
}

static void reply_error(double id, const char *message)
{
	/* Not part of the protocol: a broken request is the harness's bug, so say so and
	   leave; helperfuzz reports the exit with this stderr. */
	fprintf(stderr, "ftp-port-adapter: request %.0f: %s\n", id, message);
	exit(2);
}

static void handle_flow(double id, const struct json *flow)
{
	const struct json *segments = get(flow, "segments");
	const struct json *config = get(flow, "config");
	const char *client = get_str(get(flow, "client"), "addr");
	const char *server = get_str(get(flow, "server"), "addr");
	const char *nat = get_str(get(get(flow, "nat"), "client"), "addr");
	unsigned char sender[16];
	int family, alen = parse_address(client, sender, &family);
	if (!alen || !server || !segments || segments->kind != J_ARR)
		reply_error(id, "flow without client, server or segments");
	int loose = get_bool(config, "loose"), strict = get_bool(config, "avoidU16Overflows");

	struct tracker trackers[2] = { { { 0 }, 0 }, { { 0 }, 0 } };
	struct expectation *expected = calloc(segments->len + 1, sizeof *expected);
	char *verdicts = calloc(segments->len + 1, 1);
	size_t count = 0;
	/* live[i]: the table after segment i (at most one creation per segment). */
	struct table table = { calloc(segments->len + 1, sizeof(size_t)), 0 };
	struct table *live = calloc(segments->len + 1, sizeof *live);
	if (!expected || !verdicts || !table.index || !live) abort();

	for (size_t i = 0; i < segments->len; i++) {
		const struct json *s = segments->items[i];
		const char *dir = get_str(s, "dir"), *b64 = get_str(s, "data");
		const struct json *seqv = get(s, "seq");
		if (!dir || !b64 || !seqv || seqv->kind != J_NUM) reply_error(id, "bad segment");
		int orig = !strcmp(dir, "orig");
		uint32_t seq = (uint32_t)seqv->num;
		size_t b64len = strlen(b64);
		unsigned char *data = malloc(b64len / 4 * 3 + 1);
		if (!data) abort();
		long len = b64_decode(b64, b64len, data);
		if (len < 0) reply_error(id, "bad base64");
		verdicts[i] = 'a';
		struct tracker *t = &trackers[orig ? 0 : 1];
		int drop = 0;
		if (orig && tracked(t, seq)) {
			unsigned char addr[4];
			unsigned port;
			enum found f = parse_port(data, len, strict, addr, &port);
			if (f == BAD) drop = 1;
			if (f == PORT) {
				/* PORT overwrites the first four bytes of the sender's address. */
				unsigned char named[16];
				memcpy(named, sender, alen);
				memcpy(named, addr, 4);
				struct expectation *e = &expected[count];
				snprintf(e->src, sizeof e->src, "%s", server);
				snprintf(e->dst, sizeof e->dst, "%s", nat ? nat : client);
				e->dport = port;
				int matches = !memcmp(named, sender, alen);
				if (!matches && (loose || bug))
					inet_ntop(family, named, e->dst, sizeof e->dst);
				if (matches || loose || bug) insert(&table, expected, count++);
			}
		}
		if (drop) verdicts[i] = 'd';
		else if (len > 0 && data[len - 1] == '\n') remember(t, seq + (uint32_t)len);
		free(data);
		live[i].index = malloc((table.count + 1) * sizeof(size_t));
		if (!live[i].index) abort();
		memcpy(live[i].index, table.index, table.count * sizeof(size_t));
		live[i].count = table.count;
	}

	printf("{\"id\":%.0f,\"outcome\":{\"expectations\":[", id);
	for (size_t i = 0; i < count; i++) {
		if (i) putchar(',');
		print_expectation(&expected[i]);
	}
	printf("],\"segments\":[");
	for (size_t i = 0; i < segments->len; i++) {
		const struct json *s = segments->items[i];
		/* Nothing is rewritten: each segment leaves with its own bytes and seq. */
		printf("%s{\"verdict\":\"%s\",\"seq\":%.0f,\"data\":", i ? "," : "",
		       verdicts[i] == 'd' ? "drop" : "accept", get(s, "seq")->num);
		print_string(get_str(s, "data"));
		if (protocol == 2) {
			printf(",\"live\":[");
			for (size_t j = 0; j < live[i].count; j++) {
				if (j) putchar(',');
				print_expectation(&expected[live[i].index[j]]);
			}
			putchar(']');
		}
		putchar('}');
		free(live[i].index);
	}
	printf("]}}\n");
	fflush(stdout);
	free(expected);
	free(verdicts);
	free(table.index);
	free(live);
}

/* The protocol 2 hello offers "versions":[1,2] and keeps "version":1 for v1 programs. */
static int offers(const struct json *request, int version)
{
	const struct json *versions = get(request, "versions");
	for (size_t i = 0; versions && versions->kind == J_ARR && i < versions->len; i++)
		if (versions->items[i]->kind == J_NUM && versions->items[i]->num == version) return 1;
	return 0;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bug")) bug = 1;
		else if (!strcmp(argv[i], "--never-evicts")) never_evicts = 1;
		else if (!strcmp(argv[i], "--v1")) protocol = 1;
		else {
			fprintf(stderr, "ftp-port-adapter: unknown option %s\n", argv[i]);
			return 2;
		}
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		struct reader r = { line, line + n, 0 };
		struct json *request = parse_value(&r);
		const char *op = get_str(request, "op");
		if (!op) {
			fprintf(stderr, "ftp-port-adapter: not a request: %s", line);
			return 2;
		}
		if (!strcmp(op, "hello")) {
			const struct json *version = get(request, "version");
			if (protocol == 2 && offers(request, 2))
				printf("{\"ok\":true,\"version\":2,\"helpers\":[\"ftp\"]}\n");
			else if (version && version->kind == J_NUM && version->num == 1) {
				protocol = 1;
				printf("{\"ok\":true,\"helpers\":[\"ftp\"]}\n");
			} else
				printf("{\"ok\":false,\"error\":\"this adapter speaks protocol versions 1 and 2\"}\n");
			fflush(stdout);
		} else if (!strcmp(op, "flow")) {
			const struct json *id = get(request, "id");
			if (!id || id->kind != J_NUM) reply_error(-1, "no id");
			handle_flow(id->num, get(request, "flow"));
		} else {
			fprintf(stderr, "ftp-port-adapter: unknown op %s\n", op);
			return 2;
		}
		free_value(request);
	}
	free(line);
	return 0;
}

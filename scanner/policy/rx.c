#include "scanner/policy/rx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "scanner/xalloc.h"

static struct rx_req *req_compile(const char *pattern);
static void req_release(struct rx_req *q);
static void req_gate(struct rx *r);

#define RX_FLAGS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF)

static int compile(struct rx *r, const char *pattern, uint32_t flags, char *errbuf, size_t errlen)
{
	int code = 0;
	PCRE2_SIZE off = 0;

	memset(r, 0, sizeof *r);
	r->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags, &code, &off, NULL);
	if (!r->code) {
		PCRE2_UCHAR msg[256];
		if (pcre2_get_error_message(code, msg, sizeof msg) < 0)
			snprintf((char *)msg, sizeof msg, "error %d", code);
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "%s at offset %zu", (char *)msg, (size_t)off);
		return code > 0 ? code : 1;
	}
	/* JIT is an optimisation: a failure (no memory for a huge
	 * alternation, no JIT support) leaves the interpreter in charge.
	 * CONDUCTSCAN_NO_JIT=1 asks for the interpreter alone: valgrind
	 * cannot see into JIT code and reports its reads as uninitialised. */
	const char *nojit = getenv("CONDUCTSCAN_NO_JIT");
	r->jit = !(nojit && *nojit && *nojit != '0') &&
		 pcre2_jit_compile(r->code, PCRE2_JIT_COMPLETE) == 0;
	r->req = req_compile(pattern);
	req_gate(r);
	return 0;
}

int rx_compile(struct rx *r, const char *pattern, char *errbuf, size_t errlen)
{
	return compile(r, pattern, RX_FLAGS, errbuf, errlen);
}

int rx_compile_case(struct rx *r, const char *pattern, char *errbuf, size_t errlen)
{
	return compile(r, pattern, RX_FLAGS & ~PCRE2_CASELESS, errbuf, errlen);
}

void rx_release(struct rx *r)
{
	pcre2_code_free(r->code);
	req_release(r->req);
	memset(r, 0, sizeof *r);
}

pcre2_match_data *rx_match_data(void)
{
	return pcre2_match_data_create(16, NULL);
}

void rx_match_data_free(pcre2_match_data *md)
{
	pcre2_match_data_free(md);
}

int rx_next(const struct rx *r, const char *s, size_t len, size_t *pos, pcre2_match_data *md,
	    size_t *ms, size_t *me, const char **mark)
{
	while (*pos <= len) {
		int rc = pcre2_match(r->code, (PCRE2_SPTR)s, len, *pos, 0, md, NULL);
		if (rc < 0)
			return 0;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		*ms = ov[0];
		*me = ov[1];
		if (mark)
			*mark = (const char *)pcre2_get_mark(md);
		if (*me > *ms) {
			*pos = *me;
		} else {
			/* an empty match: step over one whole character */
			size_t p = *me + 1;
			while (p < len && ((unsigned char)s[p] & 0xC0) == 0x80)
				p++;
			*pos = p;
		}
		return 1;
	}
	return 0;
}

bool rx_any(const struct rx *r, const char *s, size_t len, pcre2_match_data *md)
{
	return pcre2_match(r->code, (PCRE2_SPTR)s, len, 0, 0, md, NULL) >= 0;
}

void rx_escape(struct buf *b, const char *s)
{
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (!space)
				buf_adds(b, "\\s+");
			space = true;
			continue;
		}
		space = false;
		if (strchr("\\^$.|?*+()[]{}#-", *s))
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
}

/* ---- the literal prefilter ---------------------------------------------
 *
 * From a pattern's source, the analyser below derives a requirement: a
 * tree of AND and OR over ASCII literals (lower case) that any text the
 * pattern matches satisfies, a literal being satisfied when it occurs in
 * the text.  It reads the pattern conservatively: a literal run is a
 * sequence of plain characters that must be matched one after the other
 * ("a+b" still needs "ab": the last 'a' is right before the 'b'); anything
 * else (a class, an escape, '.', a non-ASCII character, an optional atom,
 * a lookaround) ends the run, and any construct it is unsure of (\Q, \x,
 * back references, verbs, (?x), conditionals, recursion, a '{' that is
 * not a quantifier) makes it give up: the pattern is then always run.  A
 * sequence needs all its runs and mandatory groups; an alternation needs
 * one of its branches, and a branch that needs nothing leaves it needing
 * nothing.  One more kind of leaf: \d{n} (n >= 1) needs n digits in a
 * row, which under UCP may be any Unicode decimal digits (Nd): the text's
 * presence set records runs of up to three such code points (utf8proc's
 * Nd, a superset of PCRE2 10.42's \d: checked over every code point).
 *
 * Caseless matching: an ASCII letter matches only itself in either case,
 * and, under UCP, 'k' also U+212A KELVIN SIGN and 's' U+017F LONG S (PCRE2
 * 10.42, checked over every code point).  The text's presence set folds
 * ASCII case; a text holding either of those two characters lets every
 * pattern through.
 */

#define DIGIT_MARK '\x01'       /* the literal "a digit" (never in a run) */

enum lkind { L_LIT, L_AND, L_OR };

struct lnode {
	enum lkind kind;
	char *lit;                  /* L_LIT: owned, NUL-terminated */
	size_t len;
	struct lnode **kid;        /* L_AND, L_OR */
	size_t n, cap;
	size_t strength;            /* for ordering an AND's checks */
};

static void req_free(struct lnode *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		req_free(q->kid[i]);
	free(q->kid);
	free(q->lit);
	free(q);
}

static struct lnode *req_lit(const char *s, size_t n)
{
	struct lnode *q = xcalloc(1, sizeof *q);
	q->kind = L_LIT;
	q->lit = xmemdupz(s, n);
	q->len = n;
	q->strength = n;
	return q;
}

/* Adds child to the node *q of kind k (created when NULL), flattening a
 * child of the same kind. */
static void req_push(struct lnode **q, enum lkind k, struct lnode *child)
{
	if (!*q) {
		*q = xcalloc(1, sizeof **q);
		(*q)->kind = k;
	}
	struct lnode *p = *q;
	if (child->kind == k) {
		for (size_t i = 0; i < child->n; i++)
			req_push(q, k, child->kid[i]);
		child->n = 0;
		req_free(child);
		return;
	}
	p->kid = xgrow(p->kid, &p->cap, p->n + 1, sizeof *p->kid);
	p->kid[p->n++] = child;
}

/* A node with one child is that child; an AND checks its most selective
 * children first (an item is ruled out fastest there). */
static struct lnode *req_finish(struct lnode *q)
{
	if (!q || q->kind == L_LIT)
		return q;
	if (q->n == 1) {
		struct lnode *c = q->kid[0];
		q->n = 0;
		req_free(q);
		return c;
	}
	size_t s = q->kind == L_AND ? 0 : (size_t)-1;
	for (size_t i = 0; i < q->n; i++) {
		size_t k = q->kid[i]->strength;
		s = q->kind == L_AND ? (k > s ? k : s) : (k < s ? k : s);
	}
	q->strength = s;
	/* strongest first, stable (insertion: an AND has few children) */
	for (size_t i = 1; q->kind == L_AND && i < q->n; i++) {
		struct lnode *c = q->kid[i];
		size_t j = i;
		for (; j > 0 && q->kid[j - 1]->strength < c->strength; j--)
			q->kid[j] = q->kid[j - 1];
		q->kid[j] = c;
	}
	return q;
}

struct lit_parser {
	const char *p;
	bool fail;
};

static void run_flush(struct buf *run, struct lnode **and)
{
	if (!run->len)
		return;
	req_push(and, L_AND, req_lit(run->p, run->len));
	buf_reset(run);
}

/* A quantifier at ps->p: its minimum (1 when there is none); *quantified
 * says whether there was one.  A '{' that is not a quantifier fails. */
static unsigned long quantifier(struct lit_parser *ps, bool *quantified)
{
	const char *p = ps->p;
	unsigned long min = 1;
	*quantified = true;
	if (*p == '?' || *p == '*') {
		min = 0;
		p++;
	} else if (*p == '+') {
		p++;
	} else if (*p == '{') {
		char *end;
		if (!(p[1] >= '0' && p[1] <= '9')) {
			ps->fail = true;
			return 1;
		}
		min = strtoul(p + 1, &end, 10);
		if (*end == ',') {
			end++;
			while (*end >= '0' && *end <= '9')
				end++;
		}
		if (*end != '}') {
			ps->fail = true;
			return 1;
		}
		p = end + 1;
	} else {
		*quantified = false;
		return 1;
	}
	if (*p == '?' || *p == '+')     /* lazy, possessive */
		p++;
	ps->p = p;
	return min;
}

/* Steps over a character class after its '['. */
static void skip_class(struct lit_parser *ps)
{
	const char *p = ps->p;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '\\') {
			if (p[1] == 'Q' || p[1] == 'E' || !p[1]) {
				ps->fail = true;
				return;
			}
			p += 2;
		} else if (p[0] == '[' && p[1] == ':') {
			const char *e = strstr(p + 2, ":]");
			if (!e) {
				ps->fail = true;
				return;
			}
			p = e + 2;
		} else {
			p++;
		}
	}
	if (!*p) {
		ps->fail = true;
		return;
	}
	ps->p = p + 1;
}

static struct lnode *parse_alt(struct lit_parser *ps, struct buf *exact, bool *is_exact);

enum atom { A_LITERAL, A_DIGIT, A_OTHER, A_ZERO, A_GROUP };

/* After '(': the group's kind, ps->p moved past its opening; *skip when it
 * was a comment or an option setting, which match nothing. */
static void group_open(struct lit_parser *ps, bool *look, bool *skip)
{
	const char *p = ps->p;
	*look = *skip = false;
	if (*p == '*') {
		/* (*MARK:NAME) and (*:NAME) match the empty string and only name
		 * the path (the lexicon's groups say which term matched); every
		 * other verb changes what matches: give up */
		const char *c = strchr(p, ')');
		if (!c || (strncmp(p, "*MARK:", 6) != 0 && strncmp(p, "*:", 2) != 0)) {
			ps->fail = true;
			return;
		}
		*skip = true;
		ps->p = c + 1;
		return;
	}
	if (*p != '?')
		return;
	p++;
	if (*p == ':' || *p == '>' || *p == '|') {
		p++;
	} else if (*p == '=' || *p == '!') {
		*look = true;
		p++;
	} else if (*p == '<' && (p[1] == '=' || p[1] == '!')) {
		*look = true;
		p += 2;
	} else if (*p == '#') {
		const char *c = strchr(p, ')');
		if (!c) {
			ps->fail = true;
			return;
		}
		*skip = true;
		p = c + 1;
	} else if (*p == '<' || *p == '\'' || (*p == 'P' && p[1] == '<')) {
		char close = *p == '\'' ? '\'' : '>';
		const char *c = strchr(p + 1, close);
		if (!c) {
			ps->fail = true;
			return;
		}
		p = c + 1;
	} else {
		/* options: (?i) (?i: (?-i: ...; 'x' changes what spaces and
		 * '#' mean, and the rest are references: give up */
		const char *q = p;
		while (*q && strchr("imsnUJ-^", *q))
			q++;
		if (q == p || (*q != ')' && *q != ':')) {
			ps->fail = true;
			return;
		}
		*skip = *q == ')';
		p = q + 1;
	}
	ps->p = p;
}

/* One atom at ps->p: its kind, the character of a literal, a group's
 * requirement; ps->p moved past it. */
static enum atom parse_atom(struct lit_parser *ps, char *ch, struct lnode **g, struct buf *gx, bool *g_exact)
{
	const char *p = ps->p;
	if (*p == '\\') {
		unsigned char e = (unsigned char)p[1];
		ps->p = p + 2;
		if (!e) {
			ps->fail = true;
			return A_OTHER;
		}
		if (!((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9'))) {
			while (((unsigned char)*ps->p & 0xC0) == 0x80)
				ps->p++;
			*ch = (char)e;
			return e >= 0x20 && e < 0x7f ? A_LITERAL : A_OTHER;
		}
		if (strchr("bBAzZG", e))
			return A_ZERO;
		if (e == 'd')
			return A_DIGIT;
		if (strchr("sSDwWhHvVRXKtnrfae", e))
			return A_OTHER;
		if (e == 'p' || e == 'P') {
			if (*ps->p == '{') {
				const char *c = strchr(ps->p, '}');
				if (!c)
					ps->fail = true;
				else
					ps->p = c + 1;
			} else if (*ps->p) {
				ps->p++;
			}
			return A_OTHER;
		}
		ps->fail = true;                /* \x \o \g \k \N \c \Q \E, digits ... */
		return A_OTHER;
	}
	if (*p == '[') {
		ps->p = p + 1;
		skip_class(ps);
		return A_OTHER;
	}
	if (*p == '(') {
		bool look, skip;
		ps->p = p + 1;
		group_open(ps, &look, &skip);
		if (ps->fail)
			return A_OTHER;
		if (skip)
			return A_ZERO;
		*g = parse_alt(ps, gx, g_exact);
		if (ps->fail || *ps->p != ')') {
			ps->fail = true;
			return A_OTHER;
		}
		ps->p++;
		if (look) {
			req_free(*g);
			*g = NULL;
			return A_ZERO;
		}
		return A_GROUP;
	}
	ps->p = p + 1;
	if (*p == '.')
		return A_OTHER;
	if (*p == '^' || *p == '$')
		return A_ZERO;
	if (*p == '{' || *p == '?' || *p == '*' || *p == '+') {
		ps->fail = true;                /* a quantifier with nothing before it */
		return A_OTHER;
	}
	if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20) {
		while (((unsigned char)*ps->p & 0xC0) == 0x80)
			ps->p++;
		return A_OTHER;
	}
	*ch = *p;
	return A_LITERAL;
}

/* One branch, up to '|', ')' or the end: everything it needs.  *is_exact
 * when it is a plain literal, then in exact. */
static struct lnode *parse_seq(struct lit_parser *ps, struct buf *exact, bool *is_exact)
{
	struct buf run = BUF_INIT(0);
	struct lnode *and = NULL;
	*is_exact = true;
	buf_reset(exact);
	while (!ps->fail && *ps->p && *ps->p != '|' && *ps->p != ')') {
		char ch = 0;
		struct lnode *g = NULL;
		struct buf gx = BUF_INIT(0);
		bool g_exact = false, quantified;
		enum atom kind = parse_atom(ps, &ch, &g, &gx, &g_exact);
		unsigned long min = ps->fail ? 0 : quantifier(ps, &quantified);
		if (ps->fail) {
			req_free(g);
			buf_release(&gx);
			break;
		}
		char lc = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
		if (kind == A_LITERAL && min > 0) {
			buf_add(&run, &lc, 1);
			if (!quantified)
				buf_add(exact, &lc, 1);
		}
		if (kind == A_GROUP && !quantified && g_exact) {
			/* "the\s+(?:council)": the run goes on through it */
			buf_add(&run, gx.p ? gx.p : "", gx.len);
			buf_add(exact, gx.p ? gx.p : "", gx.len);
			req_free(g);
		} else if (kind != A_LITERAL || quantified) {
			run_flush(&run, &and);
			*is_exact = false;
			if (kind == A_GROUP && min > 0 && g)
				req_push(&and, L_AND, g);
			else
				req_free(g);
			if (kind == A_DIGIT && min > 0) {
				/* "\\d{3}": three digits in a row, as three marks */
				char d[3] = { DIGIT_MARK, DIGIT_MARK, DIGIT_MARK };
				req_push(&and, L_AND, req_lit(d, min < 3 ? min : 3));
			}
			/* "a+b": the last 'a' of a match is right before the 'b' */
			if (kind == A_LITERAL && min > 0)
				buf_add(&run, &lc, 1);
		}
		buf_release(&gx);
	}
	run_flush(&run, &and);
	buf_release(&run);
	if (ps->fail) {
		req_free(and);
		return NULL;
	}
	return req_finish(and);
}

/* Branches up to ')' or the end: what one of them needs. */
static struct lnode *parse_alt(struct lit_parser *ps, struct buf *exact, bool *is_exact)
{
	struct lnode *or = NULL;
	bool none = false;
	size_t branches = 0;

	for (;;) {
		bool bx;
		struct lnode *b = parse_seq(ps, exact, &bx);
		branches++;
		if (branches == 1 && *ps->p != '|') {
			*is_exact = bx;
			return b;
		}
		if (!b)
			none = true;        /* this branch needs nothing */
		else if (none)
			req_free(b);
		else
			req_push(&or, L_OR, b);
		if (ps->fail || *ps->p != '|')
			break;
		ps->p++;
	}
	*is_exact = false;
	if (none || ps->fail) {
		req_free(or);
		return NULL;
	}
	return req_finish(or);
}

/* The requirement of a pattern, or NULL when there is none. */
static struct lnode *req_of(const char *pattern)
{
	struct lit_parser ps = { pattern, false };
	struct buf exact = BUF_INIT(0);
	bool is_exact;
	struct lnode *q = parse_alt(&ps, &exact, &is_exact);
	buf_release(&exact);
	if (ps.fail || *ps.p) {
		req_free(q);
		return NULL;
	}
	return q;
}

static void req_describe(const struct lnode *q, struct buf *b, bool nested)
{
	if (q->kind == L_LIT) {
		if (q->lit[0] == DIGIT_MARK && q->len > 1)
			buf_addf(b, "\\d{%zu}", q->len);
		else if (q->lit[0] == DIGIT_MARK)
			buf_adds(b, "\\d");
		else
			buf_adds(b, q->lit);
		return;
	}
	if (nested)
		buf_adds(b, "(");
	for (size_t i = 0; i < q->n; i++) {
		if (i)
			buf_adds(b, q->kind == L_AND ? " & " : " | ");
		req_describe(q->kid[i], b, q->kid[i]->kind != L_LIT);
	}
	if (nested)
		buf_adds(b, ")");
}

char *rx_requirement(const char *pattern)
{
	struct lnode *q = req_of(pattern);
	struct buf b = BUF_INIT(0);
	if (!q)
		return NULL;
	req_describe(q, &b, false);
	req_free(q);
	return buf_detach(&b, NULL);
}

/*
 * The tree as it is checked, once per pattern and text: its nodes in
 * depth-first order in one array, each literal's 1-, 2- or 3-byte
 * sequences already multiplied by the presence set's hash constant.
 */
struct pnode {
	uint64_t h0;                /* L_LIT: its first sequence, checked first */
	uint32_t n;                 /* L_LIT: sequences; else children */
	uint32_t off;               /* L_LIT: its first sequence in rx_req.h */
	uint32_t size;              /* nodes in this subtree, itself included */
	unsigned char kind;         /* enum lkind */
};

/*
 * An OR's children are ruled out from a guard array (g_* from the node's
 * off): a child whose first literal (its own, or its AND's strongest) is
 * absent fails, so the loop over a large alternation reads one hash per
 * branch and steps into the tree only where that literal is there.  A
 * child without such a literal has the guard HASH_ALWAYS, whose bit every
 * presence set holds; a child that is a literal of one sequence is
 * decided by its guard alone (G_DECIDES in g_node).
 */
#define HASH_ALWAYS 0u               /* no gram hashes to 0: each has a length */
#define G_DECIDES 0x80000000u
struct rx_req {
	struct pnode *node;
	size_t n_node, cap_node;
	uint64_t *h;
	size_t n_h, cap_h;
	uint64_t *g_hash;           /* the child's first literal's first sequence */
	uint32_t *g_node;           /* the child's node index, | G_DECIDES */
	size_t n_g, cap_gn, cap_gh;
};

#define GRAM_MUL 0x9E3779B97F4A7C15u

static inline uint32_t gram(unsigned n, const unsigned char *p)
{
	uint32_t g = (uint32_t)n << 24;
	for (unsigned i = 0; i < n; i++)
		g |= (uint32_t)p[i] << (8 * (n - 1 - i));
	return g;
}

static void req_flatten(struct rx_req *q, const struct lnode *t)
{
	size_t me = q->n_node;
	q->node = xgrow(q->node, &q->cap_node, me + 1, sizeof *q->node);
	q->n_node++;
	struct pnode pn = { .kind = (unsigned char)t->kind };
	if (t->kind == L_LIT) {
		const unsigned char *l = (const unsigned char *)t->lit;
		size_t w = t->len < 3 ? t->len : 3, n = t->len < 3 ? 1 : t->len - 2;
		pn.off = (uint32_t)q->n_h;
		pn.n = (uint32_t)n;
		q->h = xgrow(q->h, &q->cap_h, q->n_h + n, sizeof *q->h);
		for (size_t i = 0; i < n; i++)
			q->h[q->n_h++] = (uint64_t)gram((unsigned)w, l + i) * GRAM_MUL;
		pn.h0 = q->h[pn.off];
	} else {
		pn.n = (uint32_t)t->n;
		size_t g = q->n_g;
		if (t->kind == L_OR) {
			pn.off = (uint32_t)g;
			q->n_g += t->n;
			q->g_hash = xgrow(q->g_hash, &q->cap_gh, q->n_g, sizeof *q->g_hash);
			q->g_node = xgrow(q->g_node, &q->cap_gn, q->n_g, sizeof *q->g_node);
		}
		for (size_t i = 0; i < t->n; i++) {
			size_t k = q->n_node;
			req_flatten(q, t->kid[i]);
			if (t->kind != L_OR)
				continue;
			const struct pnode *c = &q->node[k];
			const struct pnode *l = c->kind == L_LIT ? c : c->kind == L_AND && c[1].kind == L_LIT ? c + 1 : NULL;
			q->g_node[g + i] = (uint32_t)k | (c->kind == L_LIT && c->n == 1 ? G_DECIDES : 0);
			q->g_hash[g + i] = l ? l->h0 : HASH_ALWAYS;
		}
	}
	pn.size = (uint32_t)(q->n_node - me);
	q->node[me] = pn;
}

static struct rx_req *req_compile(const char *pattern)
{
	struct lnode *t = req_of(pattern);
	if (!t)
		return NULL;
	struct rx_req *q = xcalloc(1, sizeof *q);
	req_flatten(q, t);
	req_free(t);
	return q;
}

/* The root's first literal, when the root is one or an AND starting with one. */
static void req_gate(struct rx *r)
{
	const struct pnode *v = r->req ? r->req->node : NULL;
	if (v && v->kind == L_AND && v[1].kind == L_LIT)
		v++;
	r->gated = v && v->kind == L_LIT;
	r->gate = r->gated ? v->h0 : 0;
}

static void req_release(struct rx_req *q)
{
	if (!q)
		return;
	free(q->node);
	free(q->h);
	free(q->g_hash);
	free(q->g_node);
	free(q);
}

/* ---- the text's presence set ------------------------------------------ */

static inline void set_bit(struct rx_text *t, uint32_t g)
{
	size_t b = (size_t)(((uint64_t)g * GRAM_MUL) >> t->shift);
	t->bits[b / 64] |= (uint64_t)1 << (b % 64);
}

static inline uint32_t fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (uint32_t)(c - 'A' + 'a') : c;
}

void rx_text_init(struct rx_text *t, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	/* about 64 bits per sequence: a literal of one sequence that is not
	 * there still passes when another sequence hashed to its bit, and at
	 * 8 bits per sequence (1 << 13 for a post) short words such as
	 * "hiv" or "pip" let a third of the posts through to PCRE2 */
	unsigned log = RX_TEXT_LOG_MIN;
	while (log < 24 && ((size_t)1 << log) < len * 192)
		log++;
	t->shift = 64 - log;
	t->all = false;
	memset(t->memo_key, 0, sizeof t->memo_key);
	t->memo_n = 0;
	size_t words = ((size_t)1 << log) / 64;
	t->bits = words <= sizeof t->small / sizeof t->small[0] ? t->small : xmalloc(words * sizeof *t->bits);
	memset(t->bits, 0, words * sizeof *t->bits);
	t->bits[0] |= 1;            /* HASH_ALWAYS */
	uint32_t c1 = 0, c2 = 0;
	size_t digits = 0;
	for (size_t i = 0; i < len; i++) {
		uint32_t c = fold(u[i]);
		/* U+017F LONG S and U+212A KELVIN SIGN match 's' and 'k' */
		if ((c == 0xBF && i >= 1 && u[i - 1] == 0xC5) ||
		    (c == 0xAA && i >= 2 && u[i - 1] == 0x84 && u[i - 2] == 0xE2))
			t->all = true;
		set_bit(t, 1u << 24 | c);
		if (c < 0x80 || c >= 0xC0) {
			/* a new character: \d under UCP is any decimal digit (Nd);
			 * digits in a row are recorded as runs of marks */
			bool digit = c >= '0' && c <= '9';
			if (c >= 0xC0) {
				utf8proc_int32_t cp;
				digit = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp) > 0 &&
					utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
			}
			digits = digit ? digits + 1 : 0;
			if (digits >= 1)
				set_bit(t, 1u << 24 | DIGIT_MARK);
			if (digits >= 2)
				set_bit(t, 2u << 24 | DIGIT_MARK << 8 | DIGIT_MARK);
			if (digits >= 3)
				set_bit(t, 3u << 24 | DIGIT_MARK << 16 | DIGIT_MARK << 8 | DIGIT_MARK);
		}
		if (i >= 1)
			set_bit(t, 2u << 24 | c1 << 8 | c);
		if (i >= 2)
			set_bit(t, 3u << 24 | c2 << 16 | c1 << 8 | c);
		c2 = c1;
		c1 = c;
	}
}

void rx_text_release(struct rx_text *t)
{
	if (t->bits != t->small)
		free(t->bits);
	t->bits = NULL;
}

static inline bool has(const struct rx_text *t, uint64_t h)
{
	size_t b = (size_t)(h >> t->shift);
	return t->bits[b / 64] >> (b % 64) & 1;
}

/* Most literals are absent and fail at their first sequence. */
static inline bool lit_met(const struct rx_req *q, const struct pnode *v, const struct rx_text *t)
{
	if (!has(t, v->h0))
		return false;
	for (uint32_t i = 1; i < v->n; i++)
		if (!has(t, q->h[v->off + i]))
			return false;
	return true;
}

static bool req_met(const struct rx_req *q, const struct pnode *v, const struct rx_text *t)
{
	if (v->kind == L_LIT)
		return lit_met(q, v, t);
	if (v->kind == L_OR) {
		const uint64_t *gh = q->g_hash + v->off;
		const uint32_t *gn = q->g_node + v->off;
		for (uint32_t i = 0; i < v->n; i++)
			if (has(t, gh[i]) && ((gn[i] & G_DECIDES) || req_met(q, q->node + (gn[i] & ~G_DECIDES), t)))
				return true;
		return false;
	}
	const struct pnode *c = v + 1;
	for (uint32_t i = 0; i < v->n; i++, c += c->size)
		if (!(c->kind == L_LIT ? lit_met(q, c, t) : req_met(q, c, t)))
			return false;
	return true;
}

bool rx_may_match(const struct rx *r, struct rx_text *t)
{
	if (!r->req || !t || t->all)
		return true;
	if (r->gated && !has(t, r->gate))
		return false;
	/* an open-addressed table of the requirements answered so far; when
	 * it is three quarters full, answers are no longer kept */
	size_t h = (size_t)(((uintptr_t)r->req >> 4) * GRAM_MUL >> 58) % RX_TEXT_MEMO;
	while (t->memo_key[h]) {
		if (t->memo_key[h] == r->req)
			return t->memo_val[h];
		h = (h + 1) % RX_TEXT_MEMO;
	}
	bool met = req_met(r->req, r->req->node, t);
	if (t->memo_n < RX_TEXT_MEMO * 3 / 4) {
		t->memo_key[h] = r->req;
		t->memo_val[h] = met;
		t->memo_n++;
	}
	return met;
}

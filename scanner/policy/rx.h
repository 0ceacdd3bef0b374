#ifndef CS_POLICY_RX_H
#define CS_POLICY_RX_H
/*
 * PCRE2 for the policy engine: compiled once per run, matched by many
 * threads.  Every pattern is compiled with PCRE2_UTF | PCRE2_UCP |
 * PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF (UCP so that \b and \w know
 * letters beyond ASCII; MATCH_INVALID_UTF because the text is untrusted),
 * then JIT-compiled; where JIT compilation fails (out of memory on a huge
 * alternation) the interpreter is used.  A compiled pcre2_code is read-only
 * while matching, so one rx serves every worker; each call brings its own
 * match data.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"

struct rx_req;

struct rx {
	pcre2_code *code;
	bool jit;
	bool gated;                 /* a match needs the sequence gate hashes to */
	uint64_t gate;              /* (kept here: the first check reads no other memory) */
	struct rx_req *req;         /* literals a match needs (rx_may_match), or NULL */
};

/* 0, or the PCRE2 error code (negative of none: PCRE2 codes are > 0) with a
 * message in errbuf ("missing closing parenthesis at offset 4"). */
int rx_compile(struct rx *r, const char *pattern, char *errbuf, size_t errlen);
/* The same without PCRE2_CASELESS (capitalised names in original text). */
int rx_compile_case(struct rx *r, const char *pattern, char *errbuf, size_t errlen);
void rx_release(struct rx *r);

/*
 * The next match in s[0..len) at or after *pos: 1 and [*ms, *me) set,
 * *pos moved past it (by one character for an empty match); 0 when there
 * is none.  md comes from rx_match_data().  mark, if not NULL, receives the
 * (*MARK:n) name of the matching path, or NULL.
 */
int rx_next(const struct rx *r, const char *s, size_t len, size_t *pos, pcre2_match_data *md,
	    size_t *ms, size_t *me, const char **mark);
/* 1 if r matches anywhere in s. */
bool rx_any(const struct rx *r, const char *s, size_t len, pcre2_match_data *md);
pcre2_match_data *rx_match_data(void);
void rx_match_data_free(pcre2_match_data *md);

/*
 * The literal prefilter.  At compile time each pattern's source is read
 * for the literals any match must contain (a conjunction of sets of
 * ASCII strings, case folded; nothing when the analyser is unsure, see
 * rx.c).  Per text, rx_text_init() records which 1-, 2- and 3-byte
 * sequences occur (ASCII case folded, hashed into a bit set); then
 * rx_may_match() is false only when the pattern cannot match that text:
 * a pattern it rules out need not be run.  Exact in effect: it never
 * rules out a pattern that would have matched.
 */
#define RX_TEXT_MEMO 64
#define RX_TEXT_LOG_MIN 16          /* the smallest set: 1 << 16 bits */
struct rx_text {
	uint64_t *bits;             /* small, or owned when the text is long */
	unsigned shift;
	bool all;                   /* rule out nothing (U+017F, U+212A present) */
	uint64_t small[((size_t)1 << RX_TEXT_LOG_MIN) / 64];
	/* the answers for requirements past their first literal: the rules
	 * ask about the same expression several times per text */
	const struct rx_req *memo_key[RX_TEXT_MEMO];
	bool memo_val[RX_TEXT_MEMO];
	unsigned memo_n;
};

/* Builds t for s[0..len): the very bytes the patterns will be run on. */
void rx_text_init(struct rx_text *t, const char *s, size_t len);
void rx_text_release(struct rx_text *t);
/* False only if r cannot match the text t describes; t NULL: true.  t
 * remembers the answer (it is not shared between threads). */
bool rx_may_match(const struct rx *r, struct rx_text *t);
/* The requirement the analyser derives from a pattern, for tests: clauses
 * joined by " & ", the literals of a clause by "|" ("council & the|our"),
 * or NULL for none (the pattern would always be run).  Caller frees. */
char *rx_requirement(const char *pattern);

/* Appends s to b with every regex metacharacter escaped and each run of
 * spaces written as \s+. */
void rx_escape(struct buf *b, const char *s);

#endif

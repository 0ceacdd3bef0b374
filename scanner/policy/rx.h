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

#include "scanner/buf.h"

struct rx {
	pcre2_code *code;
	bool jit;
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

/* Appends s to b with every regex metacharacter escaped and each run of
 * spaces written as \s+. */
void rx_escape(struct buf *b, const char *s);

#endif

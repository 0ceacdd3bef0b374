#include "scanner/policy/rx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

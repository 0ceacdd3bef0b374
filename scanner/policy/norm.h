#ifndef CS_POLICY_NORM_H
#define CS_POLICY_NORM_H
/*
 * Text normalisation for matching, with a map back to the original bytes.
 *
 * norm_text() turns an item's UTF-8 text into the form every pattern is
 * written against: compatibility decomposition (NFKD: "ｆｕｃｋ", "𝐟𝐮𝐜𝐤",
 * "ﬁ" become ASCII), Unicode case folding, combining marks stripped
 * ("zoë" -> "zoe"), default-ignorable code points dropped (zero-width
 * joiners, soft hyphens), punctuation lumped to ASCII (curly quotes,
 * dashes), and then the fold table for letters that Unicode does not
 * decompose (ł -> l, ø -> o, đ -> d, æ -> ae, þ -> th ...).  It works code
 * point by code point (utf8proc_decompose_char), so every output byte knows
 * the original code point it came from: ostart[i], oend[i] are the original
 * byte range of output byte i.  Invalid UTF-8 bytes become a space mapped to
 * that byte.
 *
 * norm_deobfuscate() then undoes the common disguises of a normalised text:
 * leetspeak inside words that hold letters ("sh1t", "@ss", "c0ck"), single
 * letters split by one separator ("f u c k", "f.u.c.k"), keeping the map
 * to the original bytes.  Stretched letters ("fuuuck") are left to the
 * lexicon patterns, which let every letter repeat; masked letters ("c*nt")
 * are left in place for the lexicon's masked matcher.
 */
#include <stddef.h>

#include "scanner/error.h"

struct norm {
	char *s;            /* owned, NUL-terminated */
	size_t len;
	size_t *ostart;     /* len + 1 entries; [len] = original length */
	size_t *oend;
};

/* A table of code point -> ASCII replacement (policies/lexicons/fold.json). */
struct norm_fold;

/* Parses a fold table: a JSON object {"ł": "l", ...}; keys one code point.
 * NULL and EXIT_USAGE naming the file on error. */
struct norm_fold *norm_fold_parse(const char *file, const char *data, size_t len,
				  struct cs_error *err);
void norm_fold_free(struct norm_fold *f);

/* Normalises s[0..n); fold may be NULL.  *out is overwritten. */
void norm_text(const char *s, size_t n, const struct norm_fold *fold, struct norm *out);
/* A new string: s normalised (for names and patterns written by people). */
char *norm_dup(const char *s, const struct norm_fold *fold);
/* The deobfuscated form of a normalised text, mapped to the same original. */
void norm_deobfuscate(const struct norm *in, struct norm *out);
/* Maps [a, b) of the normalised text to original bytes [*start, *end). */
void norm_span(const struct norm *t, size_t a, size_t b, size_t *start, size_t *end);
void norm_release(struct norm *t);

#endif

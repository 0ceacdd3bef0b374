#ifndef CS_POLICY_LEXICON_H
#define CS_POLICY_LEXICON_H
/*
 * Word lists (JSON files in policies/lexicons/, format in policies/README.md):
 * entries of terms with a group and a severity, and exception words and
 * phrases that are never flagged (the Scunthorpe problem).
 *
 * A term matches a whole word (or phrase) of the deobfuscated text; every
 * letter may be stretched ("fuuuck"), and the words of a phrase may be
 * separated by spaces, hyphens or apostrophes or run together.  Whole words
 * are looked up by key (squeezed letters), not scanned for; the terms are
 * still compiled once as patterns, which checks them.  An entry marked "partial" also matches inside a longer word
 * ("fuckwit", "gobshite"); such a match is dropped when an exception word or
 * phrase covers it ("Scunthorpe", "Shitterton").  A match that any exception
 * covers is dropped for every entry.  A masked word ("c*nt", "f**k",
 * "sh*te": a letter first, '*' for letters) matches the most severe
 * single-word term of the same length that agrees on every shown letter,
 * as a lower-confidence hit.
 */
#include <stdbool.h>
#include <stddef.h>

#include "scanner/error.h"
#include "scanner/policy/norm.h"
#include "scanner/policy/rx.h"

struct lexicon;

struct lex_entry {
	char *id;
	char *group;        /* racial, sexuality, disability, religion, sexual, insult, profanity, contempt ... */
	int severity;       /* 1 mild .. 4 severe */
	bool partial;
};

struct lex_hit {
	size_t entry;       /* index for lexicon_entry() */
	size_t start, end;  /* original bytes */
	bool masked;        /* matched through '*' masking: lower confidence */
	bool obfuscated;    /* matched only after deobfuscation */
};

struct lexicon *lexicon_new(void);
void lexicon_free(struct lexicon *lx);
/* Adds one lexicon file's contents.  EXIT_USAGE naming file and key. */
int lexicon_add(struct lexicon *lx, const char *file, const char *data, size_t len,
		const struct norm_fold *fold, struct cs_error *err);
/* Compiles every term, in groups small enough for PCRE2's pattern limit. */
int lexicon_compile(struct lexicon *lx, struct cs_error *err);
size_t lexicon_count(const struct lexicon *lx);
const struct lex_entry *lexicon_entry(const struct lexicon *lx, size_t i);
/* Every hit in a text: deob is norm_deobfuscate(norm).  pres, if not NULL,
 * is rx_text_init() of deob's text: partial terms whose literals it lacks
 * are not scanned for (NULL: all are).  Thread-safe. */
void lexicon_match(const struct lexicon *lx, const struct norm *norm, const struct norm *deob,
		   struct rx_text *pres, struct lex_hit **hits, size_t *n);

#endif

#include "scanner/policy/lexicon.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "scanner/buf.h"
#include "scanner/policy/rx.h"
#include "scanner/xalloc.h"

/* Terms per compiled group; a group that still exceeds PCRE2's compiled
 * size limit is split in two until it fits. */
#define LEX_CHUNK 120

struct lex_term {
	char *text;         /* normalised */
	size_t entry;
};

/*
 * Whole-word matching without a regex scan: a term and a run of words of
 * the text match when their keys are equal (the words with every run of a
 * repeated letter squeezed to one, joined by single spaces) and every run
 * in the text is at least as long as the term's ("boob" needs two o's,
 * "fuuuck" matches "fuck").  Words are maximal runs of letters and digits;
 * the words of a phrase may be separated by spaces, hyphens or an
 * apostrophe, and a phrase also matches written as one word ("bullshit",
 * "couldnt").
 */
struct lex_key {
	char *key;
	size_t len;
	unsigned char *runs;        /* run length of each key byte (letters only) */
	size_t term;
	size_t next;                /* next key index + 1 in the slot's chain */
};

struct lex_set {
	struct rx *v;
	size_t n, cap;
};

struct lexicon {
	struct lex_entry *e;
	size_t n_e, cap_e;
	struct lex_term *t;
	size_t n_t, cap_t;
	struct strlist exceptions;  /* normalised words and phrases */
	struct lex_set whole, part, exc;
	size_t *masked;             /* term indexes usable by the masked matcher */
	size_t n_masked;
	/* Whole-word terms by key (below): open addressing, each slot the
	 * first key index + 1 of a chain through keys[].next. */
	struct lex_key *keys;
	size_t n_keys, cap_keys;
	size_t *slots;
	size_t n_slots;
	size_t max_words;
	size_t max_key;             /* bytes of the longest key */
	/* The hashes of every prefix of every key (key_hash of its first
	 * bytes; 0 marks an empty slot, and a prefix hashing to 0 is stored
	 * as 1, so that 1 may stand for either): a phrase whose key is no
	 * key's prefix grows no further. */
	uint64_t *prefix;
	size_t n_prefix;            /* slots, a power of two */
};

struct lexicon *lexicon_new(void)
{
	return xcalloc(1, sizeof(struct lexicon));
}

static void set_release(struct lex_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		rx_release(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

void lexicon_free(struct lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->n_e; i++) {
		free(lx->e[i].id);
		free(lx->e[i].group);
	}
	free(lx->e);
	for (size_t i = 0; i < lx->n_t; i++)
		free(lx->t[i].text);
	free(lx->t);
	strlist_release(&lx->exceptions);
	set_release(&lx->whole);
	for (size_t i = 0; i < lx->n_keys; i++) {
		free(lx->keys[i].key);
		free(lx->keys[i].runs);
	}
	free(lx->keys);
	free(lx->slots);
	free(lx->prefix);
	set_release(&lx->part);
	set_release(&lx->exc);
	free(lx->masked);
	free(lx);
}

size_t lexicon_count(const struct lexicon *lx)
{
	return lx->n_e;
}

const struct lex_entry *lexicon_entry(const struct lexicon *lx, size_t i)
{
	return &lx->e[i];
}

static bool key_in(const char *key, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(key, *allowed) == 0)
			return true;
	return false;
}

static int add_exceptions(struct lexicon *lx, const char *file, const char *where, json_t *arr,
			  const struct norm_fold *fold, struct cs_error *err)
{
	size_t i;
	json_t *v;
	if (!json_is_array(arr)) {
		cs_error_set(err, 2, "cannot load lexicon '%s': '%s' must be an array of strings", file, where);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || !*json_string_value(v)) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s' must be an array of strings",
				     file, where);
			return -1;
		}
		strlist_push_nodup(&lx->exceptions, norm_dup(json_string_value(v), fold));
	}
	return 0;
}

int lexicon_add(struct lexicon *lx, const char *file, const char *data, size_t len,
		const struct norm_fold *fold, struct cs_error *err)
{
	static const char *const top_keys[] = { "description", "source", "licence", "entries",
						"exceptions", NULL };
	static const char *const entry_keys[] = { "id", "terms", "group", "severity", "partial",
						  "exceptions", "note", NULL };
	json_error_t je;
	json_t *root = NULL, *v;
	const char *key;
	int rc = -1;
	size_t i;

	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		cs_error_set(err, 2, "cannot load lexicon '%s': %s (line %d)", file, je.text, je.line);
		goto out;
	}
	if (!json_is_object(root)) {
		cs_error_set(err, 2, "cannot load lexicon '%s': not a JSON object", file);
		goto out;
	}
	json_object_foreach(root, key, v) {
		if (!key_in(key, top_keys)) {
			cs_error_set(err, 2, "cannot load lexicon '%s': unknown key '%s'", file, key);
			goto out;
		}
	}
	json_t *ex = json_object_get(root, "exceptions");
	if (ex && add_exceptions(lx, file, "exceptions", ex, fold, err) < 0)
		goto out;
	json_t *entries = json_object_get(root, "entries");
	if (!json_is_array(entries)) {
		cs_error_set(err, 2, "cannot load lexicon '%s': 'entries' must be an array", file);
		goto out;
	}
	json_array_foreach(entries, i, v) {
		json_t *f;
		const char *ek;
		char where[64];
		snprintf(where, sizeof where, "entries[%zu]", i);
		if (!json_is_object(v)) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s' must be an object", file, where);
			goto out;
		}
		json_object_foreach(v, ek, f) {
			if (!key_in(ek, entry_keys)) {
				cs_error_set(err, 2, "cannot load lexicon '%s': unknown key '%s.%s'", file,
					     where, ek);
				goto out;
			}
		}
		json_t *id = json_object_get(v, "id"), *terms = json_object_get(v, "terms");
		json_t *group = json_object_get(v, "group"), *sev = json_object_get(v, "severity");
		json_t *partial = json_object_get(v, "partial");
		if (!json_is_string(id)) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s.id' must be a string", file, where);
			goto out;
		}
		if (!json_is_array(terms) || json_array_size(terms) == 0) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s.terms' must be a non-empty array",
				     file, where);
			goto out;
		}
		if (!json_is_string(group)) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s.group' must be a string", file, where);
			goto out;
		}
		if (!json_is_integer(sev) || json_integer_value(sev) < 1 || json_integer_value(sev) > 4) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s.severity' must be an integer 1-4",
				     file, where);
			goto out;
		}
		if (partial && !json_is_boolean(partial)) {
			cs_error_set(err, 2, "cannot load lexicon '%s': '%s.partial' must be true or false",
				     file, where);
			goto out;
		}
		json_t *eex = json_object_get(v, "exceptions");
		if (eex) {
			char w2[80];
			snprintf(w2, sizeof w2, "%s.exceptions", where);
			if (add_exceptions(lx, file, w2, eex, fold, err) < 0)
				goto out;
		}
		lx->e = xgrow(lx->e, &lx->cap_e, lx->n_e + 1, sizeof *lx->e);
		struct lex_entry *e = &lx->e[lx->n_e];
		e->id = xstrdup(json_string_value(id));
		e->group = xstrdup(json_string_value(group));
		e->severity = (int)json_integer_value(sev);
		e->partial = partial && json_is_true(partial);
		size_t j;
		json_t *t;
		json_array_foreach(terms, j, t) {
			if (!json_is_string(t) || !*json_string_value(t)) {
				cs_error_set(err, 2, "cannot load lexicon '%s': '%s.terms[%zu]' must be a string",
					     file, where, j);
				free(e->id);
				free(e->group);
				goto out;
			}
			lx->t = xgrow(lx->t, &lx->cap_t, lx->n_t + 1, sizeof *lx->t);
			lx->t[lx->n_t].text = norm_dup(json_string_value(t), fold);
			lx->t[lx->n_t].entry = lx->n_e;
			lx->n_t++;
		}
		lx->n_e++;
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

/* A term as a pattern: every letter may repeat, a space or hyphen matches
 * any run of spaces and hyphens, an apostrophe is optional. */
static void term_pattern(struct buf *b, const char *t)
{
	const unsigned char *s = (const unsigned char *)t;
	while (*s) {
		if (*s == ' ' || *s == '-') {
			while (*s == ' ' || *s == '-')
				s++;
			buf_adds(b, "[\\s\\-]*");
			continue;
		}
		if (*s == '\'') {
			buf_adds(b, "'?");
			s++;
			continue;
		}
		if (*s >= 0x80) {
			size_t l = 1;
			while (s[l] && (s[l] & 0xC0) == 0x80)
				l++;
			buf_adds(b, "(?:");
			buf_add(b, s, l);
			buf_adds(b, ")+");
			s += l;
			continue;
		}
		if ((*s >= 'a' && *s <= 'z')) {
			buf_add(b, s, 1);
			buf_add(b, "+", 1);
		} else if ((*s >= '0' && *s <= '9')) {
			buf_add(b, s, 1);
		} else {
			buf_add(b, "\\", 1);
			buf_add(b, s, 1);
		}
		s++;
	}
}

static bool word_cp(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* The code point at s[i] (invalid bytes: -1, length 1). */
static size_t cp_at(const char *s, size_t n, size_t i, utf8proc_int32_t *cp)
{
	if ((unsigned char)s[i] < 0x80) {       /* what utf8proc_iterate says */
		*cp = (unsigned char)s[i];
		return 1;
	}
	utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), cp);
	if (l <= 0) {
		*cp = -1;
		return 1;
	}
	return (size_t)l;
}

/* Appends word s[a, b) squeezed to key, with its run lengths.  Letters
 * repeat; digits do not (as in the regex form of a term). */
static void squeeze(struct buf *key, struct buf *runs, const char *s, size_t a, size_t b)
{
	size_t i = a;
	const char *prev = NULL;
	size_t prev_len = 0;
	while (i < b) {
		utf8proc_int32_t cp;
		size_t l = cp_at(s, b, i, &cp);
		bool letter = !(cp >= '0' && cp <= '9');
		if (letter && prev && prev_len == l && memcmp(prev, s + i, l) == 0) {
			unsigned char *r = (unsigned char *)runs->p + runs->len - 1;
			if (*r < 255)
				(*r)++;
		} else {
			buf_add(key, s + i, l);
			for (size_t k = 0; k < l; k++) {
				unsigned char one = letter ? 1 : 0;
				buf_add(runs, &one, 1);
			}
			/* only the last byte of a character carries its run */
			prev = letter ? s + i : NULL;
			prev_len = l;
		}
		i += l;
	}
}

static size_t key_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* The next word of s[0..n) at or after *i: 1 with [*i, *end) its bytes,
 * 0 at the end.  Terms are keyed and texts are matched by this one rule. */
static bool next_word(const char *s, size_t n, size_t *i, size_t *end)
{
	utf8proc_int32_t cp;
	while (*i < n) {
		size_t l = cp_at(s, n, *i, &cp);
		if (word_cp(cp))
			break;
		*i += l;
	}
	if (*i >= n)
		return false;
	size_t j = *i;
	while (j < n) {
		size_t l = cp_at(s, n, j, &cp);
		if (!word_cp(cp))
			break;
		j += l;
	}
	*end = j;
	return true;
}

static void add_key(struct lexicon *lx, size_t term, const char *text, bool joined)
{
	struct buf key = BUF_INIT(0), runs = BUF_INIT(0);
	size_t n = strlen(text), i = 0, words = 0;
	size_t j;
	while (next_word(text, n, &i, &j)) {
		if (words++ && !joined) {
			unsigned char zero = 0;
			buf_add(&key, " ", 1);
			buf_add(&runs, &zero, 1);
		}
		squeeze(&key, &runs, text, i, j);
		i = j;
	}
	if (!words) {
		buf_release(&key);
		buf_release(&runs);
		return;
	}
	if (words > lx->max_words && !joined)
		lx->max_words = words;
	lx->keys = xgrow(lx->keys, &lx->cap_keys, lx->n_keys + 1, sizeof *lx->keys);
	struct lex_key *k = &lx->keys[lx->n_keys++];
	if (key.len > lx->max_key)
		lx->max_key = key.len;
	k->key = buf_detach(&key, &k->len);
	k->runs = (unsigned char *)buf_detach(&runs, NULL);
	k->term = term;
	k->next = 0;
}

static uint64_t prefix_mark(size_t h)
{
	return h ? (uint64_t)h : 1;
}

static void prefix_add(struct lexicon *lx, size_t h)
{
	uint64_t m = prefix_mark(h);
	for (size_t i = (size_t)(m * 0x9E3779B97F4A7C15u >> 7) & (lx->n_prefix - 1);; i = (i + 1) & (lx->n_prefix - 1)) {
		if (lx->prefix[i] == m)
			return;
		if (!lx->prefix[i]) {
			lx->prefix[i] = m;
			return;
		}
	}
}

static bool prefix_has(const struct lexicon *lx, size_t h)
{
	uint64_t m = prefix_mark(h);
	for (size_t i = (size_t)(m * 0x9E3779B97F4A7C15u >> 7) & (lx->n_prefix - 1);; i = (i + 1) & (lx->n_prefix - 1)) {
		if (lx->prefix[i] == m)
			return true;
		if (!lx->prefix[i])
			return false;
	}
}

static void build_keys(struct lexicon *lx)
{
	for (size_t t = 0; t < lx->n_t; t++) {
		const char *tx = lx->t[t].text;
		add_key(lx, t, tx, false);
		/* a phrase also matches as one word */
		bool multi = false;
		for (const char *c = tx; *c; c++)
			multi |= *c == ' ' || *c == '-' || *c == '\'';
		if (multi)
			add_key(lx, t, tx, true);
	}
	lx->n_slots = 16;
	while (lx->n_slots < lx->n_keys * 2)
		lx->n_slots *= 2;
	lx->slots = xcalloc(lx->n_slots, sizeof *lx->slots);
	size_t bytes = 0;
	for (size_t i = 0; i < lx->n_keys; i++)
		bytes += lx->keys[i].len;
	lx->n_prefix = 16;
	while (lx->n_prefix < bytes * 2)
		lx->n_prefix *= 2;
	lx->prefix = xcalloc(lx->n_prefix, sizeof *lx->prefix);
	for (size_t i = 0; i < lx->n_keys; i++) {
		size_t h = 1469598103934665603u;
		for (size_t k = 0; k < lx->keys[i].len; k++) {
			h = (h ^ (unsigned char)lx->keys[i].key[k]) * 1099511628211u;
			prefix_add(lx, h);
		}
	}
	for (size_t i = 0; i < lx->n_keys; i++) {
		size_t h = key_hash(lx->keys[i].key, lx->keys[i].len) & (lx->n_slots - 1);
		lx->keys[i].next = lx->slots[h];
		lx->slots[h] = i + 1;
	}
}

/* A word of the text, squeezed once: its key bytes and runs are
 * sq[ko, ko + kn) of the item's scratch arrays. */
struct word {
	size_t a, b;                /* deob bytes */
	size_t ko, kn;
	size_t first;               /* bytes of its first character in the key */
	bool letter_first, letter_last;
};

struct keybuf {
	char *k;
	unsigned char *r;
	size_t n, cap, rcap;
};

static void kb_reserve(struct keybuf *kb, size_t n)
{
	if (kb->n + n > kb->cap) {
		size_t need = kb->n + n;
		kb->k = xgrow(kb->k, &kb->cap, need, 1);
		kb->r = xgrow(kb->r, &kb->rcap, need, 1);
	}
}

/* A few bytes at a time (one character, one word): a loop, not memcpy. */
static inline void kb_add(struct keybuf *kb, const char *p, const unsigned char *runs, size_t n)
{
	kb_reserve(kb, n);
	for (size_t i = 0; i < n; i++) {
		kb->k[kb->n + i] = p[i];
		kb->r[kb->n + i] = runs[i];
	}
	kb->n += n;
}

/* Squeezes word s[a, b) onto kb (as squeeze() does) and describes it. */
static void squeeze_word(struct keybuf *kb, const char *s, size_t a, size_t b, struct word *w)
{
	size_t i = a, prev = 0, prev_len = 0;
	bool have_prev = false;
	w->ko = kb->n;
	w->first = 0;
	while (i < b) {
		utf8proc_int32_t cp;
		size_t l = cp_at(s, b, i, &cp);
		bool letter = !(cp >= '0' && cp <= '9');
		if (letter && have_prev && prev_len == l && memcmp(s + prev, s + i, l) == 0) {
			if (kb->r[kb->n - 1] < 255)
				kb->r[kb->n - 1]++;
		} else {
			static const unsigned char ones[4] = { 1, 1, 1, 1 }, zeros[4] = { 0 };
			kb_add(kb, s + i, letter ? ones : zeros, l);
			if (!w->first) {
				w->first = l;
				w->letter_first = letter;
			}
			w->letter_last = letter;
			have_prev = letter;
			prev = i;
			prev_len = l;
		}
		i += l;
	}
	w->kn = kb->n - w->ko;
}

static size_t hash_more(size_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static void key_lookup(const struct lexicon *lx, const struct keybuf *key, size_t h, size_t a, size_t b,
		       void (*hit)(void *arg, size_t term, size_t a, size_t b), void *arg)
{
	for (size_t ki = lx->slots[h & (lx->n_slots - 1)]; ki; ki = lx->keys[ki - 1].next) {
		const struct lex_key *k = &lx->keys[ki - 1];
		if (k->len != key->n || memcmp(k->key, key->k, key->n) != 0)
			continue;
		bool longer = true;
		for (size_t r = 0; r < key->n && longer; r++)
			longer = key->r[r] >= k->runs[r];
		if (longer)
			hit(arg, k->term, a, b);
	}
}

/*
 * Every whole-word term in the deobfuscated text.  Each word is squeezed
 * once; a phrase's key grows from the previous one (plain: a space and the
 * next word; joined: the next word, its first run merged into the last one
 * when the letter is the same, as squeezing the words run together would),
 * and stops once it is no key's prefix (a set of every key prefix's hash).
 */
static void key_match(const struct lexicon *lx, const struct norm *deob,
		      void (*hit)(void *arg, size_t term, size_t a, size_t b), void *arg)
{
	const char *s = deob->s;
	size_t n = deob->len, nw = 0, wcap = 0, i = 0;
	struct word *w = NULL;
	struct keybuf sq = { 0 }, key = { 0 };

	/* a word's key is no longer than the word; a phrase's adds spaces */
	kb_reserve(&sq, n + 1);
	kb_reserve(&key, n + lx->max_words + 1);
	size_t j;
	while (next_word(s, n, &i, &j)) {
		w = xgrow(w, &wcap, nw + 1, sizeof *w);
		w[nw].a = i;
		w[nw].b = j;
		squeeze_word(&sq, s, i, j, &w[nw]);
		nw++;
		i = j;
	}
	for (size_t first = 0; first < nw; first++) {
		for (int joined = 0; joined < 2; joined++) {
			size_t h = 1469598103934665603u;
			key.n = 0;
			for (size_t last = first; last < nw && last - first < lx->max_words; last++) {
				const struct word *x = &w[last];
				const char *xk = sq.k + x->ko;
				const unsigned char *xr = sq.r + x->ko;
				if (last > first) {
					/* words of a phrase: only spaces, hyphens, apostrophes between */
					bool ok = true;
					for (size_t k = w[last - 1].b; k < x->a && ok; k++)
						ok = s[k] == ' ' || s[k] == '-' || s[k] == '\'' || s[k] == '\t' || s[k] == '\n';
					if (!ok)
						break;
				}
				if (last > first && !joined) {
					static const unsigned char zero = 0;
					kb_add(&key, " ", &zero, 1);
					h = hash_more(h, " ", 1);
				}
				size_t skip = 0;
				if (last > first && joined) {
					/* one word: the run may continue across the join */
					const struct word *pw = &w[last - 1];
					size_t pl = 0;
					/* the last character of the key is the previous word's */
					const char *pk = sq.k + pw->ko + pw->kn;
					while (pl < pw->kn && ((unsigned char)pk[-1 - (ptrdiff_t)pl] & 0xC0) == 0x80)
						pl++;
					pl++;
					if (pw->letter_last && x->letter_first && pl == x->first &&
					    memcmp(pk - pl, xk, pl) == 0) {
						unsigned v = key.r[key.n - 1] + xr[x->first - 1];
						key.r[key.n - 1] = (unsigned char)(v > 255 ? 255 : v);
						skip = x->first;
					}
				}
				kb_add(&key, xk + skip, xr + skip, x->kn - skip);
				h = hash_more(h, xk + skip, x->kn - skip);
				if (key.n > lx->max_key || !prefix_has(lx, h))
					break;          /* no key starts so; the key only grows */
				if (joined && last == first)
					continue;       /* one word: the plain pass has it */
				key_lookup(lx, &key, h, w[first].a, x->b, hit, arg);
			}
		}
	}
	free(w);
	free(sq.k);
	free(sq.r);
	free(key.k);
	free(key.r);
}

/* Compiles items [from, from+n) (term indexes into `idx`, or exception
 * strings) as one alternation; splits in two when the pattern is too large. */
static int compile_group(struct lexicon *lx, struct lex_set *set, const size_t *idx, size_t n,
			 bool words, bool exceptions, struct cs_error *err)
{
	struct buf b = BUF_INIT(0);
	char msg[300];
	int rc = -1;

	if (n == 0)
		return 0;
	if (words)
		buf_adds(&b, "(?<![\\p{L}\\p{N}])(?:");
	else
		buf_adds(&b, "(?:");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_add(&b, "|", 1);
		if (exceptions) {
			rx_escape(&b, lx->exceptions.v[idx[i]]);
		} else {
			term_pattern(&b, lx->t[idx[i]].text);
			buf_addf(&b, "(*MARK:%zu)", idx[i]);
		}
	}
	buf_adds(&b, words ? ")(?![\\p{L}\\p{N}])" : ")");
	set->v = xgrow(set->v, &set->cap, set->n + 1, sizeof *set->v);
	int code = rx_compile(&set->v[set->n], buf_str(&b), msg, sizeof msg);
	if (code == 0) {
		set->n++;
		rc = 0;
	} else if (code == PCRE2_ERROR_PATTERN_TOO_LARGE && n > 1) {
		rc = compile_group(lx, set, idx, n / 2, words, exceptions, err);
		if (rc == 0)
			rc = compile_group(lx, set, idx + n / 2, n - n / 2, words, exceptions, err);
	} else {
		cs_error_set(err, 2, "cannot compile lexicon term near '%s': %s",
			     exceptions ? lx->exceptions.v[idx[0]] : lx->t[idx[0]].text, msg);
	}
	buf_release(&b);
	return rc;
}

struct by_len {
	size_t len, idx;
};

/* Longer terms first, so that an alternation prefers "fuckwit" to "fuck". */
static int by_length(const void *a, const void *b)
{
	const struct by_len *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? 1 : -1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static void sort_terms(const struct lexicon *lx, size_t *idx, size_t n)
{
	struct by_len *v = xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		v[i].len = strlen(lx->t[idx[i]].text);
		v[i].idx = idx[i];
	}
	qsort(v, n, sizeof *v, by_length);
	for (size_t i = 0; i < n; i++)
		idx[i] = v[i].idx;
	free(v);
}

static bool ascii_word(const char *s)
{
	for (; *s; s++)
		if (*s < 'a' || *s > 'z')
			return false;
	return true;
}

int lexicon_compile(struct lexicon *lx, struct cs_error *err)
{
	size_t *whole = xcalloc(lx->n_t + 1, sizeof *whole);
	size_t *part = xcalloc(lx->n_t + 1, sizeof *part);
	size_t *exc = xcalloc(lx->exceptions.n + 1, sizeof *exc);
	size_t nw = 0, np = 0;
	int rc = -1;

	lx->masked = xcalloc(lx->n_t + 1, sizeof *lx->masked);
	for (size_t i = 0; i < lx->n_t; i++) {
		whole[nw++] = i;
		if (lx->e[lx->t[i].entry].partial)
			part[np++] = i;
		if (ascii_word(lx->t[i].text) && strlen(lx->t[i].text) >= 3)
			lx->masked[lx->n_masked++] = i;
	}
	sort_terms(lx, whole, nw);
	sort_terms(lx, part, np);
	/* every term compiles as a pattern (the check that it is one) ... */
	for (size_t i = 0; i < nw; i += LEX_CHUNK)
		if (compile_group(lx, &lx->whole, whole + i, nw - i < LEX_CHUNK ? nw - i : LEX_CHUNK,
				  true, false, err) < 0)
			goto out;
	/* ... but whole words are looked up by key, much faster than a scan */
	set_release(&lx->whole);
	build_keys(lx);
	for (size_t i = 0; i < np; i += LEX_CHUNK)
		if (compile_group(lx, &lx->part, part + i, np - i < LEX_CHUNK ? np - i : LEX_CHUNK,
				  false, false, err) < 0)
			goto out;
	for (size_t i = 0; i < lx->exceptions.n; i++)
		exc[i] = i;
	for (size_t i = 0; i < lx->exceptions.n; i += LEX_CHUNK)
		if (compile_group(lx, &lx->exc, exc + i,
				  lx->exceptions.n - i < LEX_CHUNK ? lx->exceptions.n - i : LEX_CHUNK,
				  true, true, err) < 0)
			goto out;
	rc = 0;
out:
	free(whole);
	free(part);
	free(exc);
	return rc;
}

struct span {
	size_t a, b;
};

struct hits {
	struct lex_hit *v;
	size_t n, cap;
};

static bool covered(const struct span *ex, size_t n_ex, size_t a, size_t b)
{
	for (size_t i = 0; i < n_ex; i++)
		if (ex[i].a <= a && b <= ex[i].b)
			return true;
	return false;
}

static void add_hit(struct hits *h, const struct norm *deob, size_t entry, size_t a, size_t b,
		    bool masked, const char *orig_norm)
{
	struct lex_hit hit = { .entry = entry, .masked = masked };
	norm_span(deob, a, b, &hit.start, &hit.end);
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].start == hit.start && h->v[i].end == hit.end && h->v[i].entry == entry)
			return;
	(void)orig_norm;
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n++] = hit;
}

static bool is_lt(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* '*' stands for a letter; '#' too inside a word. */
static void masked_match(const struct lexicon *lx, const struct norm *deob, struct hits *h)
{
	const unsigned char *s = (const unsigned char *)deob->s;
	size_t n = deob->len, i = 0;
	while (i < n) {
		if (!is_lt(s[i]) || (i > 0 && (is_lt(s[i - 1]) || s[i - 1] == '*'))) {
			i++;
			continue;
		}
		size_t j = i, masks = 0;
		while (j < n && (is_lt(s[j]) || s[j] == '*' || (s[j] == '#' && j > i))) {
			if (s[j] == '*' || s[j] == '#')
				masks++;
			j++;
		}
		size_t len = j - i;
		if (masks == 0 || len < 3 || len > 24 || masks == len) {
			i = j;
			continue;
		}
		size_t best = (size_t)-1;
		int best_score = -1;
		for (size_t k = 0; k < lx->n_masked; k++) {
			const struct lex_term *t = &lx->t[lx->masked[k]];
			if (strlen(t->text) != len)
				continue;
			size_t m;
			for (m = 0; m < len; m++) {
				if (s[i + m] == '*' || s[i + m] == '#')
					continue;
				if ((unsigned char)t->text[m] != s[i + m])
					break;
			}
			if (m < len)
				continue;
			const struct lex_entry *e = &lx->e[t->entry];
			int score = e->severity * 2 + (strcmp(e->group, "profanity") == 0);
			if (score > best_score) {
				best_score = score;
				best = t->entry;
			}
		}
		if (best != (size_t)-1)
			add_hit(h, deob, best, i, j, true, NULL);
		i = j;
	}
}

/* A hit before the exceptions are applied: [a, b) the match, [wa, wb) the
 * whole word around a partial one (else the match).  The exception groups
 * are scanned only when there is a candidate: most items have none. */
struct cand {
	size_t term, a, b, wa, wb;
};

struct cands {
	struct cand *v;
	size_t n, cap;
};

static void cand_push(struct cands *c, size_t term, size_t a, size_t b, size_t wa, size_t wb)
{
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n].term = term;
	c->v[c->n].a = a;
	c->v[c->n].b = b;
	c->v[c->n].wa = wa;
	c->v[c->n].wb = wb;
	c->n++;
}

static void key_hit(void *arg, size_t term, size_t a, size_t b)
{
	cand_push(arg, term, a, b, a, b);
}

void lexicon_match(const struct lexicon *lx, const struct norm *norm, const struct norm *deob,
		   struct rx_text *pres, struct lex_hit **hits, size_t *n)
{
	struct hits h = { NULL, 0, 0 };
	struct span *ex = NULL;
	size_t n_ex = 0, cap_ex = 0;
	struct cands cs = { NULL, 0, 0 };
	pcre2_match_data *md = rx_match_data();
	size_t pos, a, b;
	const char *mark;

	key_match(lx, deob, key_hit, &cs);
	for (int pass = 1; pass < 2; pass++) {
		const struct lex_set *set = &lx->part;
		for (size_t g = 0; g < set->n; g++) {
			pos = 0;
			if (!rx_may_match(&set->v[g], pres))
				continue;
			while (rx_next(&set->v[g], deob->s, deob->len, &pos, md, &a, &b, &mark)) {
				if (!mark || b <= a)
					continue;
				char *end;
				unsigned long ti = strtoul(mark, &end, 10);
				if (*end || ti >= lx->n_t)
					continue;
				size_t wa = a, wb = b;
				/* a partial match is judged by the whole word around it */
				if (pass) {
					while (wa > 0 && is_lt((unsigned char)deob->s[wa - 1]))
						wa--;
					while (wb < deob->len && is_lt((unsigned char)deob->s[wb]))
						wb++;
				}
				cand_push(&cs, ti, a, b, wa, wb);
			}
		}
	}
	for (size_t g = 0; cs.n && g < lx->exc.n; g++) {
		pos = 0;
		while (rx_next(&lx->exc.v[g], deob->s, deob->len, &pos, md, &a, &b, NULL)) {
			ex = xgrow(ex, &cap_ex, n_ex + 1, sizeof *ex);
			ex[n_ex].a = a;
			ex[n_ex].b = b;
			n_ex++;
		}
	}
	for (size_t i = 0; i < cs.n; i++)
		if (!covered(ex, n_ex, cs.v[i].wa, cs.v[i].wb) && !covered(ex, n_ex, cs.v[i].a, cs.v[i].b))
			add_hit(&h, deob, lx->t[cs.v[i].term].entry, cs.v[i].a, cs.v[i].b, false, NULL);
	free(cs.v);
	masked_match(lx, deob, &h);
	/* obfuscated: the original bytes do not read as the matched word
	 * (digits or symbols for letters, separators, accents) */
	for (size_t i = 0; i < h.n; i++) {
		struct lex_hit *x = &h.v[i];
		size_t lo = 0, hi = norm->len;
		bool plain = true;
		while (lo < hi) {       /* ostart is non-decreasing */
			size_t mid = lo + (hi - lo) / 2;
			if (norm->ostart[mid] < x->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t k = lo; k < norm->len && norm->ostart[k] < x->end; k++) {
			unsigned char c = (unsigned char)norm->s[k];
			if (!((c >= 'a' && c <= 'z') || c == ' ' || c == '-' || c == '\'')) {
				plain = false;
				break;
			}
		}
		x->obfuscated = !plain && !x->masked;
	}
	free(ex);
	rx_match_data_free(md);
	*hits = h.v;
	*n = h.n;
}

#include "scanner/policy/norm.h"

#include <jansson.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "scanner/xalloc.h"

struct fold_entry {
	int32_t cp;
	char rep[12];
};

struct norm_fold {
	struct fold_entry *v;
	size_t n;
};

static int fold_cmp(const void *a, const void *b)
{
	const struct fold_entry *x = a, *y = b;
	return (x->cp > y->cp) - (x->cp < y->cp);
}

struct norm_fold *norm_fold_parse(const char *file, const char *data, size_t len,
				  struct cs_error *err)
{
	json_error_t je;
	json_t *root = NULL;
	struct norm_fold *f = NULL;
	const char *key;
	json_t *val;

	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		cs_error_set(err, 2, "cannot load fold table '%s': %s (line %d)", file, je.text, je.line);
		goto out;
	}
	if (!json_is_object(root)) {
		cs_error_set(err, 2, "cannot load fold table '%s': not an object", file);
		goto out;
	}
	f = xcalloc(1, sizeof *f);
	f->v = xcalloc(json_object_size(root) + 1, sizeof *f->v);
	json_object_foreach(root, key, val) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)key, -1, &cp);
		const char *rep = json_string_value(val);
		if (l <= 0 || key[l] != '\0' || !rep || strlen(rep) >= sizeof f->v[0].rep) {
			cs_error_set(err, 2, "cannot load fold table '%s': bad entry '%s'", file, key);
			norm_fold_free(f);
			f = NULL;
			goto out;
		}
		f->v[f->n].cp = cp;
		memcpy(f->v[f->n].rep, rep, strlen(rep) + 1);
		f->n++;
	}
	qsort(f->v, f->n, sizeof *f->v, fold_cmp);
out:
	json_decref(root);
	return f;
}

void norm_fold_free(struct norm_fold *f)
{
	if (!f)
		return;
	free(f->v);
	free(f);
}

static const char *fold_find(const struct norm_fold *f, int32_t cp)
{
	if (!f || cp < 0x80)
		return NULL;
	struct fold_entry key = { .cp = cp };
	const struct fold_entry *e = bsearch(&key, f->v, f->n, sizeof *f->v, fold_cmp);
	return e ? e->rep : NULL;
}

/* The output under construction: bytes and their original ranges. */
struct nbuild {
	struct norm *t;
	size_t cap;
};

/* Room for n more bytes and the NUL. */
static void nb_reserve(struct nbuild *b, size_t n)
{
	struct norm *t = b->t;
	if (t->len + n + 1 > b->cap) {
		size_t cap = b->cap;
		t->s = xgrow(t->s, &cap, t->len + n + 1, 1);
		cap = b->cap;
		t->ostart = xgrow(t->ostart, &cap, t->len + n + 1, sizeof *t->ostart);
		cap = b->cap;
		t->oend = xgrow(t->oend, &cap, t->len + n + 1, sizeof *t->oend);
		b->cap = cap;
	}
}

static void nb_add(struct nbuild *b, const char *p, size_t n, size_t os, size_t oe)
{
	struct norm *t = b->t;
	if (t->len + n + 1 > b->cap)   /* rarely: the text's length is reserved up front */
		nb_reserve(b, n);
	for (size_t i = 0; i < n; i++) {
		t->s[t->len] = p[i];
		t->ostart[t->len] = os;
		t->oend[t->len] = oe;
		t->len++;
	}
}

static void nb_finish(struct nbuild *b, size_t orig_len)
{
	char nul = '\0';
	nb_add(b, &nul, 1, orig_len, orig_len);
	b->t->len--;
}

#define NORM_OPTIONS (UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | \
		      UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_LUMP)

/* What NORM_OPTIONS make of each ASCII character (the fold table has
 * none): that one ASCII character, or -1 for the general path. */
static int ascii_norm[128];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

static void ascii_init(void)
{
	for (int c = 0; c < 128; c++) {
		utf8proc_int32_t dec[32];
		int bound = 0;
		utf8proc_ssize_t nd = utf8proc_decompose_char(c, dec, 32, NORM_OPTIONS, &bound);
		ascii_norm[c] = nd == 1 && dec[0] >= 0 && dec[0] < 0x80 ? (int)dec[0] : -1;
	}
}

void norm_text(const char *s, size_t n, const struct norm_fold *fold, struct norm *out)
{
	struct nbuild b = { out, 0 };
	size_t pos = 0;

	memset(out, 0, sizeof *out);
	pthread_once(&ascii_once, ascii_init);
	nb_reserve(&b, n);      /* most text keeps its length */
	while (pos < n) {
		unsigned char c0 = (unsigned char)s[pos];
		if (c0 < 0x80 && ascii_norm[c0] >= 0) {
			char ch = (char)ascii_norm[c0];
			nb_add(&b, &ch, 1, pos, pos + 1);
			pos++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_int32_t dec[32];
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + pos,
						      (utf8proc_ssize_t)(n - pos), &cp);
		if (l <= 0) {
			nb_add(&b, " ", 1, pos, pos + 1);
			pos++;
			continue;
		}
		const char *rep = fold_find(fold, cp);
		if (rep) {
			nb_add(&b, rep, strlen(rep), pos, pos + (size_t)l);
			pos += (size_t)l;
			continue;
		}
		int bound = 0;
		utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 32, NORM_OPTIONS, &bound);
		if (nd < 0 || nd > 32) {
			dec[0] = cp;
			nd = 1;
		}
		for (utf8proc_ssize_t i = 0; i < nd; i++) {
			utf8proc_uint8_t enc[4];
			const char *r2 = fold_find(fold, dec[i]);
			if (r2) {
				nb_add(&b, r2, strlen(r2), pos, pos + (size_t)l);
				continue;
			}
			utf8proc_ssize_t el = utf8proc_encode_char(dec[i], enc);
			if (el > 0)
				nb_add(&b, (const char *)enc, (size_t)el, pos, pos + (size_t)l);
		}
		pos += (size_t)l;
	}
	nb_finish(&b, n);
}

char *norm_dup(const char *s, const struct norm_fold *fold)
{
	struct norm t;
	norm_text(s, strlen(s), fold, &t);
	char *r = t.s;
	t.s = NULL;
	norm_release(&t);
	return r;
}

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* The letter a leet character stands for, or 0. */
static char leet(unsigned char c)
{
	switch (c) {
	case '@': case '4': return 'a';
	case '1': case '!': case '|': return 'i';
	case '3': return 'e';
	case '0': return 'o';
	case '$': case '5': return 's';
	case '7': case '+': return 't';
	case '8': return 'b';
	case '9': return 'g';
	default: return 0;
	}
}

static bool is_sep(unsigned char c)
{
	return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == ',' ||
	       c == '~' || c == '/' || c == '\'';
}

void norm_deobfuscate(const struct norm *in, struct norm *out)
{
	struct nbuild b = { out, 0 };
	const unsigned char *s = (const unsigned char *)in->s;
	size_t n = in->len;
	char *lt = xmalloc(n + 1);     /* the text with leet mapped */
	size_t i = 0;

	memset(out, 0, sizeof *out);
	nb_reserve(&b, n);
	/* Leetspeak: only inside a run of word characters that holds a real
	 * letter, so "2023" and "£50" stay as they are; a '!' that ends the run
	 * is punctuation ("useless!"). */
	memcpy(lt, s, n);
	lt[n] = '\0';
	while (i < n) {
		if (!is_letter(s[i]) && !leet(s[i]) && !(s[i] >= '0' && s[i] <= '9')) {
			i++;
			continue;
		}
		size_t j = i;
		bool letters = false, leets = false;
		while (j < n && (is_letter(s[j]) || leet(s[j]) || (s[j] >= '0' && s[j] <= '9'))) {
			letters |= is_letter(s[j]);
			leets |= leet(s[j]) != 0;
			j++;
		}
		if (letters && leets) {
			size_t end = j;
			while (end > i && (s[end - 1] == '!' || s[end - 1] == '|'))
				end--;
			for (size_t k = i; k < end; k++)
				if (leet(s[k]))
					lt[k] = leet(s[k]);
		}
		i = j;
	}
	/* Single letters split by one separator: "f u c k", "f.u.c.k". */
	i = 0;
	while (i < n) {
		size_t k = i, count = 0, end = i;
		if (is_letter((unsigned char)lt[i]) && (i == 0 || !is_letter((unsigned char)lt[i - 1]))) {
			/* letters of length one, each followed by one separator */
			while (k < n && is_letter((unsigned char)lt[k]) && (unsigned char)lt[k] < 0x80 &&
			       (k + 1 >= n || !is_letter((unsigned char)lt[k + 1]))) {
				count++;
				end = k + 1;
				if (k + 2 < n && is_sep((unsigned char)lt[k + 1]) &&
				    is_letter((unsigned char)lt[k + 2]))
					k += 2;
				else
					break;
			}
		}
		if (count >= 3) {
			for (size_t m = i; m < end; m++)
				if (is_letter((unsigned char)lt[m]))
					nb_add(&b, &lt[m], 1, in->ostart[m], in->oend[m]);
			i = end;
			continue;
		}
		nb_add(&b, &lt[i], 1, in->ostart[i], in->oend[i]);
		i++;
	}
	nb_finish(&b, in->ostart[n]);
	free(lt);
}

void norm_span(const struct norm *t, size_t a, size_t b, size_t *start, size_t *end)
{
	if (a > t->len)
		a = t->len;
	if (b > t->len)
		b = t->len;
	*start = t->ostart[a];
	*end = b > a ? t->oend[b - 1] : t->ostart[a];
	if (*end < *start)
		*end = *start;
}

void norm_release(struct norm *t)
{
	free(t->s);
	free(t->ostart);
	free(t->oend);
	memset(t, 0, sizeof *t);
}

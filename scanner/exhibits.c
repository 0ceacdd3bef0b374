#define _GNU_SOURCE     /* tdestroy */
#include "scanner/exhibits.h"

#include <search.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/spool.h"
#include "scanner/xalloc.h"

void exhibit_own_raw(struct item *it)
{
	if (it->raw) {
		unsigned char *copy = xmalloc(it->raw_len ? it->raw_len : 1);
		memcpy(copy, it->raw, it->raw_len);
		it->raw = copy;
	}
}

void exhibit_item_free(struct item *it)
{
	free((void *)it->raw);
	item_release(it);
	free(it);
}

/* The string fields that can be large: all of an item's strings but the
 * ones the scan still reads after judging (id, in_reply_to for the
 * context, entry and source for the order and the messages). */
static const size_t stowable[] = {
	offsetof(struct item, text), offsetof(struct item, context),
	offsetof(struct item, author), offsetof(struct item, url),
	offsetof(struct item, in_reply_to_user), offsetof(struct item, counterpart),
	offsetof(struct item, relation), offsetof(struct item, field),
	offsetof(struct item, group), offsetof(struct item, time_text),
	offsetof(struct item, reaction),
};
#define N_STOWABLE (sizeof stowable / sizeof stowable[0])

struct exhibit_stow {
	struct spool *spool;
	bool has_raw;
	uint64_t raw_off;
	struct stowed {
		size_t field;   /* offsetof in struct item; 0: unused */
		uint64_t off;
		size_t len;
	} s[N_STOWABLE];
	size_t n;
};

static char **field_at(const struct item *it, size_t field)
{
	return (char **)((char *)it + field);
}

int exhibit_stow(struct spool *sp, struct item *it, struct exhibit_stow **stow)
{
	*stow = NULL;
	if (!sp)
		return CS_OK;
	struct exhibit_stow *w = xcalloc(1, sizeof *w);
	w->spool = sp;
	if (it->raw) {
		if (spool_put(sp, it->raw, it->raw_len, &w->raw_off) != CS_OK)
			goto fail;
		w->has_raw = true;
	}
	for (size_t i = 0; i < N_STOWABLE; i++) {
		char *v = *field_at(it, stowable[i]);
		size_t len = v ? strlen(v) : 0;
		if (len < EXHIBIT_STOW_MIN)
			continue;
		struct stowed *e = &w->s[w->n];
		if (spool_put(sp, v, len, &e->off) != CS_OK)
			goto fail;
		e->field = stowable[i];
		e->len = len;
		w->n++;
	}
	/* written: only now is anything freed */
	if (w->has_raw) {
		free((void *)it->raw);
		it->raw = NULL;
	}
	for (size_t i = 0; i < w->n; i++) {
		char **f = field_at(it, w->s[i].field);
		free(*f);
		*f = NULL;
	}
	*stow = w;
	return CS_OK;
fail:
	free(w);
	return CS_FATAL;
}

void exhibit_set_add(struct exhibit_set *s, struct item *it, struct exhibit_stow *stow,
		     struct finding_list *f)
{
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	struct exhibit *x = &s->v[s->n++];
	memset(x, 0, sizeof *x);
	x->item = it;
	x->stow = stow;
	x->findings = *f;
	memset(f, 0, sizeof *f);
}

void exhibit_set_context(struct exhibit *x, struct spool *sp, uint64_t off, size_t len)
{
	if (!x->stow) {
		x->stow = xcalloc(1, sizeof *x->stow);
		x->stow->spool = sp;
	}
	struct exhibit_stow *w = x->stow;
	for (size_t i = 0; i < w->n; i++)
		if (w->s[i].field == offsetof(struct item, context))
			return;         /* the item has its own */
	if (w->n == N_STOWABLE)
		return;
	w->s[w->n].field = offsetof(struct item, context);
	w->s[w->n].off = off;
	w->s[w->n].len = len;
	w->n++;
}

static int spool_failed(struct spool *sp, struct cs_error *err)
{
	const struct cs_error *e = spool_error(sp);
	cs_error_set(err, EXIT_OUTPUT, "%s", e->status ? e->msg : "cannot read the spool file");
	return CS_FATAL;
}

int exhibit_load(const struct exhibit *ex, size_t max, struct cs_error *err)
{
	const struct exhibit_stow *w = ex->stow;
	for (size_t i = 0; w && i < w->n; i++) {
		char **f = field_at(ex->item, w->s[i].field);
		if (*f)
			continue;
		size_t len = max && w->s[i].len > max ? max : w->s[i].len;
		char *v = xmalloc(len + 1);
		if (spool_get(w->spool, w->s[i].off, v, len) != CS_OK) {
			free(v);
			exhibit_unload(ex);
			return spool_failed(w->spool, err);
		}
		v[len] = '\0';
		*f = v;
	}
	return CS_OK;
}

void exhibit_unload(const struct exhibit *ex)
{
	const struct exhibit_stow *w = ex->stow;
	for (size_t i = 0; w && i < w->n; i++) {
		char **f = field_at(ex->item, w->s[i].field);
		free(*f);
		*f = NULL;
	}
}

int exhibit_raw_read(const struct exhibit *ex, uint64_t off, void *p, size_t n,
		     struct cs_error *err)
{
	const struct exhibit_stow *w = ex->stow;
	if (off > ex->item->raw_len || n > ex->item->raw_len - off) {
		cs_error_set(err, EXIT_OUTPUT, "cannot read exhibit %s: past its end", ex->id);
		return CS_FATAL;
	}
	if (w && w->has_raw)
		return spool_get(w->spool, w->raw_off + off, p, n) == CS_OK
			       ? CS_OK : spool_failed(w->spool, err);
	if (n)
		memcpy(p, ex->item->raw + off, n);
	return CS_OK;
}

size_t exhibit_full_length(const struct exhibit *ex, char *const *field)
{
	const struct exhibit_stow *w = ex->stow;
	for (size_t i = 0; w && i < w->n; i++)
		if (field_at(ex->item, w->s[i].field) == field)
			return w->s[i].len;
	return *field ? strlen(*field) : 0;
}

int exhibit_item_cmp(const struct item *a, const struct item *b)
{
	bool ta = a->time_source != ITEM_TIME_NONE, tb = b->time_source != ITEM_TIME_NONE;
	if (ta != tb)
		return ta ? -1 : 1;     /* items without a time last */
	if (ta && a->created_at != b->created_at)
		return a->created_at < b->created_at ? -1 : 1;
	if (a->source_index != b->source_index)
		return a->source_index < b->source_index ? -1 : 1;
	int c = strcmp(a->entry ? a->entry : "", b->entry ? b->entry : "");
	if (c)
		return c;
	if (a->ordinal != b->ordinal)
		return a->ordinal < b->ordinal ? -1 : 1;
	return 0;
}

static int cmp_exhibit(const void *pa, const void *pb)
{
	const struct exhibit *a = pa, *b = pb;
	return exhibit_item_cmp(a->item, b->item);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct finding *a = pa, *b = pb;
	return strcmp(a->rule, b->rule);
}

void exhibit_set_finish(struct exhibit_set *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof *s->v, cmp_exhibit);
	int width = 4;
	for (size_t n = s->n; n >= 10000 && width < 12; n /= 10)
		width++;
	for (size_t i = 0; i < s->n; i++) {
		struct exhibit *x = &s->v[i];
		snprintf(x->id, sizeof x->id, "E%0*u", width < 12 ? width : 12, (unsigned)(i + 1));
		if (x->findings.n > 1)
			qsort(x->findings.v, x->findings.n, sizeof *x->findings.v, cmp_finding);
	}
}

void exhibit_set_release(struct exhibit_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct exhibit *x = &s->v[i];
		if (x->attachment_files) {
			for (size_t a = 0; a < x->item->n_attachments; a++)
				free(x->attachment_files[a]);
			free(x->attachment_files);
		}
		exhibit_unload(x);
		free(x->stow);
		free((void *)x->item->raw);
		item_release(x->item);
		free(x->item);
		finding_list_release(&x->findings);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

void context_store_init(struct context_store *c, size_t max_bytes, struct spool *spool)
{
	memset(c, 0, sizeof *c);
	c->max_bytes = max_bytes;
	c->spool = spool;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Bytes an id really costs: the string and its allocation. */
static size_t cost(const char *s)
{
	return strlen(s) + 1 + 2 * sizeof(void *);
}

void context_store_want(struct context_store *c, const char *id)
{
	if (c->wanted && tfind(id, &c->wanted, cmp_id))
		return;
	size_t need = cost(id) + 4 * sizeof(void *);    /* the tree node */
	if (c->bytes + need > c->max_bytes) {
		c->full = 1;
		return;
	}
	char *copy = xstrdup(id);
	if (!tsearch(copy, &c->wanted, cmp_id)) {
		free(copy);
		return;
	}
	c->bytes += need;
}

void context_store_add(struct context_store *c, const char *id, const char *text)
{
	if (!c->wanted || !tfind(id, &c->wanted, cmp_id) || !c->spool || c->failed)
		return;
	size_t len = strlen(text);
	/* the text is on disk, but it counts: the cap bounds the spool too */
	size_t need = cost(id) + len + sizeof *c->v;
	if (c->bytes + need > c->max_bytes) {
		c->full = 1;
		return;
	}
	uint64_t off;
	if (spool_put(c->spool, text, len, &off) != CS_OK) {
		c->failed = 1;
		return;
	}
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n].id = xstrdup(id);
	c->v[c->n].off = off;
	c->v[c->n].len = len;
	c->v[c->n].seq = c->n;
	c->n++;
	c->bytes += need;
	c->sorted = 0;
}

static int cmp_ctx(const void *a, const void *b)
{
	return strcmp(((const struct context_entry *)a)->id, ((const struct context_entry *)b)->id);
}

/* Equal ids keep the order they were added in: the first one wins. */
static int cmp_ctx_seq(const void *pa, const void *pb)
{
	const struct context_entry *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	return c ? c : a->seq < b->seq ? -1 : a->seq > b->seq;
}

int context_store_find(struct context_store *c, const char *id, uint64_t *off, size_t *len)
{
	if (!c->sorted) {
		if (c->n > 1)
			qsort(c->v, c->n, sizeof *c->v, cmp_ctx_seq);
		c->sorted = 1;
	}
	struct context_entry key = {(char *)id, 0, 0, 0};
	struct context_entry *e = c->n ? bsearch(&key, c->v, c->n, sizeof *c->v, cmp_ctx) : NULL;
	while (e && e > c->v && strcmp(e[-1].id, id) == 0)
		e--;
	if (!e)
		return 0;
	*off = e->off;
	*len = e->len;
	return 1;
}

void context_store_release(struct context_store *c)
{
	if (c->wanted)
		tdestroy(c->wanted, free);
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].id);
	free(c->v);
	memset(c, 0, sizeof *c);
}

#define _GNU_SOURCE     /* tdestroy */
#include "scanner/exhibits.h"

#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void exhibit_set_add(struct exhibit_set *s, struct item *it, struct finding_list *f)
{
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	struct exhibit *x = &s->v[s->n++];
	memset(x, 0, sizeof *x);
	x->item = it;
	x->findings = *f;
	memset(f, 0, sizeof *f);
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
		free((void *)x->item->raw);
		item_release(x->item);
		free(x->item);
		finding_list_release(&x->findings);
	}
	free(s->v);
	memset(s, 0, sizeof *s);
}

void context_store_init(struct context_store *c, size_t max_bytes)
{
	memset(c, 0, sizeof *c);
	c->max_bytes = max_bytes;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Bytes an id or text really costs: the string and its allocation. */
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
	if (!c->wanted || !tfind(id, &c->wanted, cmp_id))
		return;
	size_t need = cost(id) + cost(text) + sizeof *c->v;
	if (c->bytes + need > c->max_bytes) {
		c->full = 1;
		return;
	}
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n].id = xstrdup(id);
	c->v[c->n].text = xstrdup(text);
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

const char *context_store_get(struct context_store *c, const char *id)
{
	if (!c->sorted) {
		if (c->n > 1)
			qsort(c->v, c->n, sizeof *c->v, cmp_ctx_seq);
		c->sorted = 1;
	}
	struct context_entry key = {(char *)id, NULL, 0};
	struct context_entry *e = c->n ? bsearch(&key, c->v, c->n, sizeof *c->v, cmp_ctx) : NULL;
	while (e && e > c->v && strcmp(e[-1].id, id) == 0)
		e--;
	return e ? e->text : NULL;
}

void context_store_release(struct context_store *c)
{
	if (c->wanted)
		tdestroy(c->wanted, free);
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].text);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

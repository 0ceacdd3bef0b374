#define _GNU_SOURCE     /* tdestroy */
#include "scanner/exhibits.h"

#include <search.h>
#include <stdbool.h>
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

/*
 * An exhibit in the spool (issue 7: memory must not grow with the number of
 * exhibits).  The whole record, item and findings, is serialised as it is
 * made and read back by exhibit_load one exhibit at a time; memory keeps
 * only what sorting, numbering and the end of the run need: the sort key,
 * where the record and the raw bytes are, and a few flags.
 *
 * The record: the item's struct as bytes (its scalars; the pointers in it
 * are dead and replaced on load), then each string field (u64 length, or
 * NO_STRING for NULL, then the bytes), the string lists, the attachments,
 * the findings (struct finding as bytes, then summary and matches).  A
 * finding's category, rule and citations point into the pack, which lives
 * until the writers are done: the spool never leaves the process.
 */
#define NO_STRING UINT64_MAX

/* Every string field of an item, in record order. */
static const size_t string_fields[] = {
	offsetof(struct item, id), offsetof(struct item, time_text),
	offsetof(struct item, author), offsetof(struct item, text),
	offsetof(struct item, url), offsetof(struct item, in_reply_to),
	offsetof(struct item, in_reply_to_user), offsetof(struct item, context),
	offsetof(struct item, counterpart), offsetof(struct item, relation),
	offsetof(struct item, field), offsetof(struct item, group),
	offsetof(struct item, reaction), offsetof(struct item, source),
	offsetof(struct item, entry),
};
#define N_STRINGS (sizeof string_fields / sizeof string_fields[0])
/* The ones exhibit_load cuts to `max` bytes: what an exhibit says, not
 * where it is (id, in_reply_to, source and entry are kept whole). */
static bool cuttable(size_t field)
{
	return field != offsetof(struct item, id) && field != offsetof(struct item, in_reply_to) &&
	       field != offsetof(struct item, source) && field != offsetof(struct item, entry);
}

enum {
	STOW_RAW = 1,           /* raw bytes at raw_off */
	STOW_ATTACHMENTS = 2,   /* the item has attachments to resolve */
	STOW_WANTS_CONTEXT = 4, /* a reply without a context of its own */
	STOW_SELF_ID = 8,       /* a self_identification finding */
	STOW_CUT = 16,          /* loaded with strings cut short: not to be saved */
};

struct exhibit_stow {
	struct spool *spool;
	uint64_t rec_off, raw_off;
	size_t rec_len;
	/* the sort key (exhibit_item_cmp) */
	int64_t created_at;
	uint64_t ordinal;
	const char *entry;      /* interned by the set (exhibit_set_add) */
	unsigned source_index;
	unsigned char time_source;
	unsigned char flags;
	unsigned char worst;    /* the worst severity of its findings */
	/* while loaded: the whole length of each string field */
	size_t *full;
};

static char **field_at(const struct item *it, size_t field)
{
	return (char **)((char *)it + field);
}

static void put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, &v, sizeof v);
}

static void put_str(struct buf *b, const char *s)
{
	if (!s) {
		put_u64(b, NO_STRING);
		return;
	}
	size_t n = strlen(s);
	put_u64(b, n);
	buf_add(b, s, n);
}

static void put_strlist(struct buf *b, const struct strlist *l)
{
	put_u64(b, l->n);
	for (size_t i = 0; i < l->n; i++)
		put_str(b, l->v[i]);
}

static void serialise(struct buf *b, const struct item *it, const struct finding_list *f)
{
	buf_add(b, it, sizeof *it);
	for (size_t i = 0; i < N_STRINGS; i++)
		put_str(b, *field_at(it, string_fields[i]));
	put_strlist(b, &it->tagged);
	put_strlist(b, &it->mentions);
	put_strlist(b, &it->hashtags);
	put_strlist(b, &it->urls);
	put_u64(b, it->n_attachments);
	for (size_t i = 0; i < it->n_attachments; i++) {
		put_str(b, it->attachments[i].ref);
		put_str(b, it->attachments[i].entry);
		buf_add(b, it->attachments[i].sha256, 32);
	}
	put_u64(b, f->n);
	for (size_t i = 0; i < f->n; i++) {
		buf_add(b, &f->v[i], sizeof f->v[i]);
		put_str(b, f->v[i].summary);
		buf_add(b, f->v[i].matches, f->v[i].n_matches * sizeof *f->v[i].matches);
	}
}

/* Reading a record back: a cursor that refuses to run past its end. */
struct rd {
	const char *p, *end;
	bool bad;
};

static void get(struct rd *r, void *out, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = true;
		memset(out, 0, n);
		return;
	}
	memcpy(out, r->p, n);
	r->p += n;
}

static uint64_t get_u64(struct rd *r)
{
	uint64_t v;
	get(r, &v, sizeof v);
	return v;
}

/* A string, cut to max bytes (0: whole) at a byte: the writers cut at a
 * character themselves.  *full: its whole length. */
static char *get_str(struct rd *r, size_t max, size_t *full)
{
	uint64_t n = get_u64(r);
	if (full)
		*full = n == NO_STRING ? 0 : (size_t)n;
	if (n == NO_STRING || r->bad)
		return NULL;
	if (n > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return NULL;
	}
	size_t keep = max && n > max ? max : (size_t)n;
	char *s = xmemdupz(r->p, keep);
	r->p += n;
	return s;
}

static void get_strlist(struct rd *r, struct strlist *l)
{
	uint64_t n = get_u64(r);
	for (uint64_t i = 0; i < n && !r->bad; i++) {
		char *s = get_str(r, 0, NULL);
		strlist_push_nodup(l, s ? s : xstrdup(""));
	}
}

static void deserialise(struct rd *r, struct item *it, struct finding_list *f, size_t max,
			size_t *full)
{
	get(r, it, sizeof *it);
	for (size_t i = 0; i < N_STRINGS; i++)
		*field_at(it, string_fields[i]) = NULL;
	memset(&it->tagged, 0, sizeof it->tagged);
	memset(&it->mentions, 0, sizeof it->mentions);
	memset(&it->hashtags, 0, sizeof it->hashtags);
	memset(&it->urls, 0, sizeof it->urls);
	it->attachments = NULL;
	it->n_attachments = 0;
	it->raw = NULL;
	for (size_t i = 0; i < N_STRINGS; i++)
		*field_at(it, string_fields[i]) =
			get_str(r, cuttable(string_fields[i]) ? max : 0, &full[i]);
	get_strlist(r, &it->tagged);
	get_strlist(r, &it->mentions);
	get_strlist(r, &it->hashtags);
	get_strlist(r, &it->urls);
	uint64_t na = get_u64(r);
	if (na && !r->bad && na <= (uint64_t)(r->end - r->p)) {
		it->attachments = xcalloc((size_t)na, sizeof *it->attachments);
		for (; it->n_attachments < na && !r->bad; it->n_attachments++) {
			struct item_attachment *a = &it->attachments[it->n_attachments];
			a->ref = get_str(r, 0, NULL);
			a->entry = get_str(r, 0, NULL);
			get(r, a->sha256, 32);
		}
	}
	memset(f, 0, sizeof *f);
	uint64_t nf = get_u64(r);
	if (nf && !r->bad && nf <= (uint64_t)(r->end - r->p)) {
		f->v = xcalloc((size_t)nf, sizeof *f->v);
		f->cap = (size_t)nf;
		for (; f->n < nf && !r->bad; f->n++) {
			struct finding *x = &f->v[f->n];
			get(r, x, sizeof *x);
			x->summary = get_str(r, 0, NULL);
			x->matches = NULL;
			size_t mb = x->n_matches * sizeof *x->matches;
			if (x->n_matches > (size_t)(r->end - r->p) / sizeof *x->matches) {
				r->bad = true;
				x->n_matches = 0;
				break;
			}
			x->matches = xmalloc(mb ? mb : 1);
			get(r, x->matches, mb);
		}
	}
}

/* Writes the record of (it, f) to the spool: w->rec_off, rec_len. */
static int put_record(struct exhibit_stow *w, const struct item *it,
		      const struct finding_list *f)
{
	struct buf b = BUF_INIT(0);
	serialise(&b, it, f);
	int rc = spool_put(w->spool, b.p, b.len, &w->rec_off);
	w->rec_len = b.len;
	buf_release(&b);
	return rc;
}

static int cmp_finding(const void *pa, const void *pb);

int exhibit_stow(struct spool *sp, struct item *it, struct finding_list *f,
		 struct exhibit_stow **stow)
{
	*stow = NULL;
	if (!sp)
		return CS_OK;
	/* in their final order: the record is not rewritten to sort them */
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, cmp_finding);
	struct exhibit_stow *w = xcalloc(1, sizeof *w);
	w->spool = sp;
	if (it->raw) {
		if (spool_put(sp, it->raw, it->raw_len, &w->raw_off) != CS_OK)
			goto fail;
		w->flags |= STOW_RAW;
	}
	const unsigned char *raw = it->raw;
	it->raw = NULL;         /* not part of the record */
	int rc = put_record(w, it, f);
	it->raw = raw;
	if (rc != CS_OK)
		goto fail;
	w->created_at = it->created_at;
	w->ordinal = it->ordinal;
	w->source_index = it->source_index;
	w->time_source = (unsigned char)it->time_source;
	if (it->n_attachments)
		w->flags |= STOW_ATTACHMENTS;
	if (it->in_reply_to && !it->context)
		w->flags |= STOW_WANTS_CONTEXT;
	for (size_t i = 0; i < f->n; i++) {
		if (f->v[i].category && !strcmp(f->v[i].category, "self_identification"))
			w->flags |= STOW_SELF_ID;
		if ((unsigned)f->v[i].severity > w->worst)
			w->worst = (unsigned char)f->v[i].severity;
	}
	*stow = w;
	return CS_OK;
fail:
	free(w);
	return CS_FATAL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void update_worst(struct exhibit_set *s, const struct finding_list *f)
{
	for (size_t i = 0; i < f->n; i++)
		if ((int)f->v[i].severity > s->worst)
			s->worst = (int)f->v[i].severity;
}

void exhibit_set_add(struct exhibit_set *s, struct item *it, struct exhibit_stow *stow,
		     struct finding_list *f)
{
	if (!s->n)
		s->worst = -1;
	update_worst(s, f);
	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof *s->v);
	struct exhibit *x = &s->v[s->n++];
	memset(x, 0, sizeof *x);
	x->stow = stow;
	if (!stow) {
		x->item = it;
		x->findings = *f;
		memset(f, 0, sizeof *f);
		return;
	}
	/* the record has it all: memory keeps the key, with one copy of
	 * each entry path for all the exhibits from that entry */
	const char *entry = it->entry ? it->entry : "";
	void *node = tfind(entry, &s->entries, cmp_str);
	if (!node)
		node = tsearch(xstrdup(entry), &s->entries, cmp_str);
	stow->entry = node ? *(const char **)node : "";
	finding_list_release(f);
	exhibit_item_free(it);
}

int exhibit_set_worst(const struct exhibit_set *s)
{
	return s->n ? s->worst : -1;
}

bool exhibit_self_identifies(const struct exhibit *x)
{
	if (x->stow)
		return x->stow->flags & STOW_SELF_ID;
	for (size_t f = 0; f < x->findings.n; f++)
		if (x->findings.v[f].category &&
		    !strcmp(x->findings.v[f].category, "self_identification"))
			return true;
	return false;
}

bool exhibit_wants_context(const struct exhibit *x)
{
	return x->stow ? x->stow->flags & STOW_WANTS_CONTEXT
		       : x->item->in_reply_to && !x->item->context;
}

bool exhibit_has_attachments(const struct exhibit *x)
{
	return x->stow ? x->stow->flags & STOW_ATTACHMENTS : x->item->n_attachments > 0;
}

int exhibit_save(struct exhibit *x, struct cs_error *err)
{
	struct exhibit_stow *w = x->stow;
	if (!w || !x->item)
		return CS_OK;
	if (w->flags & STOW_CUT) {
		cs_error_set(err, EXIT_OUTPUT, "cannot save exhibit %s: it was loaded cut", x->id);
		return CS_FATAL;
	}
	if (put_record(w, x->item, &x->findings) != CS_OK) {
		const struct cs_error *e = spool_error(w->spool);
		cs_error_set(err, EXIT_OUTPUT, "%s", e->status ? e->msg : "cannot write the spool file");
		return CS_FATAL;
	}
	w->flags &= (unsigned char)~(STOW_ATTACHMENTS | STOW_WANTS_CONTEXT);
	if (x->item->n_attachments)
		w->flags |= STOW_ATTACHMENTS;
	if (x->item->in_reply_to && !x->item->context)
		w->flags |= STOW_WANTS_CONTEXT;
	return CS_OK;
}

static int spool_failed(struct spool *sp, struct cs_error *err)
{
	const struct cs_error *e = spool_error(sp);
	cs_error_set(err, EXIT_OUTPUT, "%s", e->status ? e->msg : "cannot read the spool file");
	return CS_FATAL;
}

int exhibit_load(const struct exhibit *ex, size_t max, struct cs_error *err)
{
	struct exhibit_stow *w = ex->stow;
	if (!w || ex->item)
		return CS_OK;
	/* the exhibit is the set's, not const: loading fills its item and
	 * findings in, exhibit_unload empties them again */
	struct exhibit *m = (struct exhibit *)ex;
	char *rec = xmalloc(w->rec_len ? w->rec_len : 1);
	if (spool_get(w->spool, w->rec_off, rec, w->rec_len) != CS_OK) {
		free(rec);
		return spool_failed(w->spool, err);
	}
	struct rd r = {rec, rec + w->rec_len, false};
	struct item *it = xcalloc(1, sizeof *it);
	w->full = xcalloc(N_STRINGS, sizeof *w->full);
	deserialise(&r, it, &m->findings, max, w->full);
	free(rec);
	m->item = it;
	for (size_t i = 0; max && i < N_STRINGS; i++)
		if (w->full[i] > max && cuttable(string_fields[i]))
			w->flags |= STOW_CUT;
	if (r.bad) {
		exhibit_unload(ex);
		cs_error_set(err, EXIT_OUTPUT, "cannot read exhibit %s back from the spool file", ex->id);
		return CS_FATAL;
	}
	return CS_OK;
}

void exhibit_unload(const struct exhibit *ex)
{
	struct exhibit_stow *w = ex->stow;
	if (!w || !ex->item)
		return;
	struct exhibit *m = (struct exhibit *)ex;
	item_release(m->item);
	free(m->item);
	m->item = NULL;
	finding_list_release(&m->findings);
	free(w->full);
	w->full = NULL;
	w->flags &= (unsigned char)~STOW_CUT;
}

int exhibit_raw_read(const struct exhibit *ex, uint64_t off, void *p, size_t n,
		     struct cs_error *err)
{
	const struct exhibit_stow *w = ex->stow;
	if (!ex->item || off > ex->item->raw_len || n > ex->item->raw_len - off) {
		cs_error_set(err, EXIT_OUTPUT, "cannot read exhibit %s: past its end", ex->id);
		return CS_FATAL;
	}
	if (w && (w->flags & STOW_RAW))
		return spool_get(w->spool, w->raw_off + off, p, n) == CS_OK
			       ? CS_OK : spool_failed(w->spool, err);
	if (n)
		memcpy(p, ex->item->raw + off, n);
	return CS_OK;
}

size_t exhibit_full_length(const struct exhibit *ex, char *const *field)
{
	const struct exhibit_stow *w = ex->stow;
	for (size_t i = 0; w && w->full && i < N_STRINGS; i++)
		if (field_at(ex->item, string_fields[i]) == field)
			return w->full[i];
	return *field ? strlen(*field) : 0;
}

const char *exhibit_entry(const struct exhibit *ex)
{
	if (ex->item)
		return ex->item->entry;
	return ex->stow ? ex->stow->entry : NULL;
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

/* The key exhibit_item_cmp reads, from the item or from the stow. */
static void key_of(const struct exhibit *x, struct item *k)
{
	if (!x->stow) {
		*k = *x->item;
		return;
	}
	k->time_source = (enum time_source)x->stow->time_source;
	k->created_at = x->stow->created_at;
	k->source_index = x->stow->source_index;
	k->entry = (char *)x->stow->entry;
	k->ordinal = x->stow->ordinal;
}

static int cmp_exhibit(const void *pa, const void *pb)
{
	struct item a, b;
	key_of(pa, &a);
	key_of(pb, &b);
	return exhibit_item_cmp(&a, &b);
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
		/* a stowed exhibit's findings were sorted as it was stowed */
		if (x->findings.n > 1)
			qsort(x->findings.v, x->findings.n, sizeof *x->findings.v, cmp_finding);
	}
}

void exhibit_set_release(struct exhibit_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct exhibit *x = &s->v[i];
		exhibit_unload(x);
		if (x->attachment_files) {
			for (size_t a = 0; x->item && a < x->item->n_attachments; a++)
				free(x->attachment_files[a]);
			free(x->attachment_files);
		}
		free(x->stow);
		if (x->item) {
			free((void *)x->item->raw);
			item_release(x->item);
			free(x->item);
		}
		finding_list_release(&x->findings);
	}
	free(s->v);
	if (s->entries)
		tdestroy(s->entries, free);
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

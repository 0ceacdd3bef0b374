#include "formats/format.h"

#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/error.h"
#include "scanner/warnings.h"
#include "scanner/xalloc.h"

static const char *const kind_names[ITEM_KIND_COUNT] = {
	"post", "share", "comment", "like", "tag", "connection", "message", "profile", "group",
};

const char *item_kind_name(enum item_kind k)
{
	return (unsigned)k < ITEM_KIND_COUNT ? kind_names[k] : "unknown";
}

int item_kind_parse(const char *s)
{
	for (int i = 0; i < ITEM_KIND_COUNT; i++)
		if (strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

void item_init(struct item *it)
{
	memset(it, 0, sizeof *it);
	it->offset = it->length = -1;
}

void item_release(struct item *it)
{
	char **owned[] = {&it->id, &it->time_text, &it->author, &it->text, &it->url,
			  &it->in_reply_to, &it->in_reply_to_user, &it->context,
			  &it->counterpart, &it->relation, &it->field, &it->group,
			  &it->reaction, &it->source, &it->entry};
	for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
		free(*owned[i]);
	strlist_release(&it->tagged);
	strlist_release(&it->mentions);
	strlist_release(&it->hashtags);
	strlist_release(&it->urls);
	for (size_t i = 0; i < it->n_attachments; i++) {
		free(it->attachments[i].ref);
		free(it->attachments[i].entry);
	}
	free(it->attachments);
	item_init(it);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void copy_list(struct strlist *dst, const struct strlist *src)
{
	*dst = (struct strlist)STRLIST_INIT;
	for (size_t i = 0; i < src->n; i++)
		strlist_push(dst, src->v[i]);
}

void item_copy(struct item *dst, const struct item *src)
{
	*dst = *src;
	char **fields[] = {&dst->id, &dst->time_text, &dst->author, &dst->text, &dst->url,
			   &dst->in_reply_to, &dst->in_reply_to_user, &dst->context,
			   &dst->counterpart, &dst->relation, &dst->field, &dst->group,
			   &dst->reaction, &dst->source, &dst->entry};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		*fields[i] = dup_or_null(*fields[i]);
	copy_list(&dst->tagged, &src->tagged);
	copy_list(&dst->mentions, &src->mentions);
	copy_list(&dst->hashtags, &src->hashtags);
	copy_list(&dst->urls, &src->urls);
	dst->attachments = NULL;
	dst->n_attachments = 0;
	if (src->n_attachments) {
		dst->attachments = xcalloc(src->n_attachments, sizeof *dst->attachments);
		for (size_t i = 0; i < src->n_attachments; i++) {
			dst->attachments[i] = src->attachments[i];
			dst->attachments[i].ref = dup_or_null(src->attachments[i].ref);
			dst->attachments[i].entry = dup_or_null(src->attachments[i].entry);
		}
		dst->n_attachments = src->n_attachments;
	}
	dst->raw = NULL;
	dst->raw_len = 0;
}

void item_set_span(struct item *it, int64_t offset, const void *bytes, size_t len)
{
	it->offset = offset;
	it->length = (int64_t)len;
	unsigned int n = 0;
	EVP_Digest(bytes, len, it->sha256, &n, EVP_sha256(), NULL);
	it->raw = bytes;
	it->raw_len = len;
}

void item_set_span_hashed(struct item *it, int64_t offset, const void *bytes, size_t len,
			  const unsigned char sha256[32])
{
	it->offset = offset;
	it->length = (int64_t)len;
	memcpy(it->sha256, sha256, 32);
	it->raw = bytes;
	it->raw_len = len;
}

void item_add_attachment(struct item *it, const char *ref)
{
	it->attachments = xrealloc(it->attachments, (it->n_attachments + 1) * sizeof *it->attachments);
	struct item_attachment *a = &it->attachments[it->n_attachments++];
	memset(a, 0, sizeof *a);
	a->ref = xstrdup(ref);
}

void item_set(char **field, const char *value)
{
	free(*field);
	*field = dup_or_null(value);
}

void account_add_work(struct account *a, const char *employer, const char *title,
		      const char *description, const char *start, const char *end)
{
	a->work = xrealloc(a->work, (a->n_work + 1) * sizeof *a->work);
	struct account_work *w = &a->work[a->n_work++];
	w->employer = dup_or_null(employer);
	w->title = dup_or_null(title);
	w->description = dup_or_null(description);
	w->start = dup_or_null(start);
	w->end = dup_or_null(end);
}

void account_release(struct account *a)
{
	free(a->handle);
	free(a->display_name);
	free(a->bio);
	free(a->location);
	strlist_release(&a->emails);
	strlist_release(&a->phones);
	strlist_release(&a->websites);
	for (size_t i = 0; i < a->n_work; i++) {
		free(a->work[i].employer);
		free(a->work[i].title);
		free(a->work[i].description);
		free(a->work[i].start);
		free(a->work[i].end);
	}
	free(a->work);
	memset(a, 0, sizeof *a);
}

/* ---- the context ---------------------------------------------------- */

struct format_ctx {
	int (*emit)(void *arg, struct item *it);
	void *arg;
	struct warnings *warnings;
	struct warnings own_warnings;
	struct account *account;
	struct account own_account;
	size_t element_cap;
	unsigned jobs;
	unsigned source_index;
	const char *source;
	unsigned entry_index;
	const char *entry;
	uint64_t ordinal;
	const char *layout;
	const char *platform;
	void *state;
};

struct format_ctx *format_ctx_new(int (*emit)(void *arg, struct item *it), void *arg,
				  struct warnings *w, struct account *a, size_t element_cap)
{
	struct format_ctx *fc = xcalloc(1, sizeof *fc);
	fc->emit = emit;
	fc->arg = arg;
	fc->warnings = w ? w : &fc->own_warnings;
	fc->account = a ? a : &fc->own_account;
	fc->element_cap = element_cap ? element_cap : 64u << 20;
	fc->jobs = 1;
	fc->source = "";
	fc->entry = "";
	return fc;
}

void format_ctx_free(struct format_ctx *fc, const struct format_ops *ops)
{
	if (!fc)
		return;
	if (fc->state && ops && ops->state_free)
		ops->state_free(fc->state);
	warnings_release(&fc->own_warnings);
	account_release(&fc->own_account);
	free(fc);
}

void format_ctx_set_platform(struct format_ctx *fc, const char *platform)
{
	fc->platform = platform;
}

void format_ctx_set_jobs(struct format_ctx *fc, unsigned jobs)
{
	fc->jobs = jobs;
}

unsigned format_jobs(const struct format_ctx *fc)
{
	return fc->jobs;
}

void format_ctx_set_source(struct format_ctx *fc, unsigned source_index, const char *source)
{
	fc->source_index = source_index;
	fc->source = source;
	fc->layout = NULL;
}

void format_ctx_set_entry(struct format_ctx *fc, unsigned entry_index, const char *entry)
{
	fc->entry_index = entry_index;
	fc->entry = entry;
	fc->ordinal = 0;
}

const char *format_ctx_layout(const struct format_ctx *fc)
{
	return fc->layout;
}

const struct warnings *format_ctx_warnings(const struct format_ctx *fc)
{
	return fc->warnings;
}

struct account *format_ctx_account(struct format_ctx *fc)
{
	return fc->account;
}

const char *format_entry_path(const struct format_ctx *fc)
{
	return fc->entry;
}

const char *format_source_path(const struct format_ctx *fc)
{
	return fc->source;
}

struct account *format_account(struct format_ctx *fc)
{
	return fc->account;
}

void format_set_layout(struct format_ctx *fc, const char *layout)
{
	fc->layout = layout;
}

void **format_state(struct format_ctx *fc)
{
	return &fc->state;
}

size_t format_element_cap(const struct format_ctx *fc)
{
	return fc->element_cap;
}

int format_emit(struct format_ctx *fc, struct item *it)
{
	struct item *copy = xmalloc(sizeof *copy);
	*copy = *it;            /* steals the owned fields */
	copy->source_index = fc->source_index;
	copy->entry_index = fc->entry_index;
	copy->ordinal = fc->ordinal++;
	if (!copy->platform)
		copy->platform = fc->platform;
	item_set(&copy->source, fc->source);
	item_set(&copy->entry, fc->entry);
	item_init(it);
	if (!fc->emit) {
		item_release(copy);
		free(copy);
		return CS_OK;
	}
	return fc->emit(fc->arg, copy);
}

void format_warn(struct format_ctx *fc, int64_t offset, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	warnings_vadd(fc->warnings, fc->source_index, fc->source, fc->entry_index, fc->entry, offset,
		      code, fmt, ap);
	va_end(ap);
}

/* ---- paths ---------------------------------------------------------- */

bool path_has_suffix(const char *path, const char *suffix)
{
	size_t lp = strlen(path), ls = strlen(suffix);
	if (ls > lp)
		return false;
	if (strcmp(path + lp - ls, suffix) != 0)
		return false;
	if (ls == lp)
		return true;
	char c = path[lp - ls - 1];
	return c == '/' || c == '!';
}

bool path_has_dir(const char *path, const char *dir)
{
	for (const char *p = path; (p = strstr(p, dir)) != NULL; p++)
		if (p == path || p[-1] == '/' || p[-1] == '!')
			return true;
	return false;
}

const char *path_basename(const char *path)
{
	const char *s = strrchr(path, '/');
	const char *b = strrchr(path, '!');
	if (b && (!s || b > s))
		s = b;
	return s ? s + 1 : path;
}

#define _GNU_SOURCE     /* qsort_r */
#include "scanner/pipeline.h"

#include <stdlib.h>
#include <string.h>

#include "formats/registry.h"
#include "scanner/workers.h"
#include "scanner/xalloc.h"

struct run_state {
	const struct pipeline_opts *o;
	struct pipeline_result *r;
	struct format_ctx **ctx;                /* one per format */
	const struct format_ops *const *formats;
	size_t n_formats;
	uint64_t entry_items;
	int fatal;
};

static int on_item(void *arg, struct item *it)
{
	struct run_state *st = arg;
	if ((unsigned)it->kind < ITEM_KIND_COUNT)
		st->r->counts[it->kind]++;
	st->entry_items++;
	if (!it->id)
		it->id = xasprintf("%s#%llu", it->entry ? it->entry : "", (unsigned long long)it->ordinal);
	if (!st->o->item) {
		item_release(it);
		free(it);
		return CS_OK;
	}
	int rc = st->o->item(st->o->arg, it);
	if (rc == CS_FATAL)
		st->fatal = 1;
	return rc;
}

static size_t format_index(const struct run_state *st, const struct format_ops *f)
{
	for (size_t i = 0; i < st->n_formats; i++)
		if (st->formats[i] == f)
			return i;
	return 0;
}

/* The source's platform and layout: the parser's own word first, then the
 * anchors over its entry paths, then the platform of whatever claimed its
 * entries. */
static void name_layout(struct run_state *st, struct source_info *si, size_t first_row,
			const struct format_ops *claimed)
{
	for (size_t f = 0; f < st->n_formats; f++) {
		const char *l = format_ctx_layout(st->ctx[f]);
		if (l) {
			si->layout = l;
			si->platform = st->formats[f]->platform;
			return;
		}
	}
	size_t n = st->r->n_manifest - first_row;
	const char **paths = xcalloc(n ? n : 1, sizeof *paths);
	for (size_t i = 0; i < n; i++)
		paths[i] = st->r->manifest[first_row + i].path;
	const struct format_ops *fmt = NULL;
	const char *layout = registry_layout(paths, n, &fmt);
	free(paths);
	if (layout) {
		si->layout = layout;
		si->platform = fmt->platform;
	} else if (claimed) {
		si->platform = claimed->platform;
	}
}

static int read_source(struct run_state *st, unsigned index, uint64_t *total, uint64_t *entries,
		       struct cs_error *err)
{
	const struct pipeline_opts *o = st->o;
	struct pipeline_result *r = st->r;
	const char *input = o->inputs[index];
	struct source *src = source_open(input, index, &o->limits, &r->warnings, total, entries, err);
	if (!src)
		return CS_FATAL;
	for (size_t f = 0; f < st->n_formats; f++)
		format_ctx_set_source(st->ctx[f], index, input);
	size_t first_row = r->n_manifest;
	const struct format_ops *claimed = NULL;
	const struct source_entry *e;
	int rc = CS_OK, nr;
	while ((nr = source_next(src, &e, err)) == 1) {
		size_t headn;
		const unsigned char *head = source_head(src, &headn);
		const struct format_ops *tie = NULL, *fmt = NULL;
		unsigned entry_index = (unsigned)(*entries - 1);
		if (e->type == ENTRY_FILE && !e->encrypted)
			fmt = registry_choose(e->path, head, headn, &tie);
		if (fmt && tie)
			warnings_add(&r->warnings, index, input, entry_index, e->path, -1, "format-tie",
				     "formats '%s' and '%s' bid the same for this entry; '%s' parsed it",
				     fmt->name, tie->name, fmt->name);
		st->entry_items = 0;
		if (fmt) {
			struct format_ctx *fc = st->ctx[format_index(st, fmt)];
			format_ctx_set_entry(fc, entry_index, e->path);
			int prc = fmt->parse(fc, source_stream(src));
			if (prc == CS_FATAL || st->fatal) {
				if (!err->status)
					cs_error_set(err, EXIT_INPUT, "cannot parse entry '%s' of '%s'",
						     e->path, input);
				rc = CS_FATAL;
				break;
			}
			if (!claimed)
				claimed = fmt;
		}
		r->manifest = xgrow(r->manifest, &r->cap_manifest, r->n_manifest + 1,
				    sizeof *r->manifest);
		struct manifest_row *row = &r->manifest[r->n_manifest];
		int frc = source_entry_finish(src, row, err);
		r->n_manifest++;
		/* an archive opened as part of the export was read: its
		 * entries are the rows that follow */
		row->format = fmt ? fmt->name : source_entry_opened(src) ? "archive" : NULL;
		row->items = st->entry_items;
		if (frc == CS_FATAL) {
			rc = CS_FATAL;
			break;
		}
	}
	if (nr < 0)
		rc = CS_FATAL;
	if (source_finish_info(src, err) != CS_OK)
		rc = CS_FATAL;
	struct source_info si;
	source_get_info(src, &si);
	struct source_info *out = &r->sources[index];
	*out = si;
	out->path = xstrdup(si.path);
	out->mime = si.mime ? xstrdup(si.mime) : NULL;
	out->platform = NULL;
	out->layout = NULL;
	name_layout(st, out, first_row, claimed);
	source_close(src);
	r->n_sources = index + 1;
	return rc;
}

int pipeline_run(const struct pipeline_opts *o, struct pipeline_result *r, struct cs_error *err)
{
	memset(r, 0, sizeof *r);
	struct run_state st = {.o = o, .r = r};
	st.formats = registry_formats(&st.n_formats);
	st.ctx = xcalloc(st.n_formats, sizeof *st.ctx);
	for (size_t f = 0; f < st.n_formats; f++) {
		st.ctx[f] = format_ctx_new(on_item, &st, &r->warnings, &r->account,
					   o->element_cap && o->element_cap < PIPELINE_MAX_ELEMENT
						   ? o->element_cap : PIPELINE_MAX_ELEMENT);
		format_ctx_set_platform(st.ctx[f], st.formats[f]->platform);
		format_ctx_set_jobs(st.ctx[f], o->jobs ? o->jobs : workers_cpus());
	}
	r->sources = xcalloc(o->n_inputs ? o->n_inputs : 1, sizeof *r->sources);
	uint64_t total = 0, entries = 0;
	int rc = CS_OK;
	for (size_t i = 0; i < o->n_inputs && rc == CS_OK; i++) {
		rc = read_source(&st, (unsigned)i, &total, &entries, err);
		if (rc != CS_OK)
			break;
		const char *p = r->sources[i].platform;
		if (p && r->platform && strcmp(p, r->platform) != 0) {
			cs_error_set(err, EXIT_USAGE,
				     "inputs of different platforms: '%s' is %s, an earlier input is %s "
				     "(scan each separately)",
				     o->inputs[i], p, r->platform);
			rc = CS_FATAL;
		} else if (p && !r->platform) {
			r->platform = p;
		}
	}
	r->entries = entries;
	r->account.platform = r->platform;
	for (size_t f = 0; f < st.n_formats; f++)
		format_ctx_free(st.ctx[f], st.formats[f]);
	free(st.ctx);
	warnings_sort(&r->warnings);
	return rc;
}

void pipeline_result_release(struct pipeline_result *r)
{
	for (size_t i = 0; i < r->n_sources; i++) {
		free(r->sources[i].path);
		free(r->sources[i].mime);
	}
	free(r->sources);
	for (size_t i = 0; i < r->n_manifest; i++) {
		free(r->manifest[i].path);
		free(r->manifest[i].mime);
		free(r->manifest[i].link);
	}
	free(r->manifest);
	warnings_release(&r->warnings);
	account_release(&r->account);
	memset(r, 0, sizeof *r);
}

/* Files that were read, by file name then reading order: every match of
 * a ref (exact path, path suffix, tail suffix, same file name) has the
 * ref's file name, so only those rows are ever compared, and finding the
 * exhibits' media takes time in proportion to them, not to exhibits times
 * entries. */
struct pipeline_index {
	const struct pipeline_result *r;
	size_t *rows;
	size_t n;
};

static int cmp_by_base(const void *pa, const void *pb, void *arg)
{
	const struct manifest_row *m = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = strcmp(path_basename(m[a].path), path_basename(m[b].path));
	return c ? c : (a < b ? -1 : a > b);
}

struct pipeline_index *pipeline_index_new(const struct pipeline_result *r)
{
	struct pipeline_index *ix = xcalloc(1, sizeof *ix);
	ix->r = r;
	ix->rows = xcalloc(r->n_manifest ? r->n_manifest : 1, sizeof *ix->rows);
	for (size_t i = 0; i < r->n_manifest; i++)
		if (r->manifest[i].type == ENTRY_FILE && r->manifest[i].hashed && r->manifest[i].path)
			ix->rows[ix->n++] = i;
	if (ix->n > 1)
		qsort_r(ix->rows, ix->n, sizeof *ix->rows, cmp_by_base, r->manifest);
	return ix;
}

void pipeline_index_free(struct pipeline_index *ix)
{
	if (!ix)
		return;
	free(ix->rows);
	free(ix);
}

void pipeline_resolve_attachments(const struct pipeline_index *ix, struct item *it)
{
	const struct manifest_row *rows = ix->r->manifest;
	for (size_t a = 0; a < it->n_attachments; a++) {
		struct item_attachment *att = &it->attachments[a];
		const char *ref = att->ref;
		while (ref[0] == '.' && ref[1] == '/')
			ref += 2;
		const char *tail = strchr(ref, '/') ? strchr(ref, '/') + 1 : ref;
		const char *base = path_basename(ref);
		if (!*base)
			continue;
		size_t lo = 0, hi = ix->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(path_basename(rows[ix->rows[mid]].path), base) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		const struct manifest_row *best = NULL;
		int best_rank = 4;
		for (size_t k = lo; k < ix->n && best_rank > 0; k++) {
			const struct manifest_row *m = &rows[ix->rows[k]];
			if (strcmp(path_basename(m->path), base) != 0)
				break;
			int rank;
			if (strcmp(m->path, ref) == 0)
				rank = 0;
			else if (path_has_suffix(m->path, ref))
				rank = 1;
			else if (*tail && path_has_suffix(m->path, tail))
				rank = 2;
			else
				rank = 3;
			if (rank < best_rank) {
				best = m;
				best_rank = rank;
			}
		}
		if (best) {
			item_set(&att->entry, best->path);
			memcpy(att->sha256, best->sha256, 32);
		}
	}
}

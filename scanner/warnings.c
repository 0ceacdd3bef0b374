#include "scanner/warnings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/xalloc.h"

void warnings_vadd(struct warnings *w, unsigned source, const char *source_path,
		   unsigned entry_index, const char *entry, int64_t offset,
		   const char *code, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
	struct warning *x = &w->v[w->n++];
	x->source = source;
	x->entry_index = entry_index;
	x->source_path = source_path ? xstrdup(source_path) : NULL;
	x->entry = entry ? xstrdup(entry) : NULL;
	x->offset = offset;
	x->code = xstrdup(code);
	x->message = xstrdup(msg);
	x->seq = w->next_seq++;
}

void warnings_add(struct warnings *w, unsigned source, const char *source_path,
		  unsigned entry_index, const char *entry, int64_t offset,
		  const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	warnings_vadd(w, source, source_path, entry_index, entry, offset, code, fmt, ap);
	va_end(ap);
}

static int cmp_warning(const void *pa, const void *pb)
{
	const struct warning *a = pa, *b = pb;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	if (a->entry_index != b->entry_index)
		return a->entry_index < b->entry_index ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void warnings_sort(struct warnings *w)
{
	if (w->n > 1)
		qsort(w->v, w->n, sizeof *w->v, cmp_warning);
}

size_t warnings_count(const struct warnings *w, const char *code)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		n += strcmp(w->v[i].code, code) == 0;
	return n;
}

void warnings_release(struct warnings *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->v[i].source_path);
		free(w->v[i].entry);
		free(w->v[i].code);
		free(w->v[i].message);
	}
	free(w->v);
	memset(w, 0, sizeof *w);
}

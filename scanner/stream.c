#include "scanner/stream.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/xalloc.h"

struct entry_stream {
	const struct entry_stream_backend *b;
	void *impl;
	int64_t size;
	uint64_t pos;
	const char *err;
	/* memory backend */
	const unsigned char *mem;
	size_t mem_len;
};

ssize_t entry_stream_read(struct entry_stream *s, void *buf, size_t n)
{
	if (s->err)
		return -1;
	if (n == 0)
		return 0;
	ssize_t r;
	if (s->b) {
		const char *msg = NULL;
		r = s->b->read(s->impl, buf, n, &msg);
		if (r < 0) {
			s->err = msg ? msg : "read error";
			return -1;
		}
	} else {
		size_t left = s->mem_len - (size_t)s->pos;
		r = (ssize_t)(n < left ? n : left);
		if (r)
			memcpy(buf, s->mem + s->pos, (size_t)r);
	}
	s->pos += (uint64_t)r;
	return r;
}

const char *entry_stream_error(const struct entry_stream *s)
{
	return s->err ? s->err : "";
}

uint64_t entry_stream_tell(const struct entry_stream *s)
{
	return s->pos;
}

int64_t entry_stream_size(const struct entry_stream *s)
{
	return s->size;
}

struct entry_stream *entry_stream_from_memory(const void *p, size_t n)
{
	struct entry_stream *s = xcalloc(1, sizeof *s);
	s->mem = p;
	s->mem_len = n;
	s->size = (int64_t)n;
	return s;
}

struct entry_stream *entry_stream_new(const struct entry_stream_backend *b, void *impl,
				      int64_t declared_size)
{
	struct entry_stream *s = xcalloc(1, sizeof *s);
	s->b = b;
	s->impl = impl;
	s->size = declared_size;
	return s;
}

void entry_stream_free(struct entry_stream *s)
{
	free(s);
}

/*
 * Fuzz harness: the JSON boundary scanner (formats/json_stream.c) on its
 * own.  The first byte sets the element cap (small, so "element-too-large"
 * is reached) and how the stream is read; every element is checked
 * against the input: its bytes are exactly the input's at its offset.
 */
#include "tests/fuzz/fuzz.h"

#include <jansson.h>

#include "formats/json_stream.h"

/* A stream that hands out at most `step` bytes per read, to shake out
 * chunk-boundary bugs. */
struct jsfuzz_chunked {
	const uint8_t *p;
	size_t n, pos, step;
};

static ssize_t jsfuzz_read(void *impl, void *buf, size_t n, const char **errmsg)
{
	struct jsfuzz_chunked *c = impl;
	(void)errmsg;
	size_t k = c->n - c->pos;
	if (k > n)
		k = n;
	if (k > c->step)
		k = c->step;
	memcpy(buf, c->p + c->pos, k);
	c->pos += k;
	return (ssize_t)k;
}

static int jsfuzz_emit(void *arg, struct item *it)
{
	(void)arg;
	item_release(it);
	free(it);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned ctl = data[0];
	data++, size--;
	size_t cap = (size_t)64 << (ctl & 15);              /* 64 B .. 2 MiB */
	static const struct entry_stream_backend be = { jsfuzz_read };
	struct jsfuzz_chunked c = { data, size, 0, (ctl & 0x80) ? 1 + (ctl >> 4 & 7) : 1u << 16 };
	struct format_ctx *fc = format_ctx_new(jsfuzz_emit, NULL, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "data/tweets.js");
	struct entry_stream *s = entry_stream_new(&be, &c, (int64_t)size);
	struct json_stream *js = json_stream_new(fc, s, cap);
	struct json_element el;
	int64_t last_end = -1;
	while (json_stream_next(js, &el) == 1) {
		if (!el.value || el.offset < 0 || (uint64_t)el.offset + el.length > size ||
		    el.offset < last_end || el.length > cap)
			abort();
		if (memcmp(el.bytes, data + el.offset, el.length) != 0)
			abort();
		last_end = el.offset + (int64_t)el.length;
		char *dump = json_dumps(el.value, JSON_ENCODE_ANY);
		free(dump);
	}
	(void)json_stream_status(js);
	(void)json_stream_lost(js);
	json_stream_free(js);
	entry_stream_free(s);
	format_ctx_free(fc, NULL);
	return 0;
}

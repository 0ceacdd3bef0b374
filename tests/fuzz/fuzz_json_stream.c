/*
 * Fuzz harness: the JSON boundary scanner (formats/json_stream.c) on its
 * own.  The first byte sets the element cap (small, so "element-too-large"
 * is reached) and how the stream is read; every element is checked
 * against the input: its bytes are exactly the input's at its offset, and
 * decoding on a thread of its own must read exactly what decoding inline
 * reads.
 */
#include "tests/fuzz/fuzz.h"

#include <jansson.h>

#include "formats/json_stream.h"
#include "scanner/buf.h"

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

/* One pass over the input: every element checked against the input and
 * written to *out as "offset length value", then the status and the count
 * lost.  ring: 0 decodes on this thread, else on a thread of its own
 * through a ring of that many bytes. */
static void jsfuzz_pass(const uint8_t *data, size_t size, size_t cap, size_t step, size_t ring,
			struct buf *out)
{
	static const struct entry_stream_backend be = { jsfuzz_read };
	struct jsfuzz_chunked c = { data, size, 0, step };
	struct format_ctx *fc = format_ctx_new(jsfuzz_emit, NULL, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "data/tweets.js");
	struct entry_stream *s = entry_stream_new(&be, &c, (int64_t)size);
	struct json_stream *js = json_stream_new(fc, s, cap);
	json_stream_set_ring(js, ring);
	struct json_element el;
	int64_t last_end = -1;
	while (json_stream_next(js, &el) == 1) {
		if (!el.value || el.offset < 0 || (uint64_t)el.offset + el.length > size ||
		    el.offset < last_end || el.length > cap)
			abort();
		if (memcmp(el.bytes, data + el.offset, el.length) != 0)
			abort();
		last_end = el.offset + (int64_t)el.length;
		char *dump = json_dumps(el.value, JSON_ENCODE_ANY | JSON_SORT_KEYS);
		buf_addf(out, "%lld %zu %s\n", (long long)el.offset, el.length, dump ? dump : "-");
		free(dump);
	}
	buf_addf(out, "status %d lost %llu\n", (int)json_stream_status(js),
		 (unsigned long long)json_stream_lost(js));
	json_stream_free(js);
	entry_stream_free(s);
	format_ctx_free(fc, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input is read twice: decoded on the reading thread, and decoded on
 * a thread of its own through a ring of 64 B to 8 KiB (from the input's
 * length, so small rings, where elements go through alone, are reached
 * too).  The two transcripts must be the same: -j must never change what
 * is read.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned ctl = data[0];
	data++, size--;
	size_t cap = (size_t)64 << (ctl & 15);              /* 64 B .. 2 MiB */
	size_t step = (ctl & 0x80) ? 1 + (ctl >> 4 & 7) : 1u << 16;
	struct buf inline_t = BUF_INIT(0), threaded_t = BUF_INIT(0);
	jsfuzz_pass(data, size, cap, step, 0, &inline_t);
	jsfuzz_pass(data, size, cap, step, (size_t)64 << (size % 8), &threaded_t);
	if (inline_t.len != threaded_t.len || memcmp(inline_t.p, threaded_t.p, inline_t.len) != 0)
		abort();
	buf_release(&inline_t);
	buf_release(&threaded_t);
	return 0;
}

/*
 * json_stream with a decoder thread (format_jobs() above 1, or a ring set
 * with json_stream_set_ring) must give exactly what one thread gives: the
 * same elements, spans, keys and indexes, the same warnings recorded in
 * the same order among the caller's own, the same status and lost count.
 * Each test streams the same bytes both ways and compares transcripts.
 */
#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/json_stream.h"
#include "scanner/warnings.h"
#include "scanner/xalloc.h"

extern const struct format_ops format_twitter;
extern const struct format_ops format_facebook_json;

/* A stream that hands out at most `step` bytes a read and fails once
 * `fail_at` bytes have been read (0: never). */
struct chopped {
	const unsigned char *p;
	size_t n, pos, step, fail_at;
};

static ssize_t chopped_read(void *impl, void *buf, size_t n, const char **errmsg)
{
	struct chopped *c = impl;
	if (c->fail_at && c->pos >= c->fail_at) {
		*errmsg = "test read error";
		return -1;
	}
	size_t k = c->n - c->pos;
	if (k > n)
		k = n;
	if (k > c->step)
		k = c->step;
	if (c->fail_at && c->pos + k > c->fail_at)
		k = c->fail_at - c->pos;
	memcpy(buf, c->p + c->pos, k);
	c->pos += k;
	return (ssize_t)k;
}

static const struct entry_stream_backend chopped_backend = {chopped_read};

struct run {
	size_t cap;             /* element cap, 0: default */
	size_t ring;            /* 0: one thread */
	size_t fail_at;
	uint64_t stop_after;    /* stop after this many elements (0: never) */
};

/* Everything the caller can observe, as text. */
static char *transcript(const void *doc, size_t len, const struct run *r)
{
	char *out = NULL;
	size_t outn = 0;
	FILE *f = open_memstream(&out, &outn);
	assert_non_null(f);
	struct format_ctx *fc = format_ctx_new(NULL, NULL, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "data/doc.js");
	struct chopped c = {.p = doc, .n = len, .step = 7001, .fail_at = r->fail_at};
	struct entry_stream *in = entry_stream_new(&chopped_backend, &c, (int64_t)len);
	struct json_stream *js = json_stream_new(fc, in, r->cap);
	json_stream_set_ring(js, r->ring);
	struct json_element el;
	uint64_t seen = 0;
	while (json_stream_next(js, &el) == 1) {
		assert_true(el.offset >= 0 && (size_t)el.offset + el.length <= len);
		assert_memory_equal(el.bytes, (const char *)doc + el.offset, el.length);
		char *v = json_dumps(el.value, JSON_COMPACT | JSON_ENCODE_ANY | JSON_SORT_KEYS);
		fprintf(f, "element %lld+%zu #%llu %s key=%s %s\n", (long long)el.offset, el.length,
			(unsigned long long)el.index, el.in_array ? "in-array" : "member",
			el.key ? el.key : "(none)", v ? v : "(undumpable)");
		free(v);
		/* the caller's own warnings must interleave as with one thread */
		if (seen % 3 == 0)
			format_warn(fc, el.offset, "caller", "element %llu seen",
				    (unsigned long long)seen);
		if (++seen == r->stop_after)
			break;
	}
	if (!r->stop_after)
		fprintf(f, "status %d lost %llu\n", json_stream_status(js),
			(unsigned long long)json_stream_lost(js));
	json_stream_free(js);
	entry_stream_free(in);
	const struct warnings *w = format_ctx_warnings(fc);
	for (size_t i = 0; i < w->n; i++)   /* in the order recorded */
		fprintf(f, "warning %lld %s: %s\n", (long long)w->v[i].offset, w->v[i].code,
			w->v[i].message);
	format_ctx_free(fc, NULL);
	fclose(f);
	return out;
}

/* Streams doc with one thread and with rings of several sizes; all must
 * agree.  Returns the number of elements seen with one thread. */
static size_t same_both_ways(const void *doc, size_t len, struct run r)
{
	r.ring = 0;
	char *one = transcript(doc, len, &r);
	static const size_t rings[] = {1, 512, 4096, 64u << 10, 4u << 20};
	for (size_t i = 0; i < sizeof rings / sizeof *rings; i++) {
		r.ring = rings[i];
		char *two = transcript(doc, len, &r);
		if (strcmp(one, two) != 0)
			fail_msg("ring of %zu bytes differs:\n--- one thread\n%s\n--- ring\n%s",
				 rings[i], one, two);
		free(two);
	}
	size_t n = 0;
	for (const char *p = one; (p = strstr(p, "element ")) != NULL; p++)
		n += p == one || p[-1] == '\n';
	free(one);
	return n;
}

static void test_json_stream__threads_same_on_samples(void **state)
{
	(void)state;
	static const char *const files[] = {
		"samples/twitter-2022/data/tweets.js",
		"samples/twitter-2022/data/tweets-part1.js",
		"samples/twitter-2022/data/direct-messages.js",
		"samples/twitter-2022/data/direct-messages-group.js",
		"samples/twitter-2022/data/manifest.js",
		"samples/twitter-2022/data/deleted-tweets.js",
		"samples/twitter-2022/data/note-tweet.js",
		"samples/twitter-2020/data/tweet.js",
		"samples/twitter-2019/data/tweet.js",
		"samples/twitter-grailbird/data/js/tweets/2015_01.js",
		"samples/facebook-json-2018/posts/your_posts.json",
		"samples/facebook-json-2019/profile_information/profile_information.json",
		"samples/facebook-json-2024/facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/"
		"posts/your_posts__check_ins__photos_and_videos_1.json",
	};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
		size_t n;
		char *doc = tu_read(files[i], &n);
		assert_true(same_both_ways(doc, n, (struct run){0}) > 0);
		/* and cut short in the middle */
		same_both_ways(doc, n / 2, (struct run){0});
		free(doc);
	}
}

/* A pretty-printed tweets.js with every kind of damage json_stream knows:
 * invalid JSON, an unclosed string (resync), a duplicate key, stray bytes,
 * an empty slot, an element over the cap and one larger than the ring. */
static char *damaged_doc(size_t *len, bool indented)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, len);
	const char *nl = indented ? "\n" : "";
	const char *ind = indented ? "  " : "";
	fprintf(f, "window.YTD.tweets.part0 = [%s", nl);
	for (int i = 0; i < 600; i++) {
		if (i)
			fprintf(f, ",%s", indented ? "\n" : " ");
		switch (i % 97) {
		case 5:
			fprintf(f, "%s{\"tweet\": {\"id_str\": \"%d\", \"full_text\": tru}}", ind, i);
			break;
		case 17:
			fprintf(f, "%s{\"tweet\": {\"id_str\": \"%d\", \"full_text\": \"never closed}}", ind, i);
			break;
		case 23:
			fprintf(f, "%s{\"tweet\": {\"id_str\": \"%d\", \"id_str\": \"again\"}}", ind, i);
			break;
		case 31:
			fprintf(f, "%s{\"tweet\": {\"id_str\": \"%d\"}} xx", ind, i);
			break;
		case 41:
			fprintf(f, "%s,", ind);
			break;
		case 53:        /* over the 64 KiB cap given below */
		case 71:        /* larger than the small rings, under the cap */
			fprintf(f, "%s{\"tweet\": {\"id_str\": \"%d\", \"full_text\": \"", ind, i);
			for (int k = 0; k < (i % 97 == 53 ? 70000 : 9000); k++)
				fputc('a' + k % 26, f);
			fprintf(f, "\"}}");
			break;
		default:
			fprintf(f, "%s{%s%s  \"tweet\": {\"id_str\": \"%d\", \"media\": [{\"a\": 1}, {\"b\": [2]}],"
				" \"full_text\": \"t\\\"w\\\\ %d \\u00e9\"}%s%s}",
				ind, nl, ind, i, i, nl, ind);
		}
	}
	fprintf(f, "%s]%s", nl, nl);
	fclose(f);
	return out;
}

static void test_json_stream__threads_same_on_damage(void **state)
{
	(void)state;
	for (int indented = 0; indented <= 1; indented++) {
		size_t n;
		char *doc = damaged_doc(&n, indented);
		size_t seen = same_both_ways(doc, n, (struct run){.cap = 64u << 10});
		assert_true(seen > 20);
		/* the entry ends in the middle of an element, at several places */
		for (size_t cut = n / 7; cut < n; cut += n / 5)
			same_both_ways(doc, cut, (struct run){.cap = 64u << 10});
		/* the entry cannot be read past a point */
		same_both_ways(doc, n, (struct run){.cap = 64u << 10, .fail_at = n / 3});
		free(doc);
	}
}

static void test_json_stream__threads_same_on_members(void **state)
{
	(void)state;
	const char *doc =
		"{\n  \"comments_v2\": [\n    {\"a\": 1},\n    {\"a\": [2, {\"b\": \"}, {\"}]},\n    {\"a\": 3,}\n  ],\n"
		"  \"profile_v2\": {\"name\": \"x\"},\n  \"bad\": {\"x\": tru},\n  \"n\": 42,\n"
		"  \"friends_v2\": [{\"name\": \"y\"}, {\"name\": \"z\"}]\n}\n";
	assert_int_equal(same_both_ways(doc, strlen(doc), (struct run){0}), 6);
}

/* The caller stops early (a consumer's CS_FATAL): whatever the decoder
 * thread had decoded ahead is freed (the sanitizer and valgrind runs
 * check there is no leak), and what was handed out matches one thread. */
static void test_json_stream__threads_early_stop(void **state)
{
	(void)state;
	size_t n;
	char *doc = damaged_doc(&n, true);
	static const size_t rings[] = {1, 4096, 1u << 20};
	for (uint64_t stop = 1; stop < 400; stop += 37) {
		struct run r = {.cap = 64u << 10, .stop_after = stop};
		char *one = transcript(doc, n, &r);
		for (size_t i = 0; i < sizeof rings / sizeof *rings; i++) {
			r.ring = rings[i];      /* 1: every element goes alone */
			char *two = transcript(doc, n, &r);
			assert_string_equal(one, two);
			free(two);
		}
		free(one);
	}
	free(doc);
}

/* ---- through a format: the items themselves ------------------------- */

struct stop_after {
	struct tu_items items;
	size_t limit;           /* CS_FATAL once this many were taken (0: never) */
};

static int stop_emit(void *arg, struct item *it)
{
	struct stop_after *s = arg;
	tu_items_emit(&s->items, it);
	return s->limit && s->items.n >= s->limit ? CS_FATAL : CS_OK;
}

static char *item_transcript(const struct format_ops *ops, const char *entry, const char *file,
			     unsigned jobs, size_t limit, int *rc)
{
	size_t n;
	char *doc = tu_read(file, &n);
	struct stop_after s = {.limit = limit};
	struct format_ctx *fc = format_ctx_new(stop_emit, &s, NULL, NULL, 0);
	format_ctx_set_platform(fc, ops->platform);
	format_ctx_set_jobs(fc, jobs);
	format_ctx_set_source(fc, 0, "x.zip");
	format_ctx_set_entry(fc, 3, entry);
	struct entry_stream *in = entry_stream_from_memory(doc, n);
	*rc = ops->parse(fc, in);
	char *out = NULL;
	size_t outn = 0;
	FILE *f = open_memstream(&out, &outn);
	for (size_t i = 0; i < s.items.n; i++) {
		const struct item *it = s.items.v[i];
		char hex[65], have[65];
		tu_sha256_hex(it->raw, it->raw_len, hex);
		for (int k = 0; k < 32; k++)
			snprintf(have + 2 * k, 3, "%02x", it->sha256[k]);
		assert_string_equal(have, hex);     /* the span's own hash */
		fprintf(f, "%llu %s %s %lld+%lld %s %s %s\n", (unsigned long long)it->ordinal,
			item_kind_name(it->kind), it->id ? it->id : "-", (long long)it->offset,
			(long long)it->length, hex, it->text ? it->text : "-",
			it->author ? it->author : "-");
	}
	const struct warnings *w = format_ctx_warnings(fc);
	for (size_t i = 0; i < w->n; i++)
		fprintf(f, "warning %lld %s: %s\n", (long long)w->v[i].offset, w->v[i].code,
			w->v[i].message);
	fclose(f);
	entry_stream_free(in);
	format_ctx_free(fc, ops);
	tu_items_release(&s.items);
	free(doc);
	return out;
}

static void test_json_stream__threads_same_items(void **state)
{
	(void)state;
	static const struct {
		const struct format_ops *ops;
		const char *entry, *file;
	} cases[] = {
		{&format_twitter, "data/tweets.js", "samples/twitter-2022/data/tweets.js"},
		{&format_twitter, "data/tweet.js", "samples/twitter-2019/data/tweet.js"},
		{&format_twitter, "data/direct-messages.js", "samples/twitter-2022/data/direct-messages.js"},
		{&format_facebook_json, "posts/your_posts.json",
		 "samples/facebook-json-2018/posts/your_posts.json"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		int rc1, rc2;
		char *one = item_transcript(cases[i].ops, cases[i].entry, cases[i].file, 1, 0, &rc1);
		char *two = item_transcript(cases[i].ops, cases[i].entry, cases[i].file, 2, 0, &rc2);
		assert_int_equal(rc1, rc2);
		assert_string_equal(one, two);
		assert_non_null(strstr(one, "0 "));
		free(one);
		free(two);
		/* the consumer says stop after two items */
		one = item_transcript(cases[i].ops, cases[i].entry, cases[i].file, 1, 2, &rc1);
		two = item_transcript(cases[i].ops, cases[i].entry, cases[i].file, 2, 2, &rc2);
		assert_int_equal(rc1, CS_FATAL);
		assert_int_equal(rc2, CS_FATAL);
		assert_string_equal(one, two);
		free(one);
		free(two);
	}
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_stream__threads_same_on_samples),
		cmocka_unit_test(test_json_stream__threads_same_on_damage),
		cmocka_unit_test(test_json_stream__threads_same_on_members),
		cmocka_unit_test(test_json_stream__threads_early_stop),
		cmocka_unit_test(test_json_stream__threads_same_items),
	};
	return cmocka_run_group_tests_name("json_stream_threads", tests, NULL, NULL);
}

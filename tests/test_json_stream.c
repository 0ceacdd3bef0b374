#include "tests/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "formats/json_stream.h"
#include "scanner/warnings.h"
#include "scanner/xalloc.h"

struct collected {
	size_t n;
	json_t *values[64];
	char *keys[64];
	int64_t offsets[64];
	size_t lengths[64];
	int status;
	uint64_t lost;
};

/* Streams `doc` with an element cap, keeps what came out and checks that
 * every element's bytes are exactly the document's bytes at its span. */
static struct format_ctx *stream_doc(const char *doc, size_t len, size_t cap, struct collected *c)
{
	memset(c, 0, sizeof *c);
	struct format_ctx *fc = format_ctx_new(NULL, NULL, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "data/doc.js");
	struct entry_stream *in = entry_stream_from_memory(doc, len);
	struct json_stream *js = json_stream_new(fc, in, cap);
	struct json_element el;
	while (json_stream_next(js, &el) == 1) {
		assert_true(el.offset >= 0 && (size_t)el.offset + el.length <= len);
		assert_memory_equal(el.bytes, doc + el.offset, el.length);
		if (c->n < 64) {
			c->values[c->n] = json_incref(el.value);
			c->keys[c->n] = el.key ? xstrdup(el.key) : NULL;
			c->offsets[c->n] = el.offset;
			c->lengths[c->n] = el.length;
		}
		c->n++;
	}
	c->status = json_stream_status(js);
	c->lost = json_stream_lost(js);
	json_stream_free(js);
	entry_stream_free(in);
	return fc;
}

static void collected_release(struct collected *c)
{
	for (size_t i = 0; i < c->n && i < 64; i++) {
		json_decref(c->values[i]);
		free(c->keys[i]);
	}
}

static const char *str_at(struct collected *c, size_t i, const char *key)
{
	return json_string_value(json_object_get(c->values[i], key));
}

static void test_json_stream__twitter_prefix_and_tricky_strings(void **state)
{
	(void)state;
	const char *doc =
		"window.YTD.tweets.part0 = [\n"
		"  {\"tweet\": {\"id_str\": \"1\", \"full_text\": \"a ] } [ { \\\" , still\"}},\n"
		"  {\"tweet\": {\"id_str\": \"2\", \"full_text\": \"back\\\\\"}},\n"
		"  {\"tweet\": {\"id_str\": \"3\", \"nested\": [[1, [2]], {\"a\": {\"b\": []}}]}}\n"
		"]\n";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.status, CS_OK);
	assert_null(c.keys[0]);
	json_t *t0 = json_object_get(c.values[0], "tweet");
	assert_string_equal(json_string_value(json_object_get(t0, "full_text")), "a ] } [ { \" , still");
	json_t *t1 = json_object_get(c.values[1], "tweet");
	assert_string_equal(json_string_value(json_object_get(t1, "full_text")), "back\\");
	/* The first element starts at the '{' after "[\n  ". */
	assert_int_equal(c.offsets[0], (int64_t)(strstr(doc, "{\"tweet\"") - doc));
	assert_int_equal(format_ctx_warnings(fc)->n, 0);
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__object_members(void **state)
{
	(void)state;
	const char *doc = "\xEF\xBB\xBF{\n"
			  "  \"comments_v2\": [ {\"timestamp\": 1}, {\"timestamp\": 2} ],\n"
			  "  \"profile_v2\": {\"name\": {\"full_name\": \"Zo\\u00c3\\u00ab\"}},\n"
			  "  \"count\": 7,\n"
			  "  \"empty\": []\n"
			  "}";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.keys[0], "comments_v2");
	assert_string_equal(c.keys[1], "comments_v2");
	assert_int_equal(json_integer_value(json_object_get(c.values[1], "timestamp")), 2);
	assert_string_equal(c.keys[2], "profile_v2");
	assert_true(json_is_object(c.values[2]));
	assert_string_equal(c.keys[3], "count");
	assert_int_equal(json_integer_value(c.values[3]), 7);
	assert_int_equal(c.status, CS_OK);
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__damage_mid_array_loses_one(void **state)
{
	(void)state;
	const char *doc = "[\n"
			  "  {\"id\": \"1\"},\n"
			  "  {\"id\": \"2\", \"bad\": tru},\n"
			  "  {\"id\": \"3\"}\n"
			  "]\n";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(str_at(&c, 0, "id"), "1");
	assert_string_equal(str_at(&c, 1, "id"), "3");
	assert_int_equal(c.lost, 1);
	assert_int_equal(c.status, CS_WARN);
	const struct warnings *w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "bad-element");
	assert_int_equal(w->v[0].offset, (int64_t)(strstr(doc, "{\"id\": \"2\"") - doc));
	assert_string_equal(w->v[0].entry, "data/doc.js");
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__unterminated_string_resyncs(void **state)
{
	(void)state;
	/* The quote left open in element 2 would swallow the rest of the file
	 * for a scanner that does not resynchronise. */
	const char *doc = "[\n"
			  "  {\"id\": \"1\"},\n"
			  "  {\"id\": \"2, \"text\": \"x\"},\n"
			  "  {\"id\": \"3\"},\n"
			  "  {\"id\": \"4\"}\n"
			  "]\n";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(str_at(&c, 0, "id"), "1");
	assert_string_equal(str_at(&c, 1, "id"), "3");
	assert_string_equal(str_at(&c, 2, "id"), "4");
	assert_int_equal(c.lost, 1);
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__unterminated_string_resyncs_on_one_line(void **state)
{
	(void)state;
	/* 2019 Twitter and Grailbird: elements joined by "}, {" */
	const char *doc = "window.YTD.tweet.part0 = [ {\n  \"id\": \"1\"\n}, {\n  \"id\": \"2, \"x\": 1\n}, "
			  "{\n  \"id\": \"3\"\n}, {\n  \"id\": \"4\"\n} ]";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 3);
	assert_string_equal(str_at(&c, 0, "id"), "1");
	assert_string_equal(str_at(&c, 1, "id"), "3");
	assert_string_equal(str_at(&c, 2, "id"), "4");
	assert_int_equal(c.lost, 1);
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__cut_short(void **state)
{
	(void)state;
	const char *doc = "window.YTD.like.part0 = [\n  {\"like\": {\"tweetId\": \"1\"}},\n  {\"like\": {\"tweetId\": \"2\"";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.lost, 1);
	const struct warnings *w = format_ctx_warnings(fc);
	assert_true(w->n >= 1);
	assert_string_equal(w->v[0].code, "cut-short");
	assert_int_equal(w->v[0].offset, (int64_t)(strstr(doc, "{\"like\": {\"tweetId\": \"2\"") - doc));
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__element_over_cap_is_skipped(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(0);
	buf_adds(&b, "[\n  {\"id\": \"small\"},\n  {\"id\": \"big\", \"text\": \"");
	for (int i = 0; i < 300000; i++)    /* crosses several read chunks */
		buf_adds(&b, i % 7 ? "x" : "]");
	buf_adds(&b, "\"},\n  {\"id\": \"after\"}\n]");
	struct collected c;
	struct format_ctx *fc = stream_doc(b.p, b.len, 1000, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(str_at(&c, 0, "id"), "small");
	assert_string_equal(str_at(&c, 1, "id"), "after");
	assert_int_equal(c.offsets[1], (int64_t)(strstr(b.p, "{\"id\": \"after\"") - b.p));
	const struct warnings *w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "element-too-large");
	collected_release(&c);
	format_ctx_free(fc, NULL);
	buf_release(&b);
}

static void test_json_stream__many_elements_across_chunks(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(0);
	buf_adds(&b, "window.YTD.tweets.part0 = [");
	const int n = 20000;
	for (int i = 0; i < n; i++)
		buf_addf(&b, "%s\n  {\"tweet\": {\"id_str\": \"%d\", \"full_text\": \"tweet \\u00e9 %d [x]\"}}",
			 i ? "," : "", i, i);
	buf_adds(&b, "\n]");
	struct format_ctx *fc = format_ctx_new(NULL, NULL, NULL, NULL, 0);
	struct entry_stream *in = entry_stream_from_memory(b.p, b.len);
	struct json_stream *js = json_stream_new(fc, in, 0);
	struct json_element el;
	int seen = 0;
	while (json_stream_next(js, &el) == 1) {
		char want[32];
		snprintf(want, sizeof want, "%d", seen);
		json_t *t = json_object_get(el.value, "tweet");
		assert_string_equal(json_string_value(json_object_get(t, "id_str")), want);
		assert_memory_equal(el.bytes, b.p + el.offset, el.length);
		assert_int_equal(el.bytes[0], '{');
		assert_int_equal(el.bytes[el.length - 1], '}');
		assert_int_equal(el.index, (uint64_t)seen);
		seen++;
	}
	assert_int_equal(seen, n);
	assert_int_equal(json_stream_status(js), CS_OK);
	json_stream_free(js);
	entry_stream_free(in);
	format_ctx_free(fc, NULL);
	buf_release(&b);
}

static void test_json_stream__duplicate_key_kept_with_warning(void **state)
{
	(void)state;
	const char *doc = "[{\"id\": \"1\", \"id\": \"2\"}, {\"id\": \"3\"}]";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 2);
	assert_string_equal(str_at(&c, 0, "id"), "2");
	assert_int_equal(format_ctx_warnings(fc)->n, 1);
	assert_string_equal(format_ctx_warnings(fc)->v[0].code, "duplicate-key");
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__nul_escape_kept(void **state)
{
	(void)state;
	const char *doc = "[{\"text\": \"a\\u0000b\"}]";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 1);
	json_t *t = json_object_get(c.values[0], "text");
	assert_int_equal(json_string_length(t), 3);
	assert_memory_equal(json_string_value(t), "a\0b", 3);
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__not_json_and_empty(void **state)
{
	(void)state;
	struct collected c;
	const char *doc = "<html><body>not json</body></html>";
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.status, CS_FAILED);
	assert_string_equal(format_ctx_warnings(fc)->v[0].code, "not-json");
	format_ctx_free(fc, NULL);

	fc = stream_doc("", 0, 0, &c);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.status, CS_OK);
	assert_int_equal(format_ctx_warnings(fc)->n, 0);
	format_ctx_free(fc, NULL);

	fc = stream_doc("  [ ]  ", 7, 0, &c);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.status, CS_OK);
	format_ctx_free(fc, NULL);
}

static void test_json_stream__grailbird_prefix(void **state)
{
	(void)state;
	const char *doc = "Grailbird.data.tweets_2015_01 = \n [ {\n  \"id_str\" : \"55\",\n  \"created_at\" : \"2015-01-24 02:02:37 +0000\"\n} ]";
	struct collected c;
	struct format_ctx *fc = stream_doc(doc, strlen(doc), 0, &c);
	assert_int_equal(c.n, 1);
	assert_string_equal(str_at(&c, 0, "id_str"), "55");
	collected_release(&c);
	format_ctx_free(fc, NULL);
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_stream__twitter_prefix_and_tricky_strings),
		cmocka_unit_test(test_json_stream__object_members),
		cmocka_unit_test(test_json_stream__damage_mid_array_loses_one),
		cmocka_unit_test(test_json_stream__unterminated_string_resyncs),
		cmocka_unit_test(test_json_stream__unterminated_string_resyncs_on_one_line),
		cmocka_unit_test(test_json_stream__cut_short),
		cmocka_unit_test(test_json_stream__element_over_cap_is_skipped),
		cmocka_unit_test(test_json_stream__many_elements_across_chunks),
		cmocka_unit_test(test_json_stream__duplicate_key_kept_with_warning),
		cmocka_unit_test(test_json_stream__nul_escape_kept),
		cmocka_unit_test(test_json_stream__not_json_and_empty),
		cmocka_unit_test(test_json_stream__grailbird_prefix),
	};
	return cmocka_run_group_tests_name("json_stream", tests, NULL, NULL);
}

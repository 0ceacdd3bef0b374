#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/timez.h"
#include "scanner/warnings.h"
#include "scanner/xalloc.h"

extern const struct format_ops format_facebook_html;

/* ---- helpers -------------------------------------------------------- */

/* A stream that hands out at most `k` bytes per read, to move the chunk
 * boundaries the parser sees. */
struct chunked {
	const char *p;
	size_t n, off, k;
};

static ssize_t chunked_read(void *impl, void *buf, size_t n, const char **err)
{
	struct chunked *c = impl;
	(void)err;
	size_t left = c->n - c->off;
	if (n > c->k)
		n = c->k;
	if (n > left)
		n = left;
	memcpy(buf, c->p + c->off, n);
	c->off += n;
	return (ssize_t)n;
}

static const struct entry_stream_backend chunked_backend = {chunked_read};

/* Parses doc as entry `entry`, k bytes a read (0: all at once). */
static struct format_ctx *parse_doc(const char *entry, const char *doc, size_t len, size_t k,
				    size_t cap, struct tu_items *items, int *rc)
{
	memset(items, 0, sizeof *items);
	struct format_ctx *fc = format_ctx_new(tu_items_emit, items, NULL, NULL, cap);
	format_ctx_set_source(fc, 0, "test-input");
	format_ctx_set_entry(fc, 0, entry);
	struct chunked c = {doc, len, 0, k ? k : len + 1};
	struct entry_stream *s = entry_stream_new(&chunked_backend, &c, (int64_t)len);
	*rc = format_facebook_html.parse(fc, s);
	entry_stream_free(s);
	return fc;
}

/* Every item's span is the page's own bytes: its start tag to its end tag. */
static void assert_spans(const struct tu_items *items, const char *doc, size_t len,
			 const char *start, const char *end)
{
	for (size_t i = 0; i < items->n; i++) {
		const struct item *it = items->v[i];
		assert_true(it->offset >= 0);
		assert_true((size_t)it->offset + (size_t)it->length <= len);
		assert_int_equal(it->raw_len, (size_t)it->length);
		assert_memory_equal(it->raw, doc + it->offset, it->raw_len);
		if (start)
			assert_memory_equal(doc + it->offset, start, strlen(start));
		if (end)
			assert_memory_equal(doc + it->offset + it->length - strlen(end), end, strlen(end));
		char want[65], got[65];
		tu_sha256_hex(doc + it->offset, (size_t)it->length, want);
		for (int b = 0; b < 32; b++)
			snprintf(got + 2 * b, 3, "%02x", it->sha256[b]);
		assert_string_equal(got, want);
	}
}

static int64_t utc(const char *s)
{
	int64_t t = 0;
	assert_int_equal(timez_parse_rfc3339(s, &t), 0);
	return t;
}

static size_t count_code(const struct format_ctx *fc, const char *code)
{
	return warnings_count(format_ctx_warnings(fc), code);
}

static const struct warning *first_warning(const struct format_ctx *fc, const char *code)
{
	const struct warnings *w = format_ctx_warnings(fc);
	for (size_t i = 0; i < w->n; i++)
		if (strcmp(w->v[i].code, code) == 0)
			return &w->v[i];
	return NULL;
}

static int setup_london(void **state)
{
	(void)state;
	struct cs_error err = {0};
	return timez_set("Europe/London", &err) == CS_OK ? 0 : -1;
}

/* ---- fixtures ------------------------------------------------------- */

#define HEAD19 "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />" \
	"<base href=\"../\" /><title>Posts</title></head><body class=\"_5vb_ _2yq _4yic\"><div class=\"_3a_u\">" \
	"<div class=\"_3-8y _3-95 _3b0b\"><div class=\"_3b0d\">Posts</div></div><div class=\"_4t5n\" role=\"main\">\n"
#define TAIL19 "</div></div></body></html>\n"
#define ITEM19 "<div class=\"pam _3-95 _2pi0 _2lej uiBoxWhite noborder\">"

static const char posts19[] =
	HEAD19
	ITEM19 "<div class=\"_3-96 _2pio _2lek _2lel\">Jo Tester updated her status.</div>"
	"<div class=\"_3-96 _2let\"><div><div class=\"_2pin\"><div>Rota   again,\n  the <b>council</b> &amp; its &quot;plans&quot;</div></div></div></div>"
	"<div class=\"_3-94 _2lem\"><a href=\"https://www.facebook.com/dyi/l/?l=x&amp;s=2\">6 May 2019, 17:32</a></div></div>\n"
	ITEM19 "<div class=\"_3-96 _2pio _2lek _2lel\">Jo Tester</div>"
	"<div class=\"_3-96 _2let\"><div><div class=\"_2pin\"><div>Winter post</div></div></div></div>"
	"<div class=\"_3-94 _2lem\">6 Jan 2019, 17:32</div></div>\n"
	ITEM19 "<div class=\"_3-96 _2pio _2lek _2lel\">Jo Tester added a new photo.</div>"
	"<div class=\"_3-96 _2let\"><div><div class=\"_2pin\"><div><a href=\"posts/media/p/1_n.jpg\"><img src=\"posts/media/p/1_n.jpg\" /></a>"
	"<div class=\"pas _3-94 uiBoxGray noborder\"><span class=\"_2oao\">Someone Else</span>not the subject's words<div class=\"_67gx\">6 Feb 2019, 08:00</div></div>"
	"<a href=\"https://example.org/a\">a link</a> <video src=\"posts/media/v/2.mp4\"></video></div></div></div></div>"
	"<div class=\"_3-94 _2lem\">May 6, 2019 5:32:00 PM</div></div>\n"
	TAIL19;

#define HEAD24 "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\" /><title>Your posts</title></head><body>\n" \
	"<div class=\"_a705\"><header><h1>Your posts</h1><time datetime=\"2024-06-02T09:14:03+01:00\">June 2</time></header>\n" \
	"<main class=\"_a706\" role=\"main\">\n"
#define TAIL24 "</main></div></body></html>\n"

static const char posts24[] =
	HEAD24
	"<section class=\"_a6-g\">\n  <h2 class=\"_3-95 _2pim _a6-h _a6-i\">Jo Tester</h2>\n"
	"  <div class=\"_3-95 _a6-p\"><div><div>Summer &#8212; time</div></div></div>\n"
	"  <footer class=\"_3-94 _a6-o\"><div class=\"_a72d\">May 6, 2019 5:32:00 PM</div></footer>\n</section>\n"
	"<section class=\"_a6-g\">\n  <h2 class=\"_a6-h\">Jo Tester</h2>\n"
	"  <div class=\"_a6-p\">Winter</div>\n"
	"  <footer><div class=\"_a72d\">Jan 19, 2019, 12:00 PM</div></footer>\n</section>\n"
	"<section class=\"_a6-g\"><h2 class=\"_a6-h\">Jo Tester</h2><div class=\"_a6-p\">Lower case</div>"
	"<div class=\"_a72d\">Oct 19, 2025 1:47:55 pm</div></section>\n"
	TAIL24;

/* ---- tests ---------------------------------------------------------- */

static void test_facebook_html__posts_2019(void **state)
{
	(void)state;
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("posts/your_posts_1.html", posts19, strlen(posts19), 0, 0,
					  &items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(items.n, 3);
	assert_int_equal(tu_items_count(&items, ITEM_POST), 3);
	assert_string_equal(format_ctx_layout(fc), "facebook-html-2019");

	struct item *a = items.v[0];
	assert_string_equal(a->text, "Rota again,\nthe council & its \"plans\"");
	assert_string_equal(a->context, "Jo Tester updated her status.");
	assert_string_equal(a->platform, "facebook");
	/* BST: 17:32 in London is 16:32Z. */
	assert_int_equal(a->time_source, ITEM_TIME_LOCAL_TEXT);
	assert_string_equal(a->time_text, "6 May 2019, 17:32");
	assert_int_equal(a->created_at, utc("2019-05-06T16:32:00Z"));
	/* The dyi link of the date is neither a url nor an attachment. */
	assert_int_equal(a->urls.n, 0);
	assert_int_equal(a->n_attachments, 0);

	/* GMT: 17:32 is 17:32Z. */
	assert_int_equal(items.v[1]->created_at, utc("2019-01-06T17:32:00Z"));
	assert_string_equal(items.v[1]->text, "Winter post");

	struct item *c = items.v[2];
	assert_int_equal(c->created_at, utc("2019-05-06T16:32:00Z"));
	assert_string_equal(c->time_text, "May 6, 2019 5:32:00 PM");
	/* Others' comments on the photo are not the item's text. */
	assert_string_equal(c->text, "a link");
	assert_int_equal(c->n_attachments, 2);
	assert_string_equal(c->attachments[0].ref, "posts/media/p/1_n.jpg");
	assert_string_equal(c->attachments[1].ref, "posts/media/v/2.mp4");
	assert_int_equal(c->urls.n, 1);
	assert_string_equal(c->urls.v[0], "https://example.org/a");

	assert_spans(&items, posts19, strlen(posts19), ITEM19, "</div>");
	assert_int_equal(items.v[0]->offset, (int64_t)(strstr(posts19, ITEM19) - posts19));
	assert_int_equal(format_ctx_warnings(fc)->n, 0);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__posts_2024(void **state)
{
	(void)state;
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html",
					  posts24, strlen(posts24), 0, 0, &items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(tu_items_count(&items, ITEM_POST), 3);
	assert_string_equal(format_ctx_layout(fc), "facebook-html-2024");
	assert_string_equal(items.v[0]->text, "Summer \xE2\x80\x94 time");
	assert_string_equal(items.v[0]->context, "Jo Tester");
	assert_int_equal(items.v[0]->created_at, utc("2019-05-06T16:32:00Z"));
	assert_int_equal(items.v[1]->created_at, utc("2019-01-19T12:00:00Z"));
	assert_string_equal(items.v[1]->time_text, "Jan 19, 2019, 12:00 PM");
	assert_int_equal(items.v[2]->created_at, utc("2025-10-19T12:47:55Z"));
	assert_spans(&items, posts24, strlen(posts24), "<section class=\"_a6-g\">", "</section>");
	assert_int_equal(format_ctx_warnings(fc)->n, 0);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__date_forms(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"6 May 2019, 17:32", "2019-05-06T16:32:00Z"},
		{"6 May 2019 at 17:32:09", "2019-05-06T16:32:09Z"},
		{"May 6, 2019 5:32:00 PM", "2019-05-06T16:32:00Z"},
		{"May 6, 2019 at 5:32 PM", "2019-05-06T16:32:00Z"},
		{"Jan 19, 2019, 12:00 PM", "2019-01-19T12:00:00Z"},
		{"Jan 19, 2019, 12:05 AM", "2019-01-19T00:05:00Z"},
		{"January 08, 2026 4:41 am", "2026-01-08T04:41:00Z"},
		{"Sept 3, 2019 9:00 AM", "2019-09-03T08:00:00Z"},
		{"Thursday, 27 June 2019 at 12:55 UTC+07:00", "2019-06-27T05:55:00Z"},
		{"6 May 2019", "2019-05-05T23:00:00Z"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char doc[1024];
		snprintf(doc, sizeof doc, HEAD19 ITEM19 "<div class=\"_2lel\">t</div><div class=\"_2lem\">%s</div></div>" TAIL19,
			 cases[i].text);
		struct tu_items items;
		int rc;
		struct format_ctx *fc = parse_doc("posts/your_posts_1.html", doc, strlen(doc), 0, 0, &items, &rc);
		assert_int_equal(items.n, 1);
		if (items.v[0]->time_source == ITEM_TIME_NONE)
			fail_msg("'%s' not read", cases[i].text);
		char got[TIMEZ_BUFSZ];
		assert_string_equal(timez_utc(items.v[0]->created_at, got), cases[i].want);
		assert_string_equal(items.v[0]->time_text, cases[i].text);
		assert_int_equal(rc, CS_OK);
		tu_items_release(&items);
		format_ctx_free(fc, NULL);
	}
}

static void test_facebook_html__ambiguous_time_takes_earlier(void **state)
{
	(void)state;
	/* 01:30 happens twice in London on 27 October 2019. */
	const char *doc = HEAD19 ITEM19 "<div class=\"_2lel\">t</div><div class=\"_2pin\">late</div>"
			  "<div class=\"_3-94 _2lem\">27 Oct 2019, 01:30</div></div>" TAIL19;
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("posts/your_posts_1.html", doc, strlen(doc), 0, 0, &items, &rc);
	assert_int_equal(items.n, 1);
	assert_int_equal(items.v[0]->time_source, ITEM_TIME_LOCAL_TEXT);
	assert_int_equal(items.v[0]->created_at, utc("2019-10-27T00:30:00Z"));
	assert_int_equal(count_code(fc, "ambiguous-time"), 1);
	assert_int_equal(first_warning(fc, "ambiguous-time")->offset, items.v[0]->offset);
	assert_int_equal(rc, CS_WARN);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__french_date_kept_as_text(void **state)
{
	(void)state;
	const char *doc = HEAD19 ITEM19 "<div class=\"_2lel\">Jo Tester a publi\xC3\xA9</div><div class=\"_2pin\">Bonjour</div>"
			  "<div class=\"_3-94 _2lem\">6 mai 2019 \xC3\xA0 17:32</div></div>"
			  ITEM19 "<div class=\"_2lel\">t</div><div class=\"_2pin\">skipped hour</div>"
			  "<div class=\"_3-94 _2lem\">31 Mar 2019, 01:30</div></div>" TAIL19;
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("posts/your_posts_1.html", doc, strlen(doc), 0, 0, &items, &rc);
	assert_int_equal(items.n, 2);
	assert_int_equal(items.v[0]->time_source, ITEM_TIME_NONE);
	assert_string_equal(items.v[0]->time_text, "6 mai 2019 \xC3\xA0 17:32");
	assert_string_equal(items.v[0]->text, "Bonjour");
	/* A wall-clock time that does not exist (clocks go forward): not guessed. */
	assert_int_equal(items.v[1]->time_source, ITEM_TIME_NONE);
	assert_int_equal(count_code(fc, "bad-time"), 2);
	assert_int_equal(first_warning(fc, "bad-time")->offset, items.v[0]->offset);
	assert_int_equal(rc, CS_WARN);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__kinds_from_files(void **state)
{
	(void)state;
	const char *comments = HEAD19
		ITEM19 "<div class=\"_2lel\">Jo commented on a post.</div><div class=\"_2pin\">Agreed</div><div class=\"_2lem\">3 Mar 2019, 12:04</div></div>"
		ITEM19 "<div class=\"_2lel\">Jo commented.</div><div class=\"_2pin\"><div><div class=\"_3-95\"><span class=\"_4mp8\">Group: </span>Residents Forum</div>Bins on Tuesday</div></div><div class=\"_2lem\">4 Mar 2019, 12:04</div></div>"
		TAIL19;
	const char *friends = HEAD19
		ITEM19 "<div class=\"_2lel\">Sam Friend</div><div class=\"_2lem\">12 Sep 2015, 19:41</div></div>"
		ITEM19 "<div class=\"_2lel\">Alex Other</div><div class=\"_2let\">alex&#064;example.net</div><div class=\"_2lem\">1 Aug 2019, 16:05</div></div>"
		TAIL19;
	const char *likes = HEAD19
		ITEM19 "<div class=\"_2lel\">Jo likes a post.</div><div class=\"_2lem\">10 Apr 2019, 08:00</div></div>"
		TAIL19;
	const char *groups = HEAD19
		ITEM19 "<div class=\"_2lel\">Jo became a member of Residents Forum.</div><div class=\"_2lem\">1 Mar 2019, 10:00</div></div>"
		TAIL19;
	static const struct {
		const char *entry;
		enum item_kind kind;
		size_t n;
	} pages[] = {
		{"comments/comments.html", ITEM_COMMENT, 2},
		{"friends/friends.html", ITEM_CONNECTION, 2},
		{"likes_and_reactions/posts_and_comments.html", ITEM_LIKE, 1},
		{"groups/your_group_membership_activity.html", ITEM_GROUP, 1},
	};
	const char *docs[] = {comments, friends, likes, groups};
	for (size_t p = 0; p < 4; p++) {
		struct tu_items items;
		int rc;
		struct format_ctx *fc = parse_doc(pages[p].entry, docs[p], strlen(docs[p]), 0, 0, &items, &rc);
		assert_int_equal(rc, CS_OK);
		assert_int_equal(items.n, pages[p].n);
		assert_int_equal(tu_items_count(&items, pages[p].kind), pages[p].n);
		assert_spans(&items, docs[p], strlen(docs[p]), ITEM19, "</div>");
		if (pages[p].kind == ITEM_COMMENT) {
			assert_string_equal(items.v[0]->text, "Agreed");
			assert_null(items.v[0]->group);
			assert_string_equal(items.v[1]->text, "Bins on Tuesday");
			assert_string_equal(items.v[1]->group, "Residents Forum");
		} else if (pages[p].kind == ITEM_CONNECTION) {
			assert_string_equal(items.v[0]->counterpart, "Sam Friend");
			assert_string_equal(items.v[0]->relation, "friend");
			assert_string_equal(items.v[1]->counterpart, "Alex Other");
			assert_int_equal(items.v[1]->created_at, utc("2019-08-01T15:05:00Z"));
		} else if (pages[p].kind == ITEM_LIKE) {
			assert_string_equal(items.v[0]->text, "Jo likes a post.");
		} else {
			assert_string_equal(items.v[0]->relation, "member");
			assert_string_equal(items.v[0]->text, "Jo became a member of Residents Forum.");
		}
		tu_items_release(&items);
		format_ctx_free(fc, NULL);
	}
}

static const char profile19[] =
	HEAD19 "<div class=\"pam uiBoxWhite noborder\"><table class=\"_4nkx\">"
	"<tr><th>Name</th><td>Jo Tester<br /></td></tr>"
	"<tr><th>Email addresses</th><td><ul><li>jo&#064;example.com</li><li>j.tester&#064;council.example.gov.uk(Previous Email)</li></ul></td></tr>"
	"<tr><th>Neighborhood</th><td></td></tr>"
	"<tr><th>Workplace</th><td><ul><li>Example Borough Council<br />1 September 2015 - Present<br />Planning Officer<br /></li>"
	"<li>Corner Shop<br />Assistant</li></ul></td></tr>"
	"<tr><th>Adresses e-mail</th><td><ul><li>jo2&#064;example.org</li></ul></td></tr>"
	"<tr><th>Lieu de travail</th><td>Ailleurs</td></tr>"
	"<tr><th>Registration Date</th><td>Saturday, 26 December 2009 at 10:00 UTC+07:00</td></tr>"
	"</table></div>" TAIL19;

static void test_facebook_html__profile_2019_work_history(void **state)
{
	(void)state;
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("profile_information/profile_information.html", profile19,
					  strlen(profile19), 0, 0, &items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(items.n, 8);
	assert_int_equal(tu_items_count(&items, ITEM_PROFILE), 8);
	const char *fields[] = {"name", "email", "email", "work", "work", "email", "lieu de travail",
				"registration_date"};
	for (size_t i = 0; i < 8; i++)
		assert_string_equal(items.v[i]->field, fields[i]);
	assert_string_equal(items.v[0]->text, "Jo Tester");
	assert_string_equal(items.v[2]->text, "j.tester@council.example.gov.uk(Previous Email)");
	assert_string_equal(items.v[2]->context, "Email addresses");
	/* Values in lists span their <li>, others their row. */
	assert_spans(&items, profile19, strlen(profile19), NULL, NULL);
	assert_memory_equal(profile19 + items.v[0]->offset, "<tr><th>Name</th>", 17);
	assert_memory_equal(profile19 + items.v[1]->offset, "<li>jo&#064;example.com</li>", 28);
	assert_int_equal(items.v[1]->length, 28);

	struct account *a = format_ctx_account(fc);
	assert_string_equal(a->display_name, "Jo Tester");
	assert_int_equal(a->emails.n, 3);
	assert_string_equal(a->emails.v[0], "jo@example.com");
	assert_string_equal(a->emails.v[1], "j.tester@council.example.gov.uk");
	assert_int_equal(a->n_work, 2);
	assert_string_equal(a->work[0].employer, "Example Borough Council");
	assert_string_equal(a->work[0].title, "Planning Officer");
	assert_string_equal(a->work[0].start, "1 September 2015");
	assert_string_equal(a->work[0].end, "Present");
	assert_string_equal(a->work[1].employer, "Corner Shop");
	assert_string_equal(a->work[1].title, "Assistant");
	assert_null(a->work[1].start);
	assert_int_equal(a->created_at, utc("2009-12-26T03:00:00Z"));
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__profile_2024_cells(void **state)
{
	(void)state;
	const char *doc = HEAD24 "<section class=\"_a6-g\"><h2 class=\"_a6-h\">Profile</h2><div class=\"_a6-p\"><table class=\"_a6_n\">"
		"<tr><td class=\"_2pin _a6_q\">Name</td><td class=\"_2pin _2piu _a6_r\">Jo Tester</td></tr>"
		"<tr><td colspan=\"2\" class=\"_2pin _a6_q\">Work<div><div><ul><li>Example Borough Council<br />Planning Officer<br />1 September 2015 - Present</li></ul></div></div></td></tr>"
		"<tr><td class=\"_a6_q\">Bio</td><td class=\"_a6_r\">Planner. Views my own.</td></tr>"
		"</table></div></section>\n"
		"<section class=\"_a6-g\"><h2 class=\"_a6-h\">Username</h2><div class=\"_a6-p\">jo.tester</div></section>\n" TAIL24;
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("personal_information/profile_information/profile_information.html",
					  doc, strlen(doc), 7, 0, &items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(items.n, 4);
	assert_string_equal(items.v[0]->field, "name");
	assert_string_equal(items.v[1]->field, "work");
	assert_string_equal(items.v[2]->field, "bio");
	assert_string_equal(items.v[2]->text, "Planner. Views my own.");
	assert_string_equal(items.v[3]->field, "handle");
	assert_string_equal(items.v[3]->text, "jo.tester");
	assert_spans(&items, doc, strlen(doc), NULL, NULL);
	struct account *a = format_ctx_account(fc);
	assert_int_equal(a->n_work, 1);
	assert_string_equal(a->work[0].employer, "Example Borough Council");
	assert_string_equal(a->work[0].title, "Planning Officer");
	assert_string_equal(a->work[0].start, "1 September 2015");
	assert_string_equal(a->bio, "Planner. Views my own.");
	assert_string_equal(a->handle, "jo.tester");
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

/* The same spans whatever the chunking (chunks ending inside attribute
 * values and comments, which stall libxml2 2.9.14's push parser unless
 * worked around), with a BOM and CRLFs too. */
static void test_facebook_html__spans_across_chunk_sizes(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(0);
	buf_adds(&b, "\xEF\xBB\xBF");
	buf_adds(&b, HEAD19 "<style>a>b{x:1}</style><script>if (a<b) x=\"</p>\";</script><!-- a -- b -->\n");
	for (int i = 0; i < 300; i++)
		buf_addf(&b, ITEM19 "\r\n  <div class=\"_3-96 _2pio _2lek _2lel\" title='q\"x>y' data-n=\"a>'b\">Post %d</div>\r\n"
			 "  <div class=\"_3-96 _2let\"><div><div class=\"_2pin\"><div>caf\xC3\xA9 %d &lt;tag&gt; <!-- x > y --> "
			 "<a href=\"posts/media/%d.jpg\">p</a></div></div></div></div>\r\n"
			 "  <div class=\"_3-94 _2lem\">%d May 2019, 17:32</div>\r\n</DIV >\r\n",
			 i, i, i, 1 + i % 28);
	buf_adds(&b, TAIL19);
	const size_t sizes[] = {1, 7, 65536, 0};
	int64_t first_offsets[300], first_lengths[300];
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		struct tu_items items;
		int rc;
		/* A cap far below the page: only a parser that keeps going can
		 * find every start tag in the bytes kept. */
		struct format_ctx *fc = parse_doc("posts/your_posts_1.html", b.p, b.len, sizes[s], 16384, &items, &rc);
		assert_int_equal(rc, CS_OK);
		assert_int_equal(items.n, 300);
		assert_spans(&items, b.p, b.len, ITEM19, "</DIV >");
		for (size_t i = 0; i < items.n; i++) {
			if (s == 0) {
				first_offsets[i] = items.v[i]->offset;
				first_lengths[i] = items.v[i]->length;
			}
			assert_int_equal(items.v[i]->offset, first_offsets[i]);
			assert_int_equal(items.v[i]->length, first_lengths[i]);
			char want[64];
			snprintf(want, sizeof want, "caf\xC3\xA9 %zu <tag> p", i);
			assert_string_equal(items.v[i]->text, want);
		}
		assert_int_equal(format_ctx_warnings(fc)->n, 0);
		tu_items_release(&items);
		format_ctx_free(fc, NULL);
	}
	buf_release(&b);
}

static void test_facebook_html__damaged_page(void **state)
{
	(void)state;
	/* The second item lost its closing tags, the page is cut short in
	 * the middle of the fourth: every item is still read. */
	const char *doc = HEAD19
		ITEM19 "<div class=\"_2lel\">one</div><div class=\"_2pin\">first</div><div class=\"_2lem\">6 May 2019, 17:32</div></div>\n"
		ITEM19 "<div class=\"_2lel\">two</div><div class=\"_2pin\">broken <b>bold\n"
		ITEM19 "<div class=\"_2lel\">three</div><div class=\"_2pin\">third</div><div class=\"_2lem\">6 Jan 2019, 17:32</div></div>\n"
		ITEM19 "<div class=\"_2lel\">four</div><div class=\"_2pin\">fourth is cut sh";
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("posts/your_posts_1.html", doc, strlen(doc), 64, 0, &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 4);
	assert_string_equal(items.v[0]->text, "first");
	assert_string_equal(items.v[1]->text, "broken bold");
	assert_string_equal(items.v[2]->text, "third");
	assert_int_equal(items.v[2]->created_at, utc("2019-01-06T17:32:00Z"));
	assert_string_equal(items.v[3]->text, "fourth is cut sh");
	assert_spans(&items, doc, strlen(doc), ITEM19, NULL);
	/* The broken item ends where the next begins; the cut one at the end. */
	assert_int_equal(items.v[1]->offset + items.v[1]->length, items.v[2]->offset);
	assert_int_equal((size_t)(items.v[3]->offset + items.v[3]->length), strlen(doc));
	const struct warning *w = first_warning(fc, "bad-element");
	assert_non_null(w);
	assert_int_equal(w->offset, items.v[1]->offset);
	assert_string_equal(w->entry, "posts/your_posts_1.html");
	assert_int_equal(count_code(fc, "bad-element"), 1);
	assert_int_equal(count_code(fc, "cut-short"), 1);
	assert_int_equal(first_warning(fc, "cut-short")->offset, items.v[3]->offset);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__not_a_page_and_big_item(void **state)
{
	(void)state;
	struct tu_items items;
	int rc;
	const char *junk = "\x01\x02 not html at all";
	struct format_ctx *fc = parse_doc("posts/your_posts_1.html", junk, strlen(junk), 0, 0, &items, &rc);
	assert_int_equal(items.n, 0);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(count_code(fc, "not-export-page"), 1);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);

	/* An item over the element cap is skipped with a warning; the others stay. */
	struct buf b = BUF_INIT(0);
	buf_adds(&b, HEAD19 ITEM19 "<div class=\"_2pin\">small</div></div>" ITEM19 "<div class=\"_2pin\">");
	for (int i = 0; i < 5000; i++)
		buf_adds(&b, "<b>big</b> ");
	buf_adds(&b, "</div></div>" ITEM19 "<div class=\"_2pin\">after</div></div>" TAIL19);
	fc = parse_doc("posts/your_posts_1.html", b.p, b.len, 4096, 16384, &items, &rc);
	assert_int_equal(items.n, 2);
	assert_string_equal(items.v[0]->text, "small");
	assert_string_equal(items.v[1]->text, "after");
	assert_spans(&items, b.p, b.len, ITEM19, "</div>");
	assert_int_equal(count_code(fc, "element-too-large"), 1);
	assert_int_equal(rc, CS_WARN);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
	buf_release(&b);
}

/* A start tag longer than the bytes kept: no position, the serialised
 * element instead, and a warning. */
static void test_facebook_html__no_position_falls_back(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(0);
	buf_adds(&b, HEAD19 "<div class=\"pam _3-95\"");
	for (int i = 0; i < 40000; i++)
		buf_adds(&b, " ");
	buf_adds(&b, "><div class=\"_2pin\">far away</div><div class=\"_2lem\">6 May 2019, 17:32</div></div>"
		 ITEM19 "<div class=\"_2pin\">near</div></div>" TAIL19);
	struct tu_items items;
	int rc;
	struct format_ctx *fc = parse_doc("posts/your_posts_1.html", b.p, b.len, 4096, 16384, &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 2);
	struct item *a = items.v[0];
	assert_int_equal(a->offset, -1);
	assert_string_equal(a->text, "far away");
	assert_int_equal(a->created_at, utc("2019-05-06T16:32:00Z"));
	const char *dump = "<div class=\"pam _3-95\"><div class=\"_2pin\">far away</div>";
	assert_true(a->raw_len > strlen(dump));
	assert_memory_equal(a->raw, dump, strlen(dump));
	char want[65], got[65];
	tu_sha256_hex(a->raw, a->raw_len, want);
	for (int i = 0; i < 32; i++)
		snprintf(got + 2 * i, 3, "%02x", a->sha256[i]);
	assert_string_equal(got, want);
	assert_int_equal(count_code(fc, "no-position"), 1);
	assert_true(first_warning(fc, "no-position")->offset > 40000);
	/* The item after it has its own bytes again. */
	assert_int_equal(items.v[1]->offset, (int64_t)(strstr(b.p, ITEM19 "<div class=\"_2pin\">near") - b.p));
	assert_string_equal(items.v[1]->text, "near");
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
	buf_release(&b);
}

/* A byte that is not UTF-8 spoils nothing after it. */
static void test_facebook_html__bad_utf8_stays_local(void **state)
{
	(void)state;
	const char *doc = HEAD19
		ITEM19 "<div class=\"_2pin\">caf\xC3\xA9 one</div></div>"
		ITEM19 "<div class=\"_2pin\">bad \xFF\xC3 byte caf\xC3\xA9 \xF0\x9F\x98\x80</div></div>"
		ITEM19 "<div class=\"_2pin\">after caf\xC3\xA9 \xE2\x82</div></div>" TAIL19;
	const size_t sizes[] = {1, 0};
	for (size_t k = 0; k < 2; k++) {
		struct tu_items items;
		int rc;
		struct format_ctx *fc = parse_doc("posts/your_posts_1.html", doc, strlen(doc), sizes[k], 0, &items, &rc);
		assert_int_equal(rc, CS_WARN);
		assert_int_equal(items.n, 3);
		assert_string_equal(items.v[0]->text, "caf\xC3\xA9 one");
		assert_string_equal(items.v[1]->text, "bad ?? byte caf\xC3\xA9 \xF0\x9F\x98\x80");
		assert_string_equal(items.v[2]->text, "after caf\xC3\xA9 ??");
		assert_spans(&items, doc, strlen(doc), ITEM19, "</div>");
		assert_int_equal(count_code(fc, "bad-utf8"), 1);
		assert_int_equal(first_warning(fc, "bad-utf8")->offset, (int64_t)(strchr(doc, '\xFF') - doc));
		tu_items_release(&items);
		format_ctx_free(fc, NULL);
	}
}

static int emit_then_stop(void *arg, struct item *it)
{
	tu_items_emit(arg, it);
	return CS_FATAL;
}

struct failing {
	const char *p;
	size_t n, off;
};

static ssize_t failing_read(void *impl, void *buf, size_t n, const char **err)
{
	struct failing *f = impl;
	if (f->off >= f->n) {
		*err = "corrupt archive";
		return -1;
	}
	if (n > f->n - f->off)
		n = f->n - f->off;
	memcpy(buf, f->p + f->off, n);
	f->off += n;
	return (ssize_t)n;
}

static const struct entry_stream_backend failing_backend = {failing_read};

/* A fatal sink stops the parse at once; an unreadable entry loses the rest. */
static void test_facebook_html__fatal_and_read_error(void **state)
{
	(void)state;
	struct tu_items items;
	memset(&items, 0, sizeof items);
	struct format_ctx *fc = format_ctx_new(emit_then_stop, &items, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "posts/your_posts_1.html");
	struct entry_stream *s = entry_stream_from_memory(posts19, strlen(posts19));
	assert_int_equal(format_facebook_html.parse(fc, s), CS_FATAL);
	assert_int_equal(items.n, 1);
	entry_stream_free(s);
	tu_items_release(&items);
	format_ctx_free(fc, NULL);

	/* The entry breaks after the first item and in the middle of the second. */
	const char *cut = strstr(strstr(posts19, ITEM19) + 1, ITEM19) + 40;
	struct failing f = {posts19, (size_t)(cut - posts19), 0};
	memset(&items, 0, sizeof items);
	fc = format_ctx_new(tu_items_emit, &items, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "posts/your_posts_1.html");
	s = entry_stream_new(&failing_backend, &f, -1);
	assert_int_equal(format_facebook_html.parse(fc, s), CS_FAILED);
	entry_stream_free(s);
	assert_true(items.n >= 1);
	assert_string_equal(items.v[0]->text, "Rota again,\nthe council & its \"plans\"");
	const struct warning *w = first_warning(fc, "cut-short");
	assert_non_null(w);
	assert_non_null(strstr(w->message, "corrupt archive"));
	tu_items_release(&items);
	format_ctx_free(fc, NULL);
}

static void test_facebook_html__bid(void **state)
{
	(void)state;
	const unsigned char html[] = "<!DOCTYPE html>\n<html><head>";
	const unsigned char html2[] = "<html><head><meta";
	const unsigned char json[] = "{\"status_updates\": []}";
	size_t hl = sizeof html - 1, h2 = sizeof html2 - 1;
	int (*bid)(const char *, const unsigned char *, size_t) = format_facebook_html.bid;
	assert_true(bid("posts/your_posts_1.html", html, hl) > 0);
	assert_true(bid("x-2019/comments/comments.html", html2, h2) > 0);
	assert_true(bid("friends/friends.html", html, hl) > 0);
	assert_true(bid("likes_and_reactions/pages.html", html, hl) > 0);
	assert_true(bid("groups/your_posts_and_comments_in_groups.html", html, hl) > 0);
	assert_true(bid("profile_information/profile_information.html", html, hl) > 0);
	assert_true(bid("top/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html", html, hl) > 0);
	assert_true(bid("your_facebook_activity/comments_and_reactions/likes_and_reactions_1.html", html, hl) > 0);
	assert_true(bid("connections/friends/your_friends.html", html, hl) > 0);
	assert_true(bid("personal_information/profile_information/profile_information.html", html, hl) > 0);
	assert_int_equal(bid("posts/your_posts_1.json", json, sizeof json - 1), 0);
	assert_int_equal(bid("posts/your_posts_1.html", json, sizeof json - 1), 0);
	assert_int_equal(bid("index.html", html, hl), 0);
	assert_int_equal(bid("start_here.html", html, hl), 0);
	assert_int_equal(bid("posts/other_people's_posts_to_your_timeline.html", html, hl), 0);
	assert_int_equal(bid("messages/inbox/x/message_1.html", html, hl), 0);
	assert_int_equal(bid("posts/media/your_posts/1.jpg", html, hl), 0);
}

/* The shipped samples: every page claimed, the counts per kind. */
static void parse_sample_tree(const char *root, const char *const *pages, size_t n, size_t *counts,
			      struct account *acct)
{
	memset(counts, 0, ITEM_KIND_COUNT * sizeof *counts);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", root, pages[i]);
		size_t len = 0;
		char *doc = tu_read(path, &len);
		if (!doc)
			fail_msg("cannot read '%s'", path);
		assert_true(format_facebook_html.bid(path, (unsigned char *)doc, len < 4096 ? len : 4096) > 0);
		struct tu_items items;
		memset(&items, 0, sizeof items);
		struct format_ctx *fc = format_ctx_new(tu_items_emit, &items, NULL, acct, 0);
		format_ctx_set_source(fc, 0, root);
		format_ctx_set_entry(fc, 0, pages[i]);
		struct entry_stream *s = entry_stream_from_memory(doc, len);
		int rc = format_facebook_html.parse(fc, s);
		entry_stream_free(s);
		assert_true(rc == CS_OK || rc == CS_WARN);
		assert_spans(&items, doc, len, NULL, NULL);
		for (size_t k = 0; k < items.n; k++)
			counts[items.v[k]->kind]++;
		tu_items_release(&items);
		format_ctx_free(fc, NULL);
		free(doc);
		free(path);
	}
}

static void test_facebook_html__samples(void **state)
{
	(void)state;
	static const char *const pages19[] = {
		"posts/your_posts_1.html", "posts/your_posts_2.html", "comments/comments.html",
		"likes_and_reactions/posts_and_comments.html", "likes_and_reactions/pages.html",
		"friends/friends.html", "groups/your_group_membership_activity.html",
		"groups/your_posts_and_comments_in_groups.html",
		"profile_information/profile_information.html",
	};
	size_t c[ITEM_KIND_COUNT];
	struct account a;
	memset(&a, 0, sizeof a);
	parse_sample_tree("samples/facebook-html-2019", pages19, sizeof pages19 / sizeof *pages19, c, &a);
	assert_int_equal(c[ITEM_POST], 5);
	assert_int_equal(c[ITEM_COMMENT], 2);
	assert_int_equal(c[ITEM_LIKE], 3);
	assert_int_equal(c[ITEM_CONNECTION], 3);
	assert_int_equal(c[ITEM_GROUP], 2);
	assert_int_equal(c[ITEM_PROFILE], 8);
	assert_int_equal(a.n_work, 2);
	assert_string_equal(a.work[0].employer, "Ashworth Borough Council");
	assert_string_equal(a.work[0].title, "Housing Options Officer");
	assert_int_equal(a.emails.n, 2);
	account_release(&a);

	static const char *const pages24[] = {
		"your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html",
		"your_facebook_activity/comments_and_reactions/comments.html",
		"your_facebook_activity/comments_and_reactions/likes_and_reactions_1.html",
		"connections/friends/your_friends.html",
		"your_facebook_activity/groups/your_group_membership_activity.html",
		"personal_information/profile_information/profile_information.html",
	};
	memset(&a, 0, sizeof a);
	parse_sample_tree("samples/facebook-html-2024/facebook-zoepembleton-2024-06-02-Xy34Zw", pages24,
			  sizeof pages24 / sizeof *pages24, c, &a);
	assert_int_equal(c[ITEM_POST], 3);
	assert_int_equal(c[ITEM_COMMENT], 1);
	assert_int_equal(c[ITEM_LIKE], 2);
	assert_int_equal(c[ITEM_CONNECTION], 2);
	assert_int_equal(c[ITEM_GROUP], 1);
	assert_int_equal(c[ITEM_PROFILE], 4);
	assert_int_equal(a.n_work, 1);
	assert_string_equal(a.display_name, "Zo\xC3\xAB Pembleton");
	account_release(&a);
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facebook_html__posts_2019),
		cmocka_unit_test(test_facebook_html__posts_2024),
		cmocka_unit_test(test_facebook_html__date_forms),
		cmocka_unit_test(test_facebook_html__ambiguous_time_takes_earlier),
		cmocka_unit_test(test_facebook_html__french_date_kept_as_text),
		cmocka_unit_test(test_facebook_html__kinds_from_files),
		cmocka_unit_test(test_facebook_html__profile_2019_work_history),
		cmocka_unit_test(test_facebook_html__profile_2024_cells),
		cmocka_unit_test(test_facebook_html__spans_across_chunk_sizes),
		cmocka_unit_test(test_facebook_html__damaged_page),
		cmocka_unit_test(test_facebook_html__not_a_page_and_big_item),
		cmocka_unit_test(test_facebook_html__no_position_falls_back),
		cmocka_unit_test(test_facebook_html__bad_utf8_stays_local),
		cmocka_unit_test(test_facebook_html__fatal_and_read_error),
		cmocka_unit_test(test_facebook_html__bid),
		cmocka_unit_test(test_facebook_html__samples),
	};
	return cmocka_run_group_tests_name("facebook_html", tests, setup_london, NULL);
}

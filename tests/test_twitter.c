#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/twitter_int.h"
#include "scanner/timez.h"
#include "scanner/warnings.h"
#include "scanner/xalloc.h"

extern const struct format_ops format_twitter;

#define MAX_ENTRIES 24

/* A sample tree parsed entry by entry, as the pipeline would: one context
 * for the run, the entries in the order given (bytewise, like a folder
 * walk). */
struct tree {
	struct tu_items items;
	struct format_ctx *fc;
	const char *entries[MAX_ENTRIES];
	char *bytes[MAX_ENTRIES];
	size_t lens[MAX_ENTRIES];
	int rcs[MAX_ENTRIES];
	size_t n;
};

static void tree_add_buffer(struct tree *t, const char *entry, char *bytes, size_t len)
{
	assert_true(t->n < MAX_ENTRIES);
	if (!t->fc) {
		t->fc = format_ctx_new(tu_items_emit, &t->items, NULL, NULL, 0);
		format_ctx_set_source(t->fc, 0, "sample");
	}
	size_t i = t->n++;
	t->entries[i] = entry;
	t->bytes[i] = bytes;
	t->lens[i] = len;
	format_ctx_set_entry(t->fc, (unsigned)i, entry);
	struct entry_stream *s = entry_stream_from_memory(bytes, len);
	t->rcs[i] = format_twitter.parse(t->fc, s);
	entry_stream_free(s);
}

static void tree_parse(struct tree *t, const char *sample, const char *const *entries)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; entries[i]; i++) {
		char *path = xasprintf("samples/%s/%s", sample, entries[i]);
		size_t len = 0;
		char *bytes = tu_read(path, &len);
		if (!bytes)
			fail_msg("cannot read '%s'", path);
		free(path);
		/* Every sample file is claimed with certainty. */
		int b = format_twitter.bid(entries[i], (const unsigned char *)bytes,
					   len < 4096 ? len : 4096);
		if (b < 90)
			fail_msg("bid %d for '%s'", b, entries[i]);
		tree_add_buffer(t, entries[i], bytes, len);
	}
}

static void tree_release(struct tree *t)
{
	tu_items_release(&t->items);
	format_ctx_free(t->fc, &format_twitter);
	for (size_t i = 0; i < t->n; i++)
		free(t->bytes[i]);
	memset(t, 0, sizeof *t);
}

/* Every item's offset/length locate bytes of its entry whose SHA-256 is the
 * item's, and those bytes are the raw bytes handed over. */
static void assert_spans(const struct tree *t)
{
	for (size_t i = 0; i < t->items.n; i++) {
		const struct item *it = t->items.v[i];
		assert_true(it->entry_index < t->n);
		const char *bytes = t->bytes[it->entry_index];
		size_t len = t->lens[it->entry_index];
		assert_string_equal(it->entry, t->entries[it->entry_index]);
		assert_true(it->offset >= 0 && it->length > 0);
		assert_true((size_t)(it->offset + it->length) <= len);
		char want[65], got[65];
		tu_sha256_hex(bytes + it->offset, (size_t)it->length, want);
		for (int k = 0; k < 32; k++)
			snprintf(got + 2 * k, 3, "%02x", it->sha256[k]);
		assert_string_equal(got, want);
		assert_int_equal(it->raw_len, (size_t)it->length);
		assert_memory_equal(it->raw, bytes + it->offset, it->raw_len);
		assert_string_equal(it->platform, "twitter");
	}
}

static struct item *must_find(const struct tu_items *l, enum item_kind kind, const char *id)
{
	struct item *it = tu_items_find(l, kind, id);
	if (!it)
		fail_msg("no %s item with id '%s'", item_kind_name(kind), id);
	return it;
}

static void assert_utc(const struct item *it, const char *want)
{
	char buf[TIMEZ_BUFSZ];
	assert_int_equal(it->time_source, ITEM_TIME_UTC);
	assert_string_equal(timez_utc(it->created_at, buf), want);
}

static const struct item *profile_field(const struct tu_items *l, const char *field)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]->kind == ITEM_PROFILE && strcmp(l->v[i]->field, field) == 0)
			return l->v[i];
	fail_msg("no profile field '%s'", field);
	return NULL;
}

static int64_t offset_of(const char *bytes, const char *needle)
{
	const char *p = strstr(bytes, needle);
	assert_non_null(p);
	return (int64_t)(p - bytes);
}

/* ---- bid ------------------------------------------------------------ */

static int bid_of(const char *path, const char *head)
{
	return format_twitter.bid(path, (const unsigned char *)head, strlen(head));
}

static void test_twitter__bid(void **state)
{
	(void)state;
	const char *ytd = "window.YTD.tweets.part0 = [";
	const char *const ours[] = {
		"data/tweets.js", "data/tweets-part1.js", "data/tweets-part12.js", "data/tweet.js",
		"data/tweet-part3.js", "data/like.js", "data/account.js", "data/profile.js",
		"data/follower.js", "data/following.js", "data/direct-messages.js",
		"data/direct-messages-part1.js", "data/direct-messages-group.js",
		"data/direct-messages-group-part2.js", "data/deleted-tweets.js",
		"data/note-tweet.js", "data/community-tweet.js", "data/manifest.js",
		"twitter-2023-01-01-abc/data/tweets.js", "outer.zip!data/like.js",
	};
	for (size_t i = 0; i < sizeof ours / sizeof *ours; i++) {
		int b = bid_of(ours[i], ytd);
		if (b < 90)
			fail_msg("bid %d for '%s'", b, ours[i]);
	}
	/* A BOM before the prefix is fine. */
	assert_true(bid_of("data/tweets.js", "\xEF\xBB\xBFwindow.YTD.tweets.part0 = [") >= 90);
	/* The path alone: low; not the head at all outside data/: nothing. */
	int low = bid_of("data/tweets.js", "[{\"id\": 1}]");
	assert_true(low > 0 && low < 90);
	assert_int_equal(bid_of("tweets.js", "[{\"id\": 1}]"), 0);
	assert_int_equal(bid_of("tweets.js", ytd), 0);
	assert_int_equal(bid_of("other/like.js", ytd), 0);
	/* Other window.YTD files are not claimed: the report lists them. */
	const char *const theirs[] = {
		"data/ad-impressions.js", "data/tweet-headers.js", "data/deleted-tweet-headers.js",
		"data/direct-message-headers.js", "data/ip-audit.js", "data/block.js",
		"data/tweets_media/1-a.jpg", "data/README.txt", "data/tweetsx.js",
		"data/js/tweet_index.js", "data/js/payload_details.js", "manifest.js",
		"posts/your_posts_1.json",
	};
	for (size_t i = 0; i < sizeof theirs / sizeof *theirs; i++) {
		int b = bid_of(theirs[i], ytd);
		if (b != 0)
			fail_msg("bid %d for '%s'", b, theirs[i]);
	}
	assert_true(bid_of("data/js/tweets/2015_01.js", "Grailbird.data.tweets_2015_01 = \n [") >= 90);
	assert_true(bid_of("x/data/js/tweets/2015_01.js", "Grailbird.data.tweets_2015_01 = [") >= 90);
	assert_int_equal(bid_of("data/js/tweets/2015_1.js", "Grailbird.data.tweets_2015_1 = ["), 0);
	assert_true(bid_of("data/js/user_details.js", "var user_details =  {") >= 90);
}

/* ---- the current X layout ------------------------------------------- */

static const char *const layout_2022[] = {
	"data/account.js", "data/community-tweet.js", "data/deleted-tweets.js",
	"data/direct-messages-group.js", "data/direct-messages.js", "data/follower.js",
	"data/following.js", "data/like.js", "data/manifest.js", "data/note-tweet.js",
	"data/profile.js", "data/tweets-part1.js", "data/tweets.js", NULL,
};

static void test_twitter__layout_2022_counts_and_provenance(void **state)
{
	(void)state;
	struct tree t;
	tree_parse(&t, "twitter-2022", layout_2022);
	for (size_t i = 0; i < t.n; i++)
		if (t.rcs[i] != CS_OK)
			fail_msg("'%s' returned %d", t.entries[i], t.rcs[i]);
	assert_int_equal(format_ctx_warnings(t.fc)->n, 0);
	assert_int_equal(tu_items_count(&t.items, ITEM_POST), 9);
	assert_int_equal(tu_items_count(&t.items, ITEM_SHARE), 1);
	assert_int_equal(tu_items_count(&t.items, ITEM_LIKE), 3);
	assert_int_equal(tu_items_count(&t.items, ITEM_CONNECTION), 4);
	assert_int_equal(tu_items_count(&t.items, ITEM_MESSAGE), 6);
	assert_int_equal(tu_items_count(&t.items, ITEM_PROFILE), 7);
	assert_int_equal(t.items.n, 30);
	/* The layout comes from the anchors, not the parser. */
	assert_null(format_ctx_layout(t.fc));
	assert_spans(&t);
	tree_release(&t);
}

static void test_twitter__layout_2022_tweets(void **state)
{
	(void)state;
	struct tree t;
	tree_parse(&t, "twitter-2022", layout_2022);
	const struct tu_items *l = &t.items;

	struct item *it = must_find(l, ITEM_POST, "1612345678901234101");
	assert_utc(it, "2023-01-10T10:30:00Z");
	assert_string_equal(it->text,
			    "Site notice up for the Mill Lane scheme & comments close Friday. Numbers > "
			    "last year! #BrackenfordPlanning @BrackenfordBC https://t.co/Ab12Cd34Ef "
			    "https://t.co/Ph0t0Li9k1");
	assert_string_equal(it->author, "@dana_whitcombe");
	assert_string_equal(it->url, "https://twitter.com/dana_whitcombe/status/1612345678901234101");
	assert_int_equal(it->hashtags.n, 1);
	assert_string_equal(it->hashtags.v[0], "#BrackenfordPlanning");
	assert_int_equal(it->mentions.n, 1);
	assert_string_equal(it->mentions.v[0], "@BrackenfordBC");
	assert_int_equal(it->urls.n, 1);
	assert_string_equal(it->urls.v[0], "https://www.brackenford.example.gov.uk/planning/mill-lane");
	assert_int_equal(it->n_attachments, 1);
	assert_string_equal(it->attachments[0].ref,
			    "data/tweets_media/1612345678901234101-FmIlLaNe01AbCd.jpg");
	assert_null(it->in_reply_to);
	assert_false(it->deleted);
	/* The exhibit is the whole {"tweet": ...} element. */
	assert_string_equal(it->entry, "data/tweets.js");
	assert_int_equal(it->offset, offset_of(t.bytes[12], "{\n    \"tweet\""));

	it = must_find(l, ITEM_SHARE, "1612345678901234102");
	assert_string_equal(it->text,
			    "RT @BrackenfordBC: Bin collections move to Thursday next week & garden "
			    "waste resumes in March.");
	assert_utc(it, "2023-01-11T08:05:12Z");

	it = must_find(l, ITEM_POST, "1612345678901234103");
	assert_string_equal(it->in_reply_to, "1612345678901230000");
	assert_string_equal(it->in_reply_to_user, "@cllr_jmarsh");
	assert_null(it->context);
	assert_string_equal(it->text, "@cllr_jmarsh With respect, the committee hasn't even read "
				      "the officer report \xF0\x9F\x98\x80");

	/* A video: the archive holds the best mp4 variant, not the thumbnail. */
	it = must_find(l, ITEM_POST, "1612345678901234104");
	assert_int_equal(it->n_attachments, 1);
	assert_string_equal(it->attachments[0].ref, "data/tweets_media/1612345678901234104-HiReS01.mp4");

	/* tweets-part1.js */
	it = must_find(l, ITEM_POST, "1598765432109876501");
	assert_string_equal(it->entry, "data/tweets-part1.js");
	assert_string_equal(it->text,
			    "Another week of Gareth Pell's shambles at the depot. Honestly <facepalm> "
			    "#NotMyManager");
	assert_utc(it, "2022-11-28T17:20:00Z");
	must_find(l, ITEM_POST, "1598765432109876502");

	/* deleted-tweets.js */
	it = must_find(l, ITEM_POST, "1601111111111111107");
	assert_true(it->deleted);
	assert_true(it->has_deleted_at);
	char buf[TIMEZ_BUFSZ];
	assert_string_equal(timez_utc(it->deleted_at, buf), "2022-12-03T23:25:41Z");
	assert_utc(it, "2022-12-03T23:10:00Z");
	assert_string_equal(it->attachments[0].ref,
			    "data/deleted_tweets_media/1601111111111111107-DeLeTeD01xYz.jpg");

	/* note-tweet.js, both shapes */
	it = must_find(l, ITEM_POST, "1620000000000000201");
	assert_utc(it, "2023-02-01T18:00:00Z");
	assert_string_equal(it->text,
			    "Long thread on the budget: the council says one thing in public & another "
			    "in the staff briefing. I'll say it plainly here. https://t.co/N0t3Url01");
	assert_string_equal(it->hashtags.v[0], "#BrackenfordBudget");
	assert_string_equal(it->mentions.v[0], "@BrackenfordBC");
	assert_string_equal(it->urls.v[0], "https://www.brackenford.example.gov.uk/budget");
	assert_null(it->url);
	it = must_find(l, ITEM_POST, "1620000000000000202");
	assert_int_equal(it->time_source, ITEM_TIME_NONE);
	assert_string_equal(it->text, "Second long post, the older shape: planning committee notes "
				      "for anyone interested.");
	assert_string_equal(it->url, "https://twitter.com/dana_whitcombe/status/1620000000000000299");
	assert_string_equal(it->mentions.v[0], "@cllr_jmarsh");

	/* community-tweet.js */
	it = must_find(l, ITEM_POST, "1625555555555555301");
	assert_string_equal(it->group, "1625000000000000001");
	assert_utc(it, "2023-02-19T14:00:00Z");
	tree_release(&t);
}

static void test_twitter__layout_2022_likes_connections(void **state)
{
	(void)state;
	struct tree t;
	tree_parse(&t, "twitter-2022", layout_2022);
	const struct tu_items *l = &t.items;
	struct item *it = must_find(l, ITEM_LIKE, "1611111111111111401");
	assert_string_equal(it->text, "Brackenford council tax up again & services down. Disgrace.");
	assert_string_equal(it->url, "https://twitter.com/i/web/status/1611111111111111401");
	assert_int_equal(it->time_source, ITEM_TIME_NONE);
	must_find(l, ITEM_LIKE, "1611111111111111403");

	it = must_find(l, ITEM_CONNECTION, "follower:1410000000000000501");
	assert_string_equal(it->counterpart, "1410000000000000501");
	assert_string_equal(it->relation, "follower");
	assert_string_equal(it->url, "https://twitter.com/intent/user?user_id=1410000000000000501");
	it = must_find(l, ITEM_CONNECTION, "following:1410000000000000900");
	assert_string_equal(it->relation, "following");
	assert_string_equal(it->counterpart, "1410000000000000900");
	tree_release(&t);
}

static void test_twitter__layout_2022_direct_messages(void **state)
{
	(void)state;
	struct tree t;
	tree_parse(&t, "twitter-2022", layout_2022);
	const struct tu_items *l = &t.items;
	const char *dm = t.bytes[4];    /* data/direct-messages.js */
	int64_t conv1 = offset_of(dm, "{\n    \"dmConversation\"");

	/* The middle message: context is the one before and the one after. */
	struct item *it = must_find(l, ITEM_MESSAGE, "1630000000000000702");
	assert_string_equal(it->text, "What's going on with Mill Lane?");
	assert_string_equal(it->author, "1410000000000000501");
	/* Received: the other party is the sender. */
	assert_string_equal(it->counterpart, "1410000000000000501");
	assert_utc(it, "2023-03-01T09:05:00Z");
	assert_string_equal(it->context,
			    "Morning! Got a minute?\n\nFine. Keep it between us, the Mill Lane report is "
			    "being rewritten before committee.");
	/* Its span is its conversation element's. */
	assert_int_equal(it->offset, conv1);

	it = must_find(l, ITEM_MESSAGE, "1630000000000000701");
	assert_string_equal(it->author, "1410000000000000001");
	assert_string_equal(it->counterpart, "1410000000000000501");
	assert_string_equal(it->context, "What's going on with Mill Lane?");
	assert_int_equal(it->offset, conv1);

	it = must_find(l, ITEM_MESSAGE, "1630000000000000703");
	assert_string_equal(it->context, "What's going on with Mill Lane?");

	it = must_find(l, ITEM_MESSAGE, "1630000000000000711");
	assert_null(it->context);
	assert_true(it->offset > conv1);
	assert_string_equal(it->counterpart, "1410000000000000601");
	assert_int_equal(it->n_attachments, 1);
	assert_string_equal(it->attachments[0].ref,
			    "data/direct_messages_media/1630000000000000711-PlAnPic1.jpg");
	assert_string_equal(it->urls.v[0], "https://www.brackenford.example.gov.uk/plan.pdf");

	/* A group conversation: the join event is not a message. */
	it = must_find(l, ITEM_MESSAGE, "1640000000000000802");
	assert_string_equal(it->entry, "data/direct-messages-group.js");
	assert_string_equal(it->text, "Team chat is live, no managers allowed \xF0\x9F\x8D\xBA");
	assert_string_equal(it->counterpart, "1640000000000000800");
	assert_string_equal(it->group, "1640000000000000800");
	assert_string_equal(it->context, "Drinks after the depot visit?");
	assert_utc(it, "2023-04-05T12:01:00Z");
	it = must_find(l, ITEM_MESSAGE, "1640000000000000803");
	assert_string_equal(it->context, "Team chat is live, no managers allowed \xF0\x9F\x8D\xBA");
	tree_release(&t);
}

static void test_twitter__layout_2022_account_and_profile(void **state)
{
	(void)state;
	struct tree t;
	tree_parse(&t, "twitter-2022", layout_2022);
	const struct tu_items *l = &t.items;
	struct account *a = format_ctx_account(t.fc);
	assert_string_equal(a->handle, "@dana_whitcombe");
	assert_string_equal(a->display_name, "Dana Whitcombe");
	assert_int_equal(a->emails.n, 1);
	assert_string_equal(a->emails.v[0], "dana.whitcombe@brackenford.example.gov.uk");
	char buf[TIMEZ_BUFSZ];
	assert_string_equal(timez_utc(a->created_at, buf), "2019-05-03T09:12:44Z");
	assert_string_equal(a->bio, "Planning officer @BrackenfordBC. Allotments & cycling. "
				    "#BrackenfordPlanning");
	assert_string_equal(a->location, "Brackenford, England");
	assert_int_equal(a->websites.n, 1);
	assert_string_equal(a->websites.v[0], "https://t.co/WeBs1te001");

	assert_string_equal(profile_field(l, "handle")->text, "@dana_whitcombe");
	assert_string_equal(profile_field(l, "display_name")->text, "Dana Whitcombe");
	assert_string_equal(profile_field(l, "email")->text, "dana.whitcombe@brackenford.example.gov.uk");
	const struct item *bio = profile_field(l, "bio");
	assert_string_equal(bio->text, a->bio);
	assert_string_equal(bio->id, "1410000000000000001:bio");
	assert_string_equal(bio->entry, "data/profile.js");
	assert_string_equal(profile_field(l, "website")->text, "https://t.co/WeBs1te001");
	assert_string_equal(profile_field(l, "location")->text, "Brackenford, England");
	const struct item *avatar = profile_field(l, "avatar");
	assert_int_equal(avatar->n_attachments, 1);
	assert_string_equal(avatar->attachments[0].ref,
			    "data/profile_media/1410000000000000001-AvAtAr01.jpg");
	tree_release(&t);
}

/* Without account.js first, tweet URLs use the i/web form; a damaged
 * element in the middle of a part loses only itself. */
static void test_twitter__damaged_element_mid_part(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = tu_read("samples/twitter-2022/data/tweets.js", &len);
	assert_non_null(bytes);
	/* Break the second element without changing any offset. */
	char *second = strstr(strstr(bytes, "{\n    \"tweet\"") + 1, "{\n    \"tweet\"");
	assert_non_null(second);
	char *flag = strstr(second, "\"retweeted\" : false");
	assert_non_null(flag);
	memcpy(flag + strlen("\"retweeted\" : "), "fa1se", 5);

	struct tree t;
	memset(&t, 0, sizeof t);
	tree_add_buffer(&t, "data/tweets.js", bytes, len);
	assert_int_equal(t.rcs[0], CS_WARN);
	assert_int_equal(t.items.n, 3);
	assert_non_null(tu_items_find(&t.items, ITEM_POST, "1612345678901234101"));
	assert_null(tu_items_find(&t.items, ITEM_SHARE, "1612345678901234102"));
	struct item *it = must_find(&t.items, ITEM_POST, "1612345678901234103");
	assert_string_equal(it->url, "https://twitter.com/i/web/status/1612345678901234103");
	assert_null(it->author);
	must_find(&t.items, ITEM_POST, "1612345678901234104");
	const struct warnings *w = format_ctx_warnings(t.fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "bad-element");
	assert_string_equal(w->v[0].entry, "data/tweets.js");
	assert_int_equal(w->v[0].offset, (int64_t)(second - bytes));
	assert_spans(&t);
	tree_release(&t);
}

static void test_twitter__part_cut_short(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = tu_read("samples/twitter-2022/data/tweets.js", &len);
	assert_non_null(bytes);
	const char *third = strstr(bytes, "\"id_str\" : \"1612345678901234103\"");
	assert_non_null(third);
	size_t cut = (size_t)(third - bytes);

	struct tree t;
	memset(&t, 0, sizeof t);
	tree_add_buffer(&t, "data/tweets.js", bytes, cut);
	assert_int_equal(t.rcs[0], CS_WARN);
	assert_int_equal(t.items.n, 2);
	must_find(&t.items, ITEM_POST, "1612345678901234101");
	must_find(&t.items, ITEM_SHARE, "1612345678901234102");
	const struct warnings *w = format_ctx_warnings(t.fc);
	assert_true(w->n >= 1);
	assert_int_equal(warnings_count(w, "cut-short"), w->n);
	assert_spans(&t);
	tree_release(&t);
}

static void test_twitter__bad_time_is_never_a_wrong_date(void **state)
{
	(void)state;
	const char *doc =
		"window.YTD.tweets.part0 = [\n"
		"  {\n    \"tweet\" : {\"id_str\" : \"1\", \"created_at\" : \"Thu Feb 30 25:61:00 +0000 2023\","
		" \"full_text\" : \"a\"}\n  },\n"
		"  {\n    \"tweet\" : {\"id_str\" : \"2\", \"created_at\" : \"Fri Feb 03 10:00:00 +0000 2023\","
		" \"full_text\" : \"b\"}\n  }\n]";
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(&format_twitter, "data/tweets.js", doc, strlen(doc),
						&items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 2);
	struct item *bad = must_find(&items, ITEM_POST, "1");
	assert_int_equal(bad->time_source, ITEM_TIME_NONE);
	assert_utc(must_find(&items, ITEM_POST, "2"), "2023-02-03T10:00:00Z");
	const struct warnings *w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "bad-time");
	assert_int_equal(w->v[0].offset, (int64_t)(strstr(doc, "{\n    \"tweet\"") - doc));
	tu_items_release(&items);
	format_ctx_free(fc, &format_twitter);
}

static void test_twitter__not_what_its_name_says(void **state)
{
	(void)state;
	/* like.js holding something else: given up after a few elements. */
	struct buf b = BUF_INIT(0);
	buf_adds(&b, "window.YTD.like.part0 = [");
	for (int i = 0; i < 50; i++)
		buf_addf(&b, "%s\n  {\n    \"block\" : {\"accountId\" : \"%d\"}\n  }", i ? "," : "", i);
	buf_adds(&b, "\n]");
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(&format_twitter, "data/like.js", b.p, b.len, &items, &rc);
	assert_int_equal(rc, CS_FAILED);
	assert_int_equal(items.n, 0);
	const struct warnings *w = format_ctx_warnings(fc);
	assert_true(w->n <= 6);
	assert_int_equal(warnings_count(w, "not-twitter"), 1);
	assert_int_equal(warnings_count(w, "bad-element"), 5);
	tu_items_release(&items);
	format_ctx_free(fc, &format_twitter);
	buf_release(&b);

	/* Not JSON at all. */
	const char *html = "<html><body>tweets</body></html>";
	fc = tu_parse_buffer(&format_twitter, "data/tweets.js", html, strlen(html), &items, &rc);
	assert_int_equal(rc, CS_FAILED);
	assert_int_equal(items.n, 0);
	assert_int_equal(warnings_count(format_ctx_warnings(fc), "not-json"), 1);
	format_ctx_free(fc, &format_twitter);

	/* A few odd elements among good ones: only they are lost. */
	const char *mixed = "window.YTD.like.part0 = [\n"
			    "  {\n    \"like\" : {\"tweetId\" : \"1\"}\n  },\n"
			    "  {\n    \"nope\" : {}\n  },\n"
			    "  {\n    \"like\" : {\"tweetId\" : \"3\", \"fullText\" : \"x &amp; y\"}\n  }\n]";
	fc = tu_parse_buffer(&format_twitter, "data/like.js", mixed, strlen(mixed), &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 2);
	assert_string_equal(must_find(&items, ITEM_LIKE, "3")->text, "x & y");
	const struct warnings *w2 = format_ctx_warnings(fc);
	assert_int_equal(w2->n, 1);
	assert_string_equal(w2->v[0].code, "bad-element");
	assert_int_equal(w2->v[0].offset, (int64_t)(strstr(mixed, "{\n    \"nope\"") - mixed));
	tu_items_release(&items);
	format_ctx_free(fc, &format_twitter);
}

/* ---- the 2020 and 2019 layouts ------------------------------------- */

static void test_twitter__layout_2020(void **state)
{
	(void)state;
	static const char *const entries[] = {
		"data/account.js", "data/direct-messages.js", "data/follower.js", "data/following.js",
		"data/like.js", "data/profile.js", "data/tweet-part1.js", "data/tweet.js", NULL,
	};
	struct tree t;
	tree_parse(&t, "twitter-2020", entries);
	for (size_t i = 0; i < t.n; i++)
		assert_int_equal(t.rcs[i], CS_OK);
	assert_int_equal(format_ctx_warnings(t.fc)->n, 0);
	assert_string_equal(format_ctx_layout(t.fc), "twitter-2020");
	const struct tu_items *l = &t.items;
	assert_int_equal(tu_items_count(l, ITEM_POST), 3);
	assert_int_equal(tu_items_count(l, ITEM_SHARE), 1);
	assert_int_equal(tu_items_count(l, ITEM_LIKE), 1);
	assert_int_equal(tu_items_count(l, ITEM_CONNECTION), 2);
	assert_int_equal(tu_items_count(l, ITEM_MESSAGE), 2);
	/* handle, display_name, email; bio, location, avatar (the website is empty) */
	assert_int_equal(tu_items_count(l, ITEM_PROFILE), 6);

	struct item *it = must_find(l, ITEM_POST, "1290000000000000001");
	assert_string_equal(it->text,
			    "Back at the Civic Centre after lockdown. Planning backlog > 400 files "
			    "#BrackenfordPlanning");
	assert_utc(it, "2020-08-03T08:30:00Z");
	assert_string_equal(it->attachments[0].ref, "data/tweet_media/1290000000000000001-CiViC01.png");
	assert_string_equal(it->url, "https://twitter.com/dana_whitcombe/status/1290000000000000001");
	must_find(l, ITEM_SHARE, "1290000000000000002");
	it = must_find(l, ITEM_POST, "1290000000000000003");
	assert_string_equal(it->text, "@cllr_jmarsh Rubbish decision & you know it.");
	assert_string_equal(it->in_reply_to, "1289999999999999999");
	assert_string_equal(it->in_reply_to_user, "@cllr_jmarsh");
	it = must_find(l, ITEM_POST, "1280000000000000004");
	assert_string_equal(it->entry, "data/tweet-part1.js");
	it = must_find(l, ITEM_MESSAGE, "1290000000000000701");
	assert_string_equal(it->text, "Marsh is a clown");
	assert_string_equal(it->context, "Ha, agreed");
	assert_string_equal(format_ctx_account(t.fc)->bio, "Planner. Views my own.");
	assert_int_equal(format_ctx_account(t.fc)->websites.n, 0);
	assert_spans(&t);
	tree_release(&t);
}

static void test_twitter__layout_2019_unwrapped(void **state)
{
	(void)state;
	static const char *const entries[] = {"data/account.js", "data/like.js", "data/tweet.js", NULL};
	struct tree t;
	tree_parse(&t, "twitter-2019", entries);
	for (size_t i = 0; i < t.n; i++)
		assert_int_equal(t.rcs[i], CS_OK);
	assert_int_equal(format_ctx_warnings(t.fc)->n, 0);
	assert_string_equal(format_ctx_layout(t.fc), "twitter-2019");
	const struct tu_items *l = &t.items;
	assert_int_equal(tu_items_count(l, ITEM_POST), 2);
	assert_int_equal(tu_items_count(l, ITEM_SHARE), 1);
	assert_int_equal(tu_items_count(l, ITEM_LIKE), 1);
	/* handle, display_name, email, phone */
	assert_int_equal(tu_items_count(l, ITEM_PROFILE), 4);
	struct item *it = must_find(l, ITEM_POST, "1140000000000000001");
	assert_string_equal(it->text, "Planning committee tonight & I am presenting. Wish me luck "
				      "#BrackenfordPlanning");
	assert_utc(it, "2019-06-18T12:02:00Z");
	/* The element is the bare object after "[ " or "}, ". */
	assert_int_equal(it->offset, offset_of(t.bytes[2], "[ {") + 2);
	it = must_find(l, ITEM_SHARE, "1140000000000000002");
	assert_string_equal(it->text, "RT @BrackenfordBC: Consultation on the Local Plan opens today.");
	it = must_find(l, ITEM_POST, "1140000000000000003");
	assert_string_equal(it->in_reply_to, "1140000000000000000");
	assert_string_equal(it->in_reply_to_user, "@neighbour_ted");
	assert_string_equal(it->attachments[0].ref, "data/tweet_media/1140000000000000003-MaP0001.jpg");
	assert_string_equal(profile_field(l, "phone")->text, "+447700900123");
	assert_string_equal(format_ctx_account(t.fc)->phones.v[0], "+447700900123");
	it = must_find(l, ITEM_LIKE, "1130000000000000501");
	assert_string_equal(it->text, "Local Plan consultation & drop-in sessions");
	assert_null(it->url);
	assert_spans(&t);
	tree_release(&t);
}

/* The 2019 layout puts elements after "[ " and "}, ": damage there, even
 * in the first element, loses only the damaged one, and the layout is
 * still told from the next. */
static void test_twitter__damaged_2019_first_element(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = tu_read("samples/twitter-2019/data/tweet.js", &len);
	assert_non_null(bytes);
	char *flag = strstr(bytes, "\"truncated\" : false");
	assert_non_null(flag);
	memcpy(flag + strlen("\"truncated\" : "), "fa1se", 5);

	struct tree t;
	memset(&t, 0, sizeof t);
	tree_add_buffer(&t, "data/tweet.js", bytes, len);
	assert_int_equal(t.rcs[0], CS_WARN);
	assert_int_equal(t.items.n, 2);
	assert_null(tu_items_find(&t.items, ITEM_POST, "1140000000000000001"));
	must_find(&t.items, ITEM_SHARE, "1140000000000000002");
	must_find(&t.items, ITEM_POST, "1140000000000000003");
	assert_string_equal(format_ctx_layout(t.fc), "twitter-2019");
	const struct warnings *w = format_ctx_warnings(t.fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "bad-element");
	assert_int_equal(w->v[0].offset, offset_of(bytes, "[ {") + 2);
	assert_spans(&t);
	tree_release(&t);
}

/* ---- Grailbird ------------------------------------------------------ */

static void test_twitter__grailbird(void **state)
{
	(void)state;
	static const char *const entries[] = {
		"data/js/tweets/2015_01.js", "data/js/tweets/2015_02.js", "data/js/user_details.js", NULL,
	};
	struct tree t;
	tree_parse(&t, "twitter-grailbird", entries);
	for (size_t i = 0; i < t.n; i++)
		assert_int_equal(t.rcs[i], CS_OK);
	assert_int_equal(format_ctx_warnings(t.fc)->n, 0);
	const struct tu_items *l = &t.items;
	assert_int_equal(tu_items_count(l, ITEM_POST), 2);
	assert_int_equal(tu_items_count(l, ITEM_SHARE), 1);
	assert_int_equal(tu_items_count(l, ITEM_PROFILE), 4);

	struct item *it = must_find(l, ITEM_POST, "558000000000000001");
	assert_utc(it, "2015-01-20T17:30:00Z");
	assert_string_equal(it->text, "First week at Brackenford planning dept! #newjob https://t.co/oldLink01");
	assert_string_equal(it->author, "@dana_whitcombe");
	assert_string_equal(it->url, "https://twitter.com/dana_whitcombe/status/558000000000000001");
	assert_string_equal(it->hashtags.v[0], "#newjob");
	assert_string_equal(it->urls.v[0], "http://www.brackenford.example.gov.uk/jobs");
	/* Grailbird archives hold no media: the URL is the reference. */
	assert_string_equal(it->attachments[0].ref, "https://pbs.twimg.com/media/B7oLdPiC01.jpg");

	it = must_find(l, ITEM_SHARE, "559000000000000002");
	assert_string_equal(it->text, "RT @BrackenfordBC: Gritters out tonight & tomorrow.");
	assert_utc(it, "2015-01-24T02:02:37Z");
	assert_int_equal(it->offset, offset_of(t.bytes[0], "[ {") + 2);

	it = must_find(l, ITEM_POST, "562000000000000003");
	assert_string_equal(it->entry, "data/js/tweets/2015_02.js");
	assert_string_equal(it->in_reply_to, "561999999999999999");
	assert_string_equal(it->in_reply_to_user, "@cllr_jmarsh");

	struct account *a = format_ctx_account(t.fc);
	assert_string_equal(a->handle, "@dana_whitcombe");
	assert_string_equal(a->display_name, "Dana Whitcombe");
	assert_string_equal(a->bio, "Planner in training & cyclist");
	assert_string_equal(a->location, "Brackenford");
	char buf[TIMEZ_BUFSZ];
	assert_string_equal(timez_utc(a->created_at, buf), "2011-05-03T09:12:44Z");
	const struct item *bio = profile_field(l, "bio");
	assert_string_equal(bio->text, "Planner in training & cyclist");
	assert_string_equal(bio->entry, "data/js/user_details.js");
	/* The member's value is the exhibit. */
	assert_int_equal(bio->offset, offset_of(t.bytes[2], "\"Planner in training"));
	assert_spans(&t);
	tree_release(&t);
}

/* ---- the manifest --------------------------------------------------- */

static char *dup_str(const char *s, size_t *len)
{
	*len = strlen(s);
	return xstrdup(s);
}

static void test_twitter__manifest_cross_check(void **state)
{
	(void)state;
	struct tree t;
	memset(&t, 0, sizeof t);
	size_t len;
	char *manifest = dup_str(
		"window.__THAR_CONFIG = {\n"
		"  \"userInfo\" : {\"accountId\" : \"77\", \"userName\" : \"from_manifest\", \"displayName\" : \"M\"},\n"
		"  \"dataTypes\" : {\n"
		"    \"tweets\" : {\"files\" : [\n"
		"      {\"fileName\" : \"data/tweets.js\", \"globalName\" : \"YTD.tweets.part0\", \"count\" : \"5\"}\n"
		"    ]},\n"
		"    \"like\" : {\"files\" : [{\"fileName\" : \"data/like.js\", \"globalName\" : \"YTD.like.part0\", \"count\" : \"1\"}]},\n"
		"    \"adImpressions\" : {\"files\" : [{\"fileName\" : \"data/ad-impressions.js\", \"count\" : \"9\"}]}\n"
		"  }\n"
		"}", &len);
	tree_add_buffer(&t, "data/manifest.js", manifest, len);
	assert_int_equal(t.rcs[0], CS_OK);
	assert_int_equal(format_ctx_warnings(t.fc)->n, 0);
	assert_string_equal(format_ctx_account(t.fc)->handle, "@from_manifest");

	char *tweets = tu_read("samples/twitter-2022/data/tweets.js", &len);
	tree_add_buffer(&t, "data/tweets.js", tweets, len);
	assert_int_equal(t.items.n, 4);
	/* The handle from the manifest makes URLs exact. */
	assert_string_equal(must_find(&t.items, ITEM_POST, "1612345678901234101")->url,
			    "https://twitter.com/from_manifest/status/1612345678901234101");
	const struct warnings *w = format_ctx_warnings(t.fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "manifest-count");
	assert_non_null(strstr(w->v[0].message, "'data/tweets.js'"));

	/* A part the manifest does not list is read all the same. */
	char *part = dup_str("window.YTD.tweets.part2 = [\n  {\n    \"tweet\" : {\"id_str\" : \"9\","
			     " \"created_at\" : \"Fri Feb 03 10:00:00 +0000 2023\", \"full_text\" : \"late\"}\n  }\n]",
			     &len);
	tree_add_buffer(&t, "data/tweets-part2.js", part, len);
	assert_int_equal(t.items.n, 5);
	must_find(&t.items, ITEM_POST, "9");
	assert_int_equal(warnings_count(w, "manifest-unlisted"), 1);

	/* A listed file that matches gives nothing more. */
	char *like = dup_str("window.YTD.like.part0 = [ {\"like\" : {\"tweetId\" : \"5\"}} ]", &len);
	tree_add_buffer(&t, "data/like.js", like, len);
	assert_int_equal(w->n, 2);
	tree_release(&t);
}

/* The manifest read after the files it lists checks them all the same. */
static void test_twitter__manifest_after_files(void **state)
{
	(void)state;
	struct tree t;
	memset(&t, 0, sizeof t);
	size_t len;
	char *like = dup_str("window.YTD.like.part0 = [ {\"like\" : {\"tweetId\" : \"5\"}} ]", &len);
	tree_add_buffer(&t, "export/data/like.js", like, len);
	char *follower = dup_str("window.YTD.follower.part0 = [ ]", &len);
	tree_add_buffer(&t, "export/data/follower.js", follower, len);
	char *manifest = dup_str(
		"window.__THAR_CONFIG = {\"dataTypes\" : {\n"
		"  \"like\" : {\"files\" : [{\"fileName\" : \"data/like.js\", \"count\" : \"2\"}]}\n}}", &len);
	tree_add_buffer(&t, "export/data/manifest.js", manifest, len);
	const struct warnings *w = format_ctx_warnings(t.fc);
	assert_int_equal(warnings_count(w, "manifest-count"), 1);
	assert_int_equal(warnings_count(w, "manifest-unlisted"), 1);
	assert_int_equal(w->n, 2);
	tree_release(&t);
}

/* ---- text ----------------------------------------------------------- */

static void check_decode(const char *in, const char *want)
{
	char *got = twitter_decode_entities(in, strlen(in));
	assert_string_equal(got, want);
	free(got);
}

static void test_twitter__entities(void **state)
{
	(void)state;
	check_decode("&amp;&lt;&gt;&quot;&#39;&apos;", "&<>\"''");
	check_decode("&#x1F600; &#128512; &#X41;", "\xF0\x9F\x98\x80 \xF0\x9F\x98\x80 A");
	check_decode("caf&eacute; &copy; &nbsp;!", "caf\xC3\xA9 \xC2\xA9 \xC2\xA0!");
	/* Not references, or not valid ones: kept as written. */
	check_decode("&#0; &#xD800; &#x110000; &#99999999999; &#; &#x;", "&#0; &#xD800; &#x110000; &#99999999999; &#; &#x;");
	check_decode("&bogus; & alone &amp no semicolon &&amp;", "&bogus; & alone &amp no semicolon &&");
	check_decode("&#-5; &# 5; &#+5;", "&#-5; &# 5; &#+5;");
	check_decode("&amp;lt; once only", "&lt; once only");
	check_decode("", "");
	check_decode("trailing &", "trailing &");
	check_decode("&averyveryverylongentityname;", "&averyveryverylongentityname;");
}

/* ---- streaming ------------------------------------------------------ */

static int count_emit(void *arg, struct item *it)
{
	size_t *n = arg;
	(*n)++;
	item_release(it);
	free(it);
	return CS_OK;
}

/* ~10k tweets in one part: one element at a time, nothing kept per tweet. */
static void test_twitter__ten_thousand_tweets(void **state)
{
	(void)state;
	struct buf b = BUF_INIT(0);
	buf_adds(&b, "window.YTD.tweets.part0 = [");
	const int n = 10000;
	for (int i = 0; i < n; i++)
		buf_addf(&b,
			 "%s\n  {\n    \"tweet\" : {\n      \"id_str\" : \"%d\",\n"
			 "      \"created_at\" : \"Tue Jan 10 10:%02d:%02d +0000 2023\",\n"
			 "      \"entities\" : {\"hashtags\" : [{\"text\" : \"t%d\"}], \"user_mentions\" : [], \"urls\" : []},\n"
			 "      \"full_text\" : \"tweet %d &amp; more %s\"\n    }\n  }",
			 i ? "," : "", 100000 + i, (i / 60) % 60, i % 60, i % 7, i,
			 i % 3 ? "plain" : "RT @someone: shared");
	buf_adds(&b, "\n]");
	size_t emitted = 0;
	struct format_ctx *fc = format_ctx_new(count_emit, &emitted, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "data/tweets.js");
	struct entry_stream *s = entry_stream_from_memory(b.p, b.len);
	int rc = format_twitter.parse(fc, s);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(emitted, (size_t)n);
	assert_int_equal(format_ctx_warnings(fc)->n, 0);
	/* The state holds the handle, the id and one count per data file. */
	struct twitter_state *st = twitter_state_get(fc);
	assert_int_equal(st->n_files, 1);
	entry_stream_free(s);
	format_ctx_free(fc, &format_twitter);
	buf_release(&b);
}

static int fatal_emit(void *arg, struct item *it)
{
	size_t *n = arg;
	(*n)++;
	item_release(it);
	free(it);
	return CS_FATAL;
}

static void test_twitter__fatal_emit_stops_at_once(void **state)
{
	(void)state;
	size_t len = 0;
	char *bytes = tu_read("samples/twitter-2022/data/direct-messages.js", &len);
	assert_non_null(bytes);
	size_t emitted = 0;
	struct format_ctx *fc = format_ctx_new(fatal_emit, &emitted, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "data/direct-messages.js");
	struct entry_stream *s = entry_stream_from_memory(bytes, len);
	assert_int_equal(format_twitter.parse(fc, s), CS_FATAL);
	assert_int_equal(emitted, 1);
	entry_stream_free(s);
	format_ctx_free(fc, &format_twitter);
	free(bytes);
}

int main(void)
{
	xalloc_init();
	struct cs_error err = {0};
	if (timez_set("UTC", &err) != 0)
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_twitter__bid),
		cmocka_unit_test(test_twitter__layout_2022_counts_and_provenance),
		cmocka_unit_test(test_twitter__layout_2022_tweets),
		cmocka_unit_test(test_twitter__layout_2022_likes_connections),
		cmocka_unit_test(test_twitter__layout_2022_direct_messages),
		cmocka_unit_test(test_twitter__layout_2022_account_and_profile),
		cmocka_unit_test(test_twitter__damaged_element_mid_part),
		cmocka_unit_test(test_twitter__part_cut_short),
		cmocka_unit_test(test_twitter__bad_time_is_never_a_wrong_date),
		cmocka_unit_test(test_twitter__not_what_its_name_says),
		cmocka_unit_test(test_twitter__layout_2020),
		cmocka_unit_test(test_twitter__layout_2019_unwrapped),
		cmocka_unit_test(test_twitter__damaged_2019_first_element),
		cmocka_unit_test(test_twitter__grailbird),
		cmocka_unit_test(test_twitter__manifest_cross_check),
		cmocka_unit_test(test_twitter__manifest_after_files),
		cmocka_unit_test(test_twitter__entities),
		cmocka_unit_test(test_twitter__ten_thousand_tweets),
		cmocka_unit_test(test_twitter__fatal_emit_stops_at_once),
	};
	return cmocka_run_group_tests_name("twitter", tests, NULL, NULL);
}

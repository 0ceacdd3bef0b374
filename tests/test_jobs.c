/*
 * -j changes speed and nothing else (SPEC "-j", DESIGN "The flow"): an
 * X archive large enough to span many read chunks and two tweet parts,
 * with replies whose parents come before and after them, retweets, likes,
 * flagged and unflagged items interleaved, scanned with -j 1, -j 2 and -j 3
 * into the same --out (the previous bundle moved away, SOURCE_DATE_EPOCH
 * set): findings.json and SHA256SUMS (which covers every other file) are
 * byte for byte the same.
 *
 * The archive is made here (5,000 tweets, about 5 MB of JSON), so that
 * make check stays fast; tests/bench/gen.c makes the large ones.
 */
#include "tests/testutil.h"

#include <archive.h>
#include <archive_entry.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scanner/buf.h"
#include "scanner/xalloc.h"

#define N_TWEETS 5000u
#define N_LIKES 1500u

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = tu_tmpdir();
	setenv("SOURCE_DATE_EPOCH", "1763719200", 1);  /* 2025-11-21T10:00:00Z */
	return tmp ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmrf(tmp);
	free(tmp);
	return 0;
}

static void add_entry(struct archive *a, const char *name, const char *p, size_t n)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_mtime(e, 1763719200, 0);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)n);
	assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
	assert_int_equal(archive_write_data(a, p, n), (la_ssize_t)n);
	archive_entry_free(e);
}

static const char *const words[] = {
	"the", "canal", "walk", "today", "bins", "late", "again", "lovely", "morning", "library",
	"planning", "meeting", "coffee", "Zoë", "café", "&amp;", "&gt;", "🎉", "bus", "queue",
};

/* Text of tweet i: flagged ones (offensive, a phone number, speaking for the
 * council) are spread through both parts. */
static void tweet_text(struct buf *b, unsigned i)
{
	if (i % 7 == 3)
		buf_addf(b, "RT @canal_trust: ");
	for (unsigned w = 0; w < 8 + i % 13; w++)
		buf_addf(b, "%s%s", w ? " " : "", words[(i * 7 + w * 3) % (sizeof words / sizeof *words)]);
	if (i % 37 == 5)
		buf_adds(b, " what a load of fvcking bollocks");
	if (i % 101 == 17)
		buf_addf(b, " ring me on 07700 9%05u", i);
	if (i % 211 == 40)
		buf_adds(b, " We at the council have decided to close the library");
}

static unsigned long long tweet_id(unsigned i)
{
	return 1700000000000000000ull - (unsigned long long)i * 1000003ull;
}

static void tweets_part(struct buf *b, unsigned part, unsigned from, unsigned to)
{
	buf_addf(b, "window.YTD.tweets.part%u = [\n", part);
	for (unsigned i = from; i < to; i++) {
		struct buf t = BUF_INIT(0);
		tweet_text(&t, i);
		/* newest first; a few share a second, so order ties are tested */
		long long when = 1760000000ll - (long long)(i / 3) * 5400;
		time_t tt = (time_t)when;
		struct tm tm;
		gmtime_r(&tt, &tm);
		char created[64];
		strftime(created, sizeof created, "%a %b %d %H:%M:%S +0000 %Y", &tm);
		buf_addf(b, "%s  {\n    \"tweet\" : {\n      \"retweeted\" : false,\n"
			    "      \"entities\" : {\n        \"hashtags\" : [ ],\n"
			    "        \"user_mentions\" : [ ],\n        \"urls\" : [ ]\n      },\n",
			 i > from ? ",\n" : "");
		if (i % 5 == 2) {
			/* a reply to a tweet in this archive: older (later in the
			 * file) or, every other time, newer */
			unsigned parent = i % 10 == 2 ? (i + 11) % N_TWEETS : (i + N_TWEETS - 9) % N_TWEETS;
			buf_addf(b, "      \"in_reply_to_status_id_str\" : \"%llu\",\n"
				    "      \"in_reply_to_screen_name\" : \"dana_whitcombe\",\n",
				 tweet_id(parent));
		}
		buf_addf(b, "      \"id_str\" : \"%llu\",\n      \"id\" : \"%llu\",\n"
			    "      \"created_at\" : \"%s\",\n      \"full_text\" : \"%s\",\n"
			    "      \"lang\" : \"en\"\n    }\n  }",
			 tweet_id(i), tweet_id(i), created, buf_str(&t));
		buf_release(&t);
	}
	buf_adds(b, "\n]");
}

/* The archive: two tweet parts, likes, account and profile. */
static char *make_archive(void)
{
	char *path = xasprintf("%s/jobs.zip", tmp);
	struct archive *a = archive_write_new();
	archive_write_set_format_zip(a);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	struct buf b = BUF_INIT(0);

	buf_adds(&b, "window.YTD.account.part0 = [\n  {\n    \"account\" : {\n"
		     "      \"email\" : \"dana@example.net\",\n      \"username\" : \"dana_whitcombe\",\n"
		     "      \"accountId\" : \"1410000000000000001\",\n"
		     "      \"accountDisplayName\" : \"Dana Whitcombe\"\n    }\n  }\n]");
	add_entry(a, "data/account.js", buf_str(&b), b.len);
	buf_reset(&b);
	buf_adds(&b, "window.YTD.profile.part0 = [\n  {\n    \"profile\" : {\n"
		     "      \"description\" : {\n        \"bio\" : \"Planning officer at Brackenford "
		     "Borough Council\",\n        \"location\" : \"Brackenford\"\n      }\n    }\n  }\n]");
	add_entry(a, "data/profile.js", buf_str(&b), b.len);
	buf_reset(&b);

	buf_adds(&b, "window.YTD.like.part0 = [\n");
	for (unsigned i = 0; i < N_LIKES; i++) {
		struct buf t = BUF_INIT(0);
		tweet_text(&t, i * 3 + 1);
		buf_addf(&b, "%s  {\n    \"like\" : {\n      \"tweetId\" : \"%llu\",\n"
			     "      \"fullText\" : \"%s\"\n    }\n  }",
			 i ? ",\n" : "", 1600000000000000000ull + i, buf_str(&t));
		buf_release(&t);
	}
	buf_adds(&b, "\n]");
	add_entry(a, "data/like.js", buf_str(&b), b.len);
	buf_reset(&b);

	tweets_part(&b, 1, N_TWEETS / 2, N_TWEETS);
	add_entry(a, "data/tweets-part1.js", buf_str(&b), b.len);
	buf_reset(&b);
	tweets_part(&b, 0, 0, N_TWEETS / 2);
	assert_true(b.len > 1u << 20);      /* many 64 KiB read chunks */
	add_entry(a, "data/tweets.js", buf_str(&b), b.len);
	buf_release(&b);
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
	return path;
}

static char *read_in(const char *dir, const char *name, size_t *n)
{
	char *p = xasprintf("%s/%s", dir, name);
	char *s = tu_read(p, n);
	free(p);
	assert_non_null(s);
	return s;
}

static void assert_same_file(const char *a, const char *b, const char *name, const char *what)
{
	size_t na, nb;
	char *ca = read_in(a, name, &na), *cb = read_in(b, name, &nb);
	if (na != nb || memcmp(ca, cb, na) != 0) {
		size_t i = 0;
		while (i < na && i < nb && ca[i] == cb[i])
			i++;
		size_t from = i > 80 ? i - 80 : 0;
		fail_msg("%s differs from -j 1 in %s at byte %zu:\n-j 1: %.160s\n%s: %.160s", what,
			 name, i, ca + from, what, cb + from);
	}
	free(ca);
	free(cb);
}

static void test_jobs__findings_do_not_depend_on_jobs(void **state)
{
	(void)state;
	char *zip = make_archive();
	char *out = xasprintf("%s/bundle", tmp);
	char *first = xasprintf("%s/bundle-j1", tmp);
	char *o = NULL, *e = NULL;
	int rc = tu_run(&o, &e, "scan", "-q", "-j", "1", "-o", out, zip, NULL);
	if (rc != 1)
		fail_msg("scan -j 1: exit %d (expected 1, findings): %s", rc, e);
	free(o);
	free(e);
	assert_int_equal(rename(out, first), 0);

	/* enough to matter: both parts parsed, findings spread over them */
	size_t n;
	char *fj = read_in(first, "findings.json", &n);
	json_error_t je;
	json_t *j = json_loadb(fj, n, 0, &je);
	assert_non_null(j);
	json_t *counts = json_object_get(j, "counts");
	assert_int_equal(json_integer_value(json_object_get(counts, "post")) +
				 json_integer_value(json_object_get(counts, "share")),
			 N_TWEETS);
	assert_int_equal(json_integer_value(json_object_get(counts, "like")), N_LIKES);
	assert_true(json_array_size(json_object_get(j, "findings")) > 100);
	json_decref(j);
	free(fj);

	static const char *const jobs[] = {"2", "3"};
	for (size_t k = 0; k < sizeof jobs / sizeof *jobs; k++) {
		rc = tu_run(&o, &e, "scan", "-q", "-j", jobs[k], "-o", out, zip, NULL);
		if (rc != 1)
			fail_msg("scan -j %s: exit %d: %s", jobs[k], rc, e);
		free(o);
		free(e);
		char *what = xasprintf("-j %s", jobs[k]);
		assert_same_file(first, out, "findings.json", what);
		assert_same_file(first, out, "SHA256SUMS", what);
		free(what);
		tu_rmrf(out);
	}
	free(first);
	free(out);
	free(zip);
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jobs__findings_do_not_depend_on_jobs),
	};
	return cmocka_run_group_tests_name("jobs", tests, setup, teardown);
}

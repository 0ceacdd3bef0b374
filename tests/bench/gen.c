/*
 * gen: deterministic large exports for `make bench` and tests/test_jobs.c.
 *
 *   gen twitter  [--seed N] [--tweets N] [--likes N] [--media-mib N] -o OUT.zip
 *   gen facebook [--seed N] [--posts N] [--comments N] [--reactions N]
 *                [--friends N] [--media-mib N] -o OUT.zip
 *
 * twitter: a current X archive (twitter-2022 layout): data/tweets.js and
 * data/tweets-partN.js cut at about 100 MB each, like.js, account.js,
 * profile.js, manifest.js listing every part with its count, and
 * data/tweets_media/ of incompressible files (a JPEG header, then random
 * bytes) each attached to a tweet.  Tweets are pretty-printed like the real
 * export, with entities, replies, retweets ("RT @"), HTML entities to
 * decode, non-ASCII text, and one tweet in 500 carrying an offensive word
 * (one in 2000 a phone number), so the policy engine has work to do.
 *
 * facebook: a facebook-json-2024 export: posts (cut at about 100 MB into
 * your_posts__check_ins__photos_and_videos_N.json), comments.json
 * ({"comments_v2": [...]}), likes_and_reactions_N.json, your_friends.json,
 * profile_information.json, with Facebook's per-byte \u00XX escapes of
 * UTF-8, and media under your_facebook_activity/posts/media/.
 *
 * JSON entries are deflated; media are stored (as the exports ship them,
 * and as the issue's archive is measured).  The same arguments always give
 * the same bytes: one xorshift64* stream from the seed, a fixed mtime
 * (SOURCE_DATE_EPOCH or 2026-11-01), TZ forced to UTC for zip DOS times,
 * no host names, uid/gid 0.  The archive is written under OUT.tmp and
 * renamed, so an interrupted run never leaves a plausible OUT behind.
 */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PART_MAX (100u << 20)

/* ---- randomness ------------------------------------------------------- */

static uint64_t rs = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 2685821657736338717ull;
}

static unsigned rn(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static const char *pick(const char *const *v, size_t n)
{
	return v[rn((unsigned)n)];
}
#define PICK(a) pick(a, sizeof a / sizeof *a)

/* ---- a growable buffer ------------------------------------------------ */

struct sb {
	char *p;
	size_t n, cap;
};

static void die(const char *what)
{
	fprintf(stderr, "gen: %s\n", what);
	exit(1);
}

static void sb_grow(struct sb *b, size_t more)
{
	if (b->n + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 1u << 16;
	while (cap < b->n + more + 1)
		cap *= 2;
	b->p = realloc(b->p, cap);
	if (!b->p)
		die("out of memory");
	b->cap = cap;
}

static void sb_add(struct sb *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void sb_puts(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("format");
	sb_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

/* A JSON string body: UTF-8 kept (X), or every byte >= 0x80 as its own
 * \u00XX (Facebook). */
static void sb_json(struct sb *b, const char *s, int fb)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\') {
			char e[2] = {'\\', (char)*p};
			sb_add(b, e, 2);
		} else if (*p >= 0x80 && fb) {
			sb_printf(b, "\\u00%02x", *p);
		} else {
			sb_add(b, (const char *)p, 1);
		}
	}
}

/* ---- the archive ------------------------------------------------------ */

static struct archive *ar;
static time_t mtime_all = 1793491200;      /* 2026-11-01T00:00:00Z */
static unsigned long long bytes_json, bytes_media;

static void add_entry(const char *name, const void *p, size_t n, int store)
{
	if (store)
		archive_write_zip_set_compression_store(ar);
	else
		archive_write_zip_set_compression_deflate(ar);
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_mtime(e, mtime_all, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)n);
	if (archive_write_header(ar, e) != ARCHIVE_OK)
		die(archive_error_string(ar));
	const char *q = p;
	for (size_t done = 0; done < n;) {
		size_t k = n - done < (1u << 20) ? n - done : (1u << 20);
		if (archive_write_data(ar, q + done, k) != (la_ssize_t)k)
			die(archive_error_string(ar));
		done += k;
	}
	archive_entry_free(e);
	if (store)
		bytes_media += n;
	else
		bytes_json += n;
}

static void add_sb(const char *name, struct sb *b)
{
	add_entry(name, b->p, b->n, 0);
	b->n = 0;
}

/* Incompressible media: a file-type header, then random bytes. */
static void add_media(const char *name, size_t n, int jpeg)
{
	static unsigned char *buf;
	static size_t cap;
	if (n > cap) {
		buf = realloc(buf, n);
		if (!buf)
			die("out of memory");
		cap = n;
	}
	for (size_t i = 0; i < n; i += 8) {
		uint64_t x = rnd();
		memcpy(buf + i, &x, n - i < 8 ? n - i : 8);
	}
	static const unsigned char jfif[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0};
	static const unsigned char mp4[] = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};
	if (jpeg && n >= sizeof jfif)
		memcpy(buf, jfif, sizeof jfif);
	else if (!jpeg && n >= sizeof mp4)
		memcpy(buf, mp4, sizeof mp4);
	add_entry(name, buf, n, 1);
}

static void open_archive(const char *tmp)
{
	ar = archive_write_new();
	archive_write_set_format_zip(ar);
	if (archive_write_open_filename(ar, tmp) != ARCHIVE_OK)
		die(archive_error_string(ar));
}

static void close_archive(const char *tmp, const char *out)
{
	if (archive_write_close(ar) != ARCHIVE_OK)
		die(archive_error_string(ar));
	archive_write_free(ar);
	if (rename(tmp, out) != 0)
		die("cannot rename the archive into place");
}

/* ---- text ------------------------------------------------------------- */

static const char *const words[] = {
	"the", "a", "and", "to", "of", "in", "on", "for", "with", "at", "is", "was", "it", "this",
	"that", "we", "I", "you", "they", "our", "my", "just", "really", "again", "today",
	"tomorrow", "week", "morning", "evening", "weekend", "bus", "train", "canal", "park",
	"library", "bins", "road", "roadworks", "planning", "meeting", "coffee", "lunch", "walk",
	"dog", "cat", "garden", "rain", "sunshine", "football", "match", "pub", "quiz", "bake",
	"sale", "school", "run", "market", "festival", "music", "gig", "tickets", "new", "old",
	"great", "lovely", "busy", "quiet", "long", "short", "happy", "tired", "finally",
	"back", "out", "up", "down", "home", "town", "centre", "high", "street", "shop", "open",
	"closed", "late", "early", "queue", "photo", "view", "hill", "river", "bridge", "cycle",
	"lane", "potholes", "council", "tax", "budget", "consultation", "residents", "community",
	"volunteers", "charity", "fundraiser", "thanks", "everyone", "who", "came", "along",
	"brilliant", "turnout", "cafe", "café", "Zoë", "naïve", "façade", "crème", "brûlée",
	"£5", "50%", "&amp;", "&gt;", "&lt;3", "😀", "🎉", "👍", "Ł", "ß", "don't", "can't",
};

static const char *const offensive[] = {
	"fvcking", "bollocks", "wanker", "shite", "twat", "bloody useless idiots",
	"what a load of crap", "tosser", "pissed off", "bastards",
};

static const char *const hashtags[] = {
	"BrackenfordPlanning", "Brackenford", "LocalElections", "FridayFeeling", "CanalWalk",
	"BakeSale", "ParkRun", "CanalFestival", "MondayMotivation", "Football", "Roadworks",
};

static const char *const handles[] = {
	"BrackenfordBC", "canal_trust", "priya_s", "tom_ellis", "bfd_news", "millane_residents",
	"greenparty_bfd", "localbus", "parkrun_bfd", "the_quizmaster", "jess_w", "markyb",
};

static const char *const names[] = {
	"Priya Shah", "Tom Ellis", "Jess Walker", "Mark Brown", "Siân Ellery", "Tomás Brennan",
	"Aoife Lindqvist", "Gareth Pell", "Dylan Moss", "Chloé Martin", "Sam O'Neill", "Ravi Patel",
};

/* A sentence of about len bytes; o: an offensive phrase in it, p: a phone
 * number. */
static void sentence(struct sb *b, size_t len, int o, int phone)
{
	size_t start = b->n;
	size_t at = o ? rn((unsigned)(len / 2 + 1)) : (size_t)-1;
	while (b->n - start < len) {
		if (b->n != start)
			sb_puts(b, " ");
		if (b->n - start >= at) {
			sb_puts(b, PICK(offensive));
			at = (size_t)-1;
			continue;
		}
		sb_puts(b, PICK(words));
	}
	if (phone)
		sb_printf(b, " call me on 07700 9%05u", rn(100000));
	if (at != (size_t)-1)
		sb_printf(b, " %s", PICK(offensive));
}

/* ---- twitter ---------------------------------------------------------- */

struct tw_opts {
	unsigned tweets, likes, media_mib;
};

static void created_at(char *out, size_t n, time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, n, "%a %b %d %H:%M:%S +0000 %Y", &tm);
}

static void indices(struct sb *b, const char *ind, unsigned a, unsigned z)
{
	sb_printf(b, "%s\"indices\" : [\n%s  \"%u\",\n%s  \"%u\"\n%s]", ind, ind, a, ind, z, ind);
}

static void tw_media_obj(struct sb *b, const char *ind, unsigned long long id, const char *key,
			 const char *handle, int video)
{
	sb_printf(b, "%s{\n", ind);
	sb_printf(b, "%s  \"expanded_url\" : \"https://twitter.com/%s/status/%llu/%s/1\",\n", ind,
		  handle, id, video ? "video" : "photo");
	char in[64];
	snprintf(in, sizeof in, "%s  ", ind);
	indices(b, in, 100, 123);
	sb_printf(b, ",\n%s  \"url\" : \"https://t.co/%.10s\",\n", ind, key);
	sb_printf(b, "%s  \"media_url\" : \"http://pbs.twimg.com/media/%s.%s\",\n", ind, key,
		  video ? "mp4" : "jpg");
	sb_printf(b, "%s  \"id_str\" : \"%llu\",\n%s  \"id\" : \"%llu\",\n", ind, id - 7, ind, id - 7);
	sb_printf(b, "%s  \"media_url_https\" : \"https://pbs.twimg.com/media/%s.%s\",\n", ind, key,
		  video ? "mp4" : "jpg");
	sb_printf(b, "%s  \"sizes\" : {\n%s    \"thumb\" : {\n%s      \"w\" : \"150\",\n"
		     "%s      \"h\" : \"150\",\n%s      \"resize\" : \"crop\"\n%s    }\n%s  },\n",
		  ind, ind, ind, ind, ind, ind, ind);
	sb_printf(b, "%s  \"type\" : \"%s\",\n%s  \"display_url\" : \"pic.twitter.com/%.10s\"\n%s}",
		  ind, video ? "video" : "photo", ind, key, ind);
}

static void media_key(char key[16])
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	for (int i = 0; i < 15; i++)
		key[i] = al[rn(62)];
	key[15] = '\0';
}

/* One tweet element, pretty-printed as X writes it.  media: the name of
 * its media file is written to mname (else mname[0] = 0). */
static void tweet(struct sb *b, unsigned i, time_t t, unsigned long long id, int media,
		  char *mname, size_t mcap, int *video)
{
	const char *handle = "dana_whitcombe";
	struct sb text = {0};
	int rt = rn(100) < 12;
	int reply = !rt && rn(100) < 15;
	const char *rt_of = PICK(handles);
	if (rt)
		sb_printf(&text, "RT @%s: ", rt_of);
	if (reply)
		sb_printf(&text, "@%s ", PICK(handles));
	sentence(&text, 20 + rn(140), i % 500 == 7, i % 2000 == 1234);
	unsigned nh = rn(100) < 20 ? 1 + rn(2) : 0;
	unsigned nm = rn(100) < 15 ? 1 : 0;
	unsigned nu = rn(100) < 15 ? 1 : 0;
	const char *tags[2] = {0}, *ment = NULL;
	char url[16] = "", key[16] = "";
	for (unsigned k = 0; k < nh; k++) {
		tags[k] = PICK(hashtags);
		sb_printf(&text, " #%s", tags[k]);
	}
	if (nm) {
		ment = PICK(handles);
		sb_printf(&text, " @%s", ment);
	}
	if (nu) {
		media_key(url);
		url[10] = '\0';
		sb_printf(&text, " https://t.co/%s", url);
	}
	*video = 0;
	mname[0] = '\0';
	if (media) {
		media_key(key);
		*video = rn(10) == 0;
		snprintf(mname, mcap, "%llu-%s.%s", id, key, *video ? "mp4" : "jpg");
		sb_printf(&text, " https://t.co/%.10s", key);
	}

	char when[64], until[64];
	created_at(when, sizeof when, t);
	time_t u = t + 3600;
	struct tm tm;
	gmtime_r(&u, &tm);
	strftime(until, sizeof until, "%Y-%m-%dT%H:%M:%S.000Z", &tm);

	sb_puts(b, "  {\n    \"tweet\" : {\n");
	/* X has kept edit_info since editing came (September 2022) */
	if (t >= 1661990400) {
			sb_printf(b, "      \"edit_info\" : {\n        \"initial\" : {\n          \"editTweetIds\" : [\n"
			     "            \"%llu\"\n          ],\n          \"editableUntil\" : \"%s\",\n"
			     "          \"editsRemaining\" : \"5\",\n          \"isEditEligible\" : %s\n"
			     "        }\n      },\n",
			  id, until, rn(4) ? "false" : "true");
	}
	sb_printf(b, "      \"retweeted\" : false,\n      \"source\" : \"<a href=\\\"%s\\\" "
		     "rel=\\\"nofollow\\\">%s</a>\",\n",
		  rn(2) ? "http://twitter.com/download/android" : "https://mobile.twitter.com",
		  rn(2) ? "Twitter for Android" : "Twitter Web App");
	sb_puts(b, "      \"entities\" : {\n        \"hashtags\" : [");
	for (unsigned k = 0; k < nh; k++) {
		sb_printf(b, "%s\n          {\n            \"text\" : \"%s\",\n", k ? "," : "", tags[k]);
		indices(b, "            ", 10 * k, 10 * k + (unsigned)strlen(tags[k]) + 1);
		sb_puts(b, "\n          }");
	}
	sb_puts(b, nh ? "\n        ],\n" : " ],\n");
	sb_puts(b, "        \"symbols\" : [ ],\n        \"user_mentions\" : [");
	if (rt || reply || nm) {
		const char *m = rt ? rt_of : ment ? ment : PICK(handles);
		sb_printf(b, "\n          {\n            \"name\" : \"%s\",\n"
			     "            \"screen_name\" : \"%s\",\n",
			  PICK(names), m);
		indices(b, "            ", 3, 3 + (unsigned)strlen(m));
		unsigned long long uid = 1000000000ull + (unsigned long long)(m[0] * 7919 + m[1]);
		sb_printf(b, ",\n            \"id_str\" : \"%llu\",\n            \"id\" : \"%llu\"\n"
			     "          }\n        ],\n",
			  uid, uid);
	} else {
		sb_puts(b, " ],\n");
	}
	sb_puts(b, "        \"urls\" : [");
	if (nu) {
		sb_printf(b, "\n          {\n            \"url\" : \"https://t.co/%s\",\n"
			     "            \"expanded_url\" : \"https://www.example.org/news/%u\",\n"
			     "            \"display_url\" : \"example.org/news/%u\",\n",
			  url, rn(100000), rn(100000));
		indices(b, "            ", 40, 63);
		sb_puts(b, "\n          }\n        ]");
	} else {
		sb_puts(b, " ]");
	}
	if (media) {
		sb_puts(b, ",\n        \"media\" : [\n");
		tw_media_obj(b, "          ", id, key, handle, *video);
		sb_puts(b, "\n        ]");
	}
	sb_puts(b, "\n      },\n");
	size_t tl = text.n;
	sb_printf(b, "      \"display_text_range\" : [\n        \"0\",\n        \"%zu\"\n      ],\n", tl);
	sb_printf(b, "      \"favorite_count\" : \"%u\",\n", rn(4) ? rn(5) : rn(300));
	if (reply) {
		unsigned long long pid = id - 1000000 - rn(1000000);
		sb_printf(b, "      \"in_reply_to_status_id_str\" : \"%llu\",\n"
			     "      \"in_reply_to_status_id\" : \"%llu\",\n",
			  pid, pid);
	}
	sb_printf(b, "      \"id_str\" : \"%llu\",\n      \"truncated\" : false,\n"
		     "      \"retweet_count\" : \"%u\",\n      \"id\" : \"%llu\",\n",
		  id, rt ? 0 : rn(3), id);
	if (reply) {
		const char *to = PICK(handles);
		unsigned long long uid = 1000000000ull + (unsigned long long)(to[0] * 7919 + to[1]);
		sb_printf(b, "      \"in_reply_to_user_id\" : \"%llu\",\n"
			     "      \"in_reply_to_user_id_str\" : \"%llu\",\n"
			     "      \"in_reply_to_screen_name\" : \"%s\",\n",
			  uid, uid, to);
	}
	sb_printf(b, "      \"created_at\" : \"%s\",\n      \"favorited\" : false,\n"
		     "      \"full_text\" : \"",
		  when);
	sb_json(b, text.p, 0);
	sb_puts(b, "\",\n      \"lang\" : \"en\"");
	if (media) {
		sb_puts(b, ",\n      \"extended_entities\" : {\n        \"media\" : [\n");
		tw_media_obj(b, "          ", id, key, handle, *video);
		sb_puts(b, "\n        ]\n      },\n      \"possibly_sensitive\" : false");
	}
	sb_puts(b, "\n    }\n  }");
	free(text.p);
}

struct part {
	char name[64];
	char global[64];
	unsigned count;
};

static void twitter(const struct tw_opts *o)
{
	/* Media: files of 512 KiB on average (pairs of +d/-d, so the total is
	 * exact), attached to evenly spread tweets. */
	unsigned long long media_total = (unsigned long long)o->media_mib << 20;
	unsigned n_media = (unsigned)(media_total / (512u << 10));
	unsigned media_every = n_media ? o->tweets / n_media : 0;
	if (n_media > o->tweets)
		die("more media than tweets");
	struct sb b = {0};
	struct part parts[64];
	unsigned np = 0;
	char (*mnames)[64] = calloc(n_media ? n_media : 1, sizeof *mnames);
	int *mvideo = calloc(n_media ? n_media : 1, sizeof *mvideo);
	unsigned nm = 0;
	/* Newest first, as X writes them: from 2026-10-01 back to 2012. */
	time_t t = 1790812800;
	time_t span = 1790812800 - 1325376000;
	time_t step = span / (o->tweets ? o->tweets : 1);

	/* The parts, each cut at PART_MAX. */
	for (unsigned i = 0; i < o->tweets;) {
		struct part *p = &parts[np];
		if (np == 0)
			snprintf(p->name, sizeof p->name, "data/tweets.js");
		else
			snprintf(p->name, sizeof p->name, "data/tweets-part%u.js", np);
		snprintf(p->global, sizeof p->global, "YTD.tweets.part%u", np);
		p->count = 0;
		sb_printf(&b, "window.YTD.tweets.part%u = [\n", np);
		while (i < o->tweets && b.n < PART_MAX) {
			t -= (time_t)(step / 2 + rn((unsigned)step));
			unsigned long long id =
				((unsigned long long)(t * 1000ll - 1288834974657ll) << 22) | rn(1u << 22);
			int media = n_media && nm < n_media && i % media_every == media_every / 2;
			if (p->count)
				sb_puts(&b, ",\n");
			int video;
			tweet(&b, i, t, id, media, mnames[nm], sizeof mnames[nm], &video);
			if (media)
				mvideo[nm++] = video;
			p->count++;
			i++;
		}
		sb_puts(&b, "\n]");
		np++;
		if (np == sizeof parts / sizeof *parts)
			die("too many parts");
		add_sb(p->name, &b);
	}

	/* likes */
	sb_puts(&b, "window.YTD.like.part0 = [\n");
	for (unsigned i = 0; i < o->likes; i++) {
		unsigned long long lid = 1500000000000000000ull + (unsigned long long)rnd() % 100000000000000000ull;
		struct sb text = {0};
		sentence(&text, 20 + rn(200), i % 500 == 3, 0);
		sb_printf(&b, "%s  {\n    \"like\" : {\n      \"tweetId\" : \"%llu\",\n"
			      "      \"fullText\" : \"",
			  i ? ",\n" : "", lid);
		sb_json(&b, text.p, 0);
		sb_printf(&b, "\",\n      \"expandedUrl\" : \"https://twitter.com/i/web/status/%llu\"\n"
			      "    }\n  }",
			  lid);
		free(text.p);
	}
	sb_puts(&b, "\n]");
	add_sb("data/like.js", &b);

	sb_puts(&b, "window.YTD.account.part0 = [\n  {\n    \"account\" : {\n"
		    "      \"email\" : \"dana.whitcombe@example.net\",\n"
		    "      \"createdVia\" : \"web\",\n      \"username\" : \"dana_whitcombe\",\n"
		    "      \"accountId\" : \"1410000000000000001\",\n"
		    "      \"createdAt\" : \"2011-05-03T09:12:44.000Z\",\n"
		    "      \"accountDisplayName\" : \"Dana Whitcombe\"\n    }\n  }\n]");
	add_sb("data/account.js", &b);
	sb_puts(&b, "window.YTD.profile.part0 = [\n  {\n    \"profile\" : {\n"
		    "      \"description\" : {\n"
		    "        \"bio\" : \"Planning officer at Brackenford Borough Council. Canal walks, "
		    "bake sales, football.\",\n"
		    "        \"website\" : \"https://t.co/Ab12Cd34Ef\",\n"
		    "        \"location\" : \"Brackenford\"\n      },\n"
		    "      \"avatarMediaUrl\" : \"https://pbs.twimg.com/profile_images/1/a.jpg\"\n"
		    "    }\n  }\n]");
	add_sb("data/profile.js", &b);

	/* manifest.js: every data file and its parts, with counts */
	sb_puts(&b, "window.__THAR_CONFIG = {\n  \"userInfo\" : {\n"
		    "    \"accountId\" : \"1410000000000000001\",\n"
		    "    \"userName\" : \"dana_whitcombe\",\n    \"displayName\" : \"Dana Whitcombe\"\n"
		    "  },\n  \"archiveInfo\" : {\n");
	sb_printf(&b, "    \"sizeBytes\" : \"%llu\",\n", bytes_json + media_total);
	sb_puts(&b, "    \"generationDate\" : \"2026-11-01T10:00:00.000Z\",\n"
		    "    \"isPartialArchive\" : false,\n    \"maxPartSizeBytes\" : \"53687091200\"\n"
		    "  },\n  \"dataTypes\" : {\n"
		    "    \"account\" : {\n      \"files\" : [\n        {\n"
		    "          \"fileName\" : \"data/account.js\",\n"
		    "          \"globalName\" : \"YTD.account.part0\",\n          \"count\" : \"1\"\n"
		    "        }\n      ]\n    },\n");
	sb_printf(&b, "    \"like\" : {\n      \"files\" : [\n        {\n"
		      "          \"fileName\" : \"data/like.js\",\n"
		      "          \"globalName\" : \"YTD.like.part0\",\n          \"count\" : \"%u\"\n"
		      "        }\n      ]\n    },\n",
		  o->likes);
	sb_puts(&b, "    \"profile\" : {\n      \"mediaDirectory\" : \"data/profile_media\",\n"
		    "      \"files\" : [\n        {\n"
		    "          \"fileName\" : \"data/profile.js\",\n"
		    "          \"globalName\" : \"YTD.profile.part0\",\n          \"count\" : \"1\"\n"
		    "        }\n      ]\n    },\n");
	sb_puts(&b, "    \"tweets\" : {\n      \"mediaDirectory\" : \"data/tweets_media\",\n"
		    "      \"files\" : [");
	for (unsigned k = 0; k < np; k++)
		sb_printf(&b, "%s\n        {\n          \"fileName\" : \"%s\",\n"
			      "          \"globalName\" : \"%s\",\n          \"count\" : \"%u\"\n"
			      "        }",
			  k ? "," : "", parts[k].name, parts[k].global, parts[k].count);
	sb_puts(&b, "\n      ]\n    }\n  }\n}");
	add_sb("data/manifest.js", &b);
	free(b.p);

	size_t carry = 0;
	for (unsigned k = 0; k < nm; k++) {
		size_t n = 512u << 10;
		if (k % 2 == 0 && k + 1 < nm) {
			carry = (size_t)rn(384u << 10);
			n += carry;
		} else if (k % 2 == 1) {
			n -= carry;
		}
		char name[128];
		snprintf(name, sizeof name, "data/tweets_media/%s", mnames[k]);
		add_media(name, n, !mvideo[k]);
	}
	free(mnames);
	free(mvideo);
}

/* ---- facebook --------------------------------------------------------- */

struct fb_opts {
	unsigned posts, comments, reactions, friends, media_mib;
};

static const char *const fb_titles[] = {
	"Zoë Pembleton updated her status.", "Zoë Pembleton shared a link.",
	"Zoë Pembleton added a new photo.", "Zoë Pembleton was at Ashworth Leisure Centre.",
};

static void fb_post(struct sb *b, unsigned i, time_t t, const char *media)
{
	struct sb text = {0};
	sentence(&text, 30 + rn(300), i % 500 == 11, i % 2000 == 77);
	sb_printf(b, "  {\n    \"timestamp\": %lld,\n", (long long)t);
	if (media) {
		sb_printf(b, "    \"attachments\": [\n      {\n        \"data\": [\n          {\n"
			     "            \"media\": {\n              \"uri\": \"%s\",\n"
			     "              \"creation_timestamp\": %lld,\n"
			     "              \"media_metadata\": {\n                \"photo_metadata\": {\n"
			     "                  \"exif_data\": [\n                    {\n"
			     "                      \"upload_ip\": \"192.0.2.%u\"\n"
			     "                    }\n                  ]\n                }\n"
			     "              },\n              \"title\": \"\",\n"
			     "              \"description\": \"",
			  media, (long long)t, rn(250));
		sb_json(b, text.p, 1);
		sb_puts(b, "\"\n            }\n          }\n        ]\n      }\n    ],\n");
	} else if (rn(10) == 0) {
		sb_printf(b, "    \"attachments\": [\n      {\n        \"data\": [\n          {\n"
			     "            \"external_context\": {\n"
			     "              \"url\": \"https://www.example.org/news/%u\"\n"
			     "            }\n          }\n        ]\n      }\n    ],\n",
			  rn(100000));
	}
	sb_puts(b, "    \"data\": [\n      {\n        \"post\": \"");
	sb_json(b, text.p, 1);
	sb_printf(b, "\"\n      },\n      {\n        \"update_timestamp\": %lld\n      }\n    ],\n",
		  (long long)t);
	if (rn(8) == 0) {
		sb_puts(b, "    \"tags\": [\n      {\n        \"name\": \"");
		sb_json(b, PICK(names), 1);
		sb_puts(b, "\"\n      }\n    ],\n");
	}
	sb_puts(b, "    \"title\": \"");
	sb_json(b, media ? fb_titles[2] : PICK(fb_titles), 1);
	sb_puts(b, "\"\n  }");
	free(text.p);
}

static void facebook(const struct fb_opts *o)
{
	const char *root = "facebook-zpembleton-2026-11-01-Xy34Zw/";
	char name[256];
	unsigned long long media_total = (unsigned long long)o->media_mib << 20;
	unsigned n_media = (unsigned)(media_total / (512u << 10));
	unsigned media_every = n_media ? o->posts / n_media : 0;
	if (n_media > o->posts)
		die("more media than posts");
	struct sb b = {0};
	time_t t = 1790812800, span = 1790812800 - 1262304000;

	/* profile first, as the 2024 export lists personal_information/ */
	sb_puts(&b, "{\n  \"profile_v2\": {\n    \"name\": {\n      \"full_name\": \"");
	sb_json(&b, "Zoë Pembleton", 1);
	sb_puts(&b, "\",\n      \"first_name\": \"");
	sb_json(&b, "Zoë", 1);
	sb_puts(&b, "\",\n      \"middle_name\": \"\",\n      \"last_name\": \"Pembleton\"\n    },\n"
		    "    \"emails\": {\n      \"emails\": [\n        \"zoe.pembleton@example.com\"\n"
		    "      ],\n      \"previous_emails\": [],\n      \"pending_emails\": [],\n"
		    "      \"ad_account_emails\": []\n    },\n"
		    "    \"work_experiences\": [\n      {\n"
		    "        \"employer\": \"Ashworth Borough Council\",\n"
		    "        \"title\": \"Housing Options Officer\",\n"
		    "        \"location\": \"Ashworth\",\n"
		    "        \"description\": \"Helping residents find a home.\",\n"
		    "        \"start_timestamp\": 1441065600,\n        \"end_timestamp\": 0\n"
		    "      }\n    ],\n"
		    "    \"username\": \"zoe.pembleton.ash\",\n"
		    "    \"registration_timestamp\": 1199145600,\n"
		    "    \"profile_uri\": \"https://www.facebook.com/zoe.pembleton.ash\"\n  }\n}\n");
	snprintf(name, sizeof name, "%spersonal_information/profile_information/profile_information.json",
		 root);
	add_sb(name, &b);

	sb_puts(&b, "{\n  \"friends_v2\": [\n");
	for (unsigned i = 0; i < o->friends; i++) {
		sb_printf(&b, "%s    {\n      \"name\": \"", i ? ",\n" : "");
		struct sb n = {0};
		sb_printf(&n, "%s %u", PICK(names), i);
		sb_json(&b, n.p, 1);
		free(n.p);
		sb_printf(&b, "\",\n      \"timestamp\": %lld\n    }",
			  (long long)(1262304000 + (time_t)rn((unsigned)span)));
	}
	sb_puts(&b, "\n  ]\n}\n");
	snprintf(name, sizeof name, "%sconnections/friends/your_friends.json", root);
	add_sb(name, &b);

	/* comments */
	sb_puts(&b, "{\n  \"comments_v2\": [\n");
	time_t tc = t;
	for (unsigned i = 0; i < o->comments; i++) {
		tc -= (time_t)rn((unsigned)(2 * span / (o->comments ? o->comments : 1)) + 1);
		struct sb text = {0};
		sentence(&text, 10 + rn(200), i % 500 == 5, 0);
		const char *who = PICK(names);
		sb_printf(&b, "%s    {\n      \"timestamp\": %lld,\n      \"data\": [\n        {\n"
			      "          \"comment\": {\n            \"timestamp\": %lld,\n"
			      "            \"comment\": \"",
			  i ? ",\n" : "", (long long)tc, (long long)tc);
		sb_json(&b, text.p, 1);
		sb_puts(&b, "\",\n            \"author\": \"");
		sb_json(&b, "Zoë Pembleton", 1);
		sb_puts(&b, "\"\n          }\n        }\n      ],\n      \"title\": \"");
		struct sb ti = {0};
		sb_printf(&ti, "Zoë Pembleton commented on %s's post.", who);
		sb_json(&b, ti.p, 1);
		sb_puts(&b, "\"\n    }");
		free(ti.p);
		free(text.p);
	}
	sb_puts(&b, "\n  ]\n}\n");
	snprintf(name, sizeof name, "%syour_facebook_activity/comments_and_reactions/comments.json",
		 root);
	add_sb(name, &b);

	/* reactions */
	static const char *const reactions[] = {"LIKE", "LOVE", "HAHA", "WOW", "SORRY", "ANGER"};
	sb_puts(&b, "[\n");
	time_t tr = t;
	for (unsigned i = 0; i < o->reactions; i++) {
		tr -= (time_t)rn((unsigned)(2 * span / (o->reactions ? o->reactions : 1)) + 1);
		sb_printf(&b, "%s  {\n    \"timestamp\": %lld,\n    \"data\": [\n      {\n"
			      "        \"reaction\": {\n          \"reaction\": \"%s\",\n"
			      "          \"actor\": \"",
			  i ? ",\n" : "", (long long)tr, PICK(reactions));
		sb_json(&b, "Zoë Pembleton", 1);
		sb_puts(&b, "\"\n        }\n      }\n    ],\n    \"title\": \"");
		struct sb ti = {0};
		sb_printf(&ti, "Zoë Pembleton reacted to %s's post.", PICK(names));
		sb_json(&b, ti.p, 1);
		free(ti.p);
		sb_puts(&b, "\"\n  }");
	}
	sb_puts(&b, "\n]\n");
	snprintf(name, sizeof name,
		 "%syour_facebook_activity/comments_and_reactions/likes_and_reactions_1.json", root);
	add_sb(name, &b);

	/* posts, cut at PART_MAX into _1, _2, ... */
	char (*mnames)[160] = calloc(n_media ? n_media : 1, sizeof *mnames);
	unsigned nm = 0, part = 0;
	for (unsigned i = 0; i < o->posts;) {
		sb_puts(&b, "[\n");
		unsigned count = 0;
		while (i < o->posts && b.n < PART_MAX) {
			t -= (time_t)rn((unsigned)(2 * span / (o->posts ? o->posts : 1)) + 1);
			const char *m = NULL;
			if (n_media && nm < n_media && i % media_every == media_every / 2) {
				char key[16];
				media_key(key);
				snprintf(mnames[nm], sizeof mnames[nm],
					 "your_facebook_activity/posts/media/Mobileuploads_%.3s/%u_%.8s_n.jpg",
					 key, 100000 + i, key + 3);
				m = mnames[nm++];
			}
			if (count)
				sb_puts(&b, ",\n");
			fb_post(&b, i, t, m);
			count++;
			i++;
		}
		sb_puts(&b, "\n]\n");
		snprintf(name, sizeof name,
			 "%syour_facebook_activity/posts/your_posts__check_ins__photos_and_videos_%u.json",
			 root, ++part);
		add_sb(name, &b);
	}
	free(b.p);
	size_t carry = 0;
	for (unsigned k = 0; k < nm; k++) {
		size_t n = 512u << 10;
		if (k % 2 == 0 && k + 1 < nm) {
			carry = (size_t)rn(384u << 10);
			n += carry;
		} else if (k % 2 == 1) {
			n -= carry;
		}
		snprintf(name, sizeof name, "%s%s", root, mnames[k]);
		add_media(name, n, 1);
	}
	free(mnames);
}

/* ---- main ------------------------------------------------------------- */

static unsigned num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || v > 100000000ul)
		die("bad number");
	return (unsigned)v;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen twitter|facebook [options] -o OUT.zip\n");
		return 2;
	}
	setenv("TZ", "UTC0", 1);
	tzset();
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		mtime_all = (time_t)strtoll(sde, NULL, 10);
	int tw = strcmp(argv[1], "twitter") == 0;
	if (!tw && strcmp(argv[1], "facebook") != 0)
		die("the first argument is twitter or facebook");
	struct tw_opts t = {200000, 50000, 300};
	struct fb_opts f = {200000, 150000, 100000, 2000, 300};
	const char *out = NULL;
	unsigned long long seed = 1;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (i + 1 >= argc)
			die("every option takes a value");
		const char *v = argv[++i];
		if (!strcmp(a, "-o"))
			out = v;
		else if (!strcmp(a, "--seed"))
			seed = num(v);
		else if (!strcmp(a, "--tweets"))
			t.tweets = num(v);
		else if (!strcmp(a, "--likes"))
			t.likes = num(v);
		else if (!strcmp(a, "--media-mib"))
			t.media_mib = f.media_mib = num(v);
		else if (!strcmp(a, "--posts"))
			f.posts = num(v);
		else if (!strcmp(a, "--comments"))
			f.comments = num(v);
		else if (!strcmp(a, "--reactions"))
			f.reactions = num(v);
		else if (!strcmp(a, "--friends"))
			f.friends = num(v);
		else
			die("unknown option");
	}
	if (!out)
		die("-o OUT.zip is required");
	rs ^= seed * 0xD1B54A32D192ED03ull;
	for (int i = 0; i < 8; i++)
		rnd();
	size_t ol = strlen(out);
	char *tmp = malloc(ol + 5);
	if (!tmp)
		die("out of memory");
	memcpy(tmp, out, ol);
	memcpy(tmp + ol, ".tmp", 5);
	open_archive(tmp);
	if (tw)
		twitter(&t);
	else
		facebook(&f);
	close_archive(tmp, out);
	fprintf(stderr, "gen: %s: %.1f MB of JSON (deflated), %.1f MiB of media (stored)\n", out,
		bytes_json / 1e6, bytes_media / 1048576.0);
	free(tmp);
	return 0;
}

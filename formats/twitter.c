/*
 * Twitter/X archives: every layout from Grailbird (pre-2019) to the current
 * X archive.  This file decides which entries are ours (bid), runs the
 * element loop over each, and cross-checks data/manifest.js; the converters
 * live in twitter_tweet.c, twitter_dm.c and twitter_account.c (see
 * twitter_int.h).
 *
 * Entries are claimed by name and confirmed by their first bytes
 * ("window." or "Grailbird.", after a BOM): tweets.js / tweet.js and their
 * -partN files, deleted-tweets, note-tweet, community-tweet, like,
 * follower, following, direct-messages(-group), account, profile and
 * manifest, each with optional -partN; Grailbird's data/js/tweets/YYYY_MM.js
 * and data/js/user_details.js.  Every other window.YTD file (ad
 * impressions, IP audit, headers, ...) is left unclaimed, so the report
 * lists it as not examined.
 *
 * The manifest is used for nothing but cross-checking: parts it does not
 * list are parsed all the same (with a warning), and a listed file whose
 * element count differs from what was found is a warning.  Whether a
 * listed file is missing cannot be told cheaply (a format does not see the
 * end of a source), so that is not checked.
 */
#include "formats/format.h"

#include <stdlib.h>
#include <string.h>

#include "formats/json_stream.h"
#include "formats/twitter_int.h"
#include "scanner/error.h"
#include "scanner/xalloc.h"

static const struct layout_anchor anchors[] = {
	{"data/manifest.js", "twitter-2022"},
	{"data/tweets.js", "twitter-2022"},
	{"data/tweet.js", "twitter-2020"},
	{"data/js/tweets/*.js", "twitter-grailbird"},
	{NULL, NULL},
};

/* An entry whose first elements are all of the wrong shape is not what its
 * name says: after this many, it is given up with one warning. */
#define SHAPE_GIVE_UP 5

static const struct {
	const char *stem;
	enum twitter_file kind;
} stems[] = {
	{"manifest", TW_MANIFEST},
	{"tweets", TW_TWEETS},
	{"tweet", TW_TWEET},
	{"deleted-tweets", TW_DELETED},
	{"deleted-tweet", TW_DELETED},
	{"note-tweet", TW_NOTE},
	{"community-tweet", TW_COMMUNITY},
	{"like", TW_LIKE},
	{"follower", TW_FOLLOWER},
	{"following", TW_FOLLOWING},
	{"direct-messages", TW_DM},
	{"direct-message", TW_DM},
	{"direct-messages-group", TW_DM_GROUP},
	{"direct-message-group", TW_DM_GROUP},
	{"account", TW_ACCOUNT},
	{"profile", TW_PROFILE},
};

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* "2015_01.js" */
static bool grailbird_month(const char *base)
{
	return strlen(base) == 10 && is_digit(base[0]) && is_digit(base[1]) && is_digit(base[2]) &&
	       is_digit(base[3]) && base[4] == '_' && is_digit(base[5]) && is_digit(base[6]) &&
	       strcmp(base + 7, ".js") == 0;
}

/* The length of the stem of "name.js" or "name-partN.js", or 0. */
static size_t stem_len(const char *base)
{
	size_t n = strlen(base);
	if (n < 4 || strcmp(base + n - 3, ".js") != 0)
		return 0;
	n -= 3;
	size_t d = n;
	while (d > 0 && is_digit(base[d - 1]))
		d--;
	if (d < n && d >= 5 && memcmp(base + d - 5, "-part", 5) == 0)
		return d - 5;
	return n;
}

/* What the entry holds by its name; *in_data: it sits in a "data" folder. */
static enum twitter_file classify(const char *path, bool *in_data)
{
	*in_data = false;
	const char *base = path_basename(path);
	if (path_has_dir(path, "data/js/tweets/") && grailbird_month(base)) {
		*in_data = true;
		return TW_GRAILBIRD;
	}
	if (path_has_suffix(path, "data/js/user_details.js")) {
		*in_data = true;
		return TW_USER_DETAILS;
	}
	size_t n = stem_len(base);
	if (!n)
		return TW_NONE;
	for (size_t i = 0; i < sizeof stems / sizeof *stems; i++) {
		if (strlen(stems[i].stem) == n && memcmp(base, stems[i].stem, n) == 0) {
			/* The folder holding it is "data". */
			size_t dlen = (size_t)(base - path);
			*in_data = dlen >= 5 && memcmp(base - 5, "data/", 5) == 0 &&
				   (dlen == 5 || base[-6] == '/' || base[-6] == '!');
			if (stems[i].kind == TW_MANIFEST && !*in_data)
				return TW_NONE;     /* "manifest.js" alone is too common a name */
			return stems[i].kind;
		}
	}
	return TW_NONE;
}

static bool head_is(const unsigned char *head, size_t len, const char *prefix)
{
	size_t i = 0;
	if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	size_t n = strlen(prefix);
	return len - i >= n && memcmp(head + i, prefix, n) == 0;
}

static int bid(const char *path, const unsigned char *head, size_t len)
{
	bool in_data;
	enum twitter_file kind = classify(path, &in_data);
	/* Every layout keeps its files in a "data" folder: a like.js elsewhere
	 * is someone else's. */
	if (kind == TW_NONE || !in_data)
		return 0;
	bool head_ok;
	if (kind == TW_GRAILBIRD)
		head_ok = head_is(head, len, "Grailbird.");
	else if (kind == TW_USER_DETAILS)
		head_ok = head_is(head, len, "var user_details");
	else
		head_ok = head_is(head, len, "window.");
	/* The name alone: perhaps a damaged file; bid low so that any format
	 * that knows better wins. */
	return head_ok ? 95 : 30;
}

/* ---- state ---------------------------------------------------------- */

static void state_free(void *p)
{
	struct twitter_state *st = p;
	if (!st)
		return;
	free(st->handle);
	free(st->account_id);
	for (size_t i = 0; i < st->n_files; i++)
		free(st->files[i].name);
	free(st->files);
	free(st);
}

struct twitter_state *twitter_state_get(struct format_ctx *fc)
{
	void **slot = format_state(fc);
	if (!*slot)
		*slot = xcalloc(1, sizeof(struct twitter_state));
	return *slot;
}

/* The record for a data file: the manifest's name and an entry path match
 * when one ends with the other at a folder boundary (the entry may sit in
 * an export's top folder). */
static struct twitter_file_count *file_count(struct twitter_state *st, const char *name)
{
	for (size_t i = 0; i < st->n_files; i++) {
		const char *a = st->files[i].name;
		if (path_has_suffix(name, a) || path_has_suffix(a, name))
			return &st->files[i];
	}
	st->files = xgrow(st->files, &st->cap_files, st->n_files + 1, sizeof *st->files);
	struct twitter_file_count *f = &st->files[st->n_files++];
	f->name = xstrdup(name);
	f->listed = -1;
	f->found = -1;
	return f;
}

static void check_count(struct format_ctx *fc, const struct twitter_file_count *f)
{
	if (f->listed < 0 || f->found < 0 || f->listed == f->found)
		return;
	format_warn(fc, -1, "manifest-count",
		    "the manifest lists %lld elements for '%s' but %lld were found",
		    (long long)f->listed, f->name, (long long)f->found);
}

static void check_unlisted(struct format_ctx *fc, const struct twitter_file_count *f)
{
	if (f->listed >= 0 || f->found < 0)
		return;
	format_warn(fc, -1, "manifest-unlisted",
		    "'%s' is not listed in the archive's manifest; it was read all the same", f->name);
}

static long long parse_count(json_t *v)
{
	if (json_is_integer(v))
		return json_integer_value(v);
	const char *s = json_string_value(v);
	if (!s || !*s)
		return -1;
	char *end = NULL;
	long long n = strtoll(s, &end, 10);
	return *end || n < 0 ? -1 : n;
}

/* dataTypes: {"tweets": {"files": [{"fileName", "globalName", "count"}]}}. */
static void manifest_data_types(struct format_ctx *fc, struct twitter_state *st, json_t *types)
{
	const char *name;
	json_t *type;
	json_object_foreach(types, name, type) {
		size_t i;
		json_t *file;
		json_array_foreach(json_object_get(type, "files"), i, file) {
			const char *fname = twitter_str(file, "fileName");
			long long count = parse_count(json_object_get(file, "count"));
			bool in_data;
			if (!fname || count < 0 || classify(fname, &in_data) == TW_NONE)
				continue;
			struct twitter_file_count *f = file_count(st, fname);
			f->listed = count;
			check_count(fc, f);
		}
	}
}

static int manifest_element(struct format_ctx *fc, struct twitter_state *st,
			    const struct json_element *el)
{
	if (!el->key || el->in_array)
		return CS_OK;
	if (strcmp(el->key, "userInfo") == 0) {
		/* The handle and id, in case account.js comes later or not at
		 * all; account.js has the last word. */
		const char *user = twitter_str(el->value, "userName");
		if (user && *user && !st->handle)
			st->handle = xstrdup(user);
		char *id = twitter_id(el->value, "accountId");
		if (id && !st->account_id)
			st->account_id = id;
		else
			free(id);
		struct account *a = format_account(fc);
		if (!a->handle && st->handle)
			a->handle = xasprintf("@%s", st->handle);
		const char *display = twitter_str(el->value, "displayName");
		if (!a->display_name && display && *display)
			a->display_name = xstrdup(display);
	} else if (strcmp(el->key, "dataTypes") == 0) {
		manifest_data_types(fc, st, el->value);
	}
	return CS_OK;
}

/* ---- the element loop ----------------------------------------------- */

static int convert(struct format_ctx *fc, struct twitter_state *st, enum twitter_file kind,
		   const struct json_element *el)
{
	/* A YTD file is one array; a member of an object there is not ours. */
	if (kind != TW_MANIFEST && kind != TW_USER_DETAILS && !(el->in_array && !el->key) &&
	    !(kind == TW_GRAILBIRD && el->in_array)) {
		twitter_warn_shape(fc, el, "an element of the file's array");
		return CS_FAILED;
	}
	switch (kind) {
	case TW_MANIFEST:
		return manifest_element(fc, st, el);
	case TW_TWEETS:
	case TW_TWEET:
	case TW_DELETED:
	case TW_COMMUNITY:
	case TW_GRAILBIRD:
		return twitter_tweet_element(fc, st, kind, el);
	case TW_NOTE:
		return twitter_note_element(fc, st, el);
	case TW_LIKE:
		return twitter_like_element(fc, el);
	case TW_FOLLOWER:
	case TW_FOLLOWING:
		return twitter_connection_element(fc, kind, el);
	case TW_DM:
	case TW_DM_GROUP:
		return twitter_dm_element(fc, st, kind == TW_DM_GROUP, el);
	case TW_ACCOUNT:
		return twitter_account_element(fc, st, el);
	case TW_PROFILE:
		return twitter_profile_element(fc, st, el);
	case TW_USER_DETAILS:
		return twitter_user_details_element(fc, st, el);
	case TW_NONE:
		break;
	}
	return CS_OK;
}

static int worse(int a, int b)
{
	return a > b ? a : b;
}

static int parse(struct format_ctx *fc, struct entry_stream *in)
{
	const char *entry = format_entry_path(fc);
	bool in_data;
	enum twitter_file kind = classify(entry, &in_data);
	struct twitter_state *st = twitter_state_get(fc);
	if (kind == TW_NONE) {
		format_warn(fc, -1, "not-twitter", "entry is not a twitter archive file this tool reads");
		return CS_FAILED;
	}
	int rc = CS_OK;
	struct json_stream *js = json_stream_new(fc, in, 0);
	struct json_element el;
	uint64_t elements = 0, converted = 0;
	while (json_stream_next(js, &el) == 1) {
		elements++;
		int r = convert(fc, st, kind, &el);
		if (r == CS_FATAL) {
			rc = CS_FATAL;
			goto out;
		}
		if (r != CS_FAILED)
			converted++;
		rc = worse(rc, r == CS_FAILED ? CS_WARN : r);
		if (converted == 0 && elements >= SHAPE_GIVE_UP) {
			/* Not one element of the shape its name says: it is
			 * something else, and warning for each would drown
			 * the report. */
			format_warn(fc, -1, "not-twitter",
				    "the first %d elements are not what '%s' holds; the rest of the entry was not read",
				    SHAPE_GIVE_UP, path_basename(entry));
			rc = CS_FAILED;
			goto out;
		}
	}
	rc = worse(rc, json_stream_status(js));

	if (kind == TW_MANIFEST) {
		st->manifest_seen = true;
		for (size_t i = 0; i < st->n_files; i++)
			check_unlisted(fc, &st->files[i]);
	} else if (kind != TW_USER_DETAILS && kind != TW_GRAILBIRD) {
		struct twitter_file_count *f = file_count(st, entry);
		f->found = (int64_t)(elements + json_stream_lost(js));
		check_count(fc, f);
		if (st->manifest_seen)
			check_unlisted(fc, f);
	}
out:
	json_stream_free(js);
	return rc;
}

const struct format_ops format_twitter = {
	.name = "twitter",
	.platform = "twitter",
	.anchors = anchors,
	.bid = bid,
	.parse = parse,
	.state_free = state_free,
};

#ifndef CS_TWITTER_INT_H
#define CS_TWITTER_INT_H
/*
 * The Twitter/X format's own pieces, shared by formats/twitter*.c only.
 *
 * twitter.c      bid, entry classification, the parse loop, the manifest
 *                cross-check, the state kept across entries
 * twitter_tweet.c  tweets (all layouts), deleted, note and community
 *                tweets, likes, followers and following
 * twitter_dm.c   direct messages, one-to-one and group
 * twitter_account.c  account.js, profile.js, Grailbird's user_details.js
 * twitter_text.c HTML entities, JSON member helpers, URLs and media refs
 *
 * What becomes what (format.h's item fields):
 *   tweet (tweets.js, tweet.js, Grailbird, deleted, community):
 *     ITEM_SHARE when full_text starts "RT @" (or Grailbird's
 *     retweeted_status), else ITEM_POST; id id_str; text full_text (text in
 *     Grailbird) with HTML entities decoded; author "@handle" when known;
 *     url https://twitter.com/<handle>/status/<id>, or .../i/web/status/<id>
 *     while the handle is unknown; in_reply_to in_reply_to_status_id_str,
 *     in_reply_to_user "@" in_reply_to_screen_name; mentions "@name",
 *     hashtags "#tag", urls the expanded URLs; an attachment per media
 *     entity named "<entry folder><media folder>/<id>-<file name>"
 *     (tweets_media, tweet_media, deleted_tweets_media,
 *     community_tweet_media; a video's best mp4 variant; Grailbird, which
 *     holds no media: the URL); deleted/deleted_at from deleted-tweets.js;
 *     group the community id.
 *   note tweet: ITEM_POST, id noteTweetId, url from tweetId when given.
 *   like: ITEM_LIKE, id tweetId, text fullText, url expandedUrl, reaction
 *     "LIKE", no time.
 *   follower/following: ITEM_CONNECTION, id "follower:<accountId>",
 *     counterpart accountId, url userLink, relation "follower"/"following".
 *   direct message: see twitter_dm.c.
 *   account/profile: ITEM_PROFILE per field ("handle", "display_name",
 *     "email", "phone", "bio", "website", "location", "avatar", "header"),
 *     id "<accountId>:<field>" once the id is known.
 *
 * Every converter takes one element of the json_stream (its value borrowed
 * for the call) and returns CS_OK, CS_WARN (emitted, with something doubtful
 * such as a bad time; a warning says so), CS_FAILED (the element is not
 * what the file holds and was skipped; a warning says so) or CS_FATAL
 * (format_emit said the run must stop).
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "formats/format.h"
#include "formats/json_stream.h"

/* What an entry holds, from its name. */
enum twitter_file {
	TW_NONE,
	TW_MANIFEST,        /* data/manifest.js: cross-checking only */
	TW_TWEETS,          /* tweets.js, tweets-partN.js (2022+) */
	TW_TWEET,           /* tweet.js, tweet-partN.js (2019-2022) */
	TW_DELETED,         /* deleted-tweets.js */
	TW_NOTE,            /* note-tweet.js */
	TW_COMMUNITY,       /* community-tweet.js */
	TW_LIKE,
	TW_FOLLOWER,
	TW_FOLLOWING,
	TW_DM,              /* direct-messages.js (direct-message.js in 2019) */
	TW_DM_GROUP,        /* direct-messages-group.js */
	TW_ACCOUNT,
	TW_PROFILE,
	TW_GRAILBIRD,       /* data/js/tweets/YYYY_MM.js */
	TW_USER_DETAILS,    /* Grailbird's data/js/user_details.js */
};

/* One data file the manifest lists or that was parsed: small, one per
 * claimed entry at most. */
struct twitter_file_count {
	char *name;         /* as the manifest writes it ("data/tweets.js"), or the entry path */
	int64_t listed;     /* elements the manifest gives; -1: not listed (yet) */
	int64_t found;      /* elements found; -1: not parsed (yet) */
};

/* Kept across entries (format_state): small things only, never per item. */
struct twitter_state {
	char *handle;       /* without '@'; NULL until account.js, the manifest or a Grailbird tweet says */
	char *account_id;   /* the subject's numeric id, NULL until known */
	bool manifest_seen; /* data/manifest.js has been read */
	struct twitter_file_count *files;
	size_t n_files, cap_files;
};

/* The state of this run, made on first use. */
struct twitter_state *twitter_state_get(struct format_ctx *fc);

/* ---- converters --------------------------------------------------- */

int twitter_tweet_element(struct format_ctx *fc, struct twitter_state *st,
			  enum twitter_file kind, const struct json_element *el);
int twitter_note_element(struct format_ctx *fc, struct twitter_state *st,
			 const struct json_element *el);
int twitter_like_element(struct format_ctx *fc, const struct json_element *el);
int twitter_connection_element(struct format_ctx *fc, enum twitter_file kind,
			       const struct json_element *el);
int twitter_dm_element(struct format_ctx *fc, struct twitter_state *st, bool group,
		       const struct json_element *el);
int twitter_account_element(struct format_ctx *fc, struct twitter_state *st,
			    const struct json_element *el);
int twitter_profile_element(struct format_ctx *fc, struct twitter_state *st,
			    const struct json_element *el);
int twitter_user_details_element(struct format_ctx *fc, struct twitter_state *st,
				 const struct json_element *el);

/* Records an element that is valid JSON but not what the file should hold. */
void twitter_warn_shape(struct format_ctx *fc, const struct json_element *el, const char *what);

/* ---- text and JSON helpers (twitter_text.c) ----------------------- */

/*
 * A copy of s (n bytes) with HTML character references decoded: named ones
 * through libxml2's HTML4 table (and the XML predefined &apos;), numeric
 * ones (&#39; &#x1F600;) when they name a valid Unicode scalar value other
 * than NUL.  Anything else, a bare '&' included, is kept as written.
 */
char *twitter_decode_entities(const char *s, size_t n);
/* The member's decoded string value, or NULL if it is missing or not a string. */
char *twitter_decoded(json_t *obj, const char *key);
/* The member's string value (borrowed from obj), or NULL. */
const char *twitter_str(json_t *obj, const char *key);
/* The member's string value, or a decimal integer value, as a new string; NULL otherwise. */
char *twitter_id(json_t *obj, const char *key);
/* Parses a time member: Twitter's created_at form, then RFC 3339 (Grailbird,
 * createdAt).  Sets time_source ITEM_TIME_UTC, or ITEM_TIME_NONE with a "bad-time"
 * warning at the element when a string is there but does not parse.
 * Returns 1 if the time was set, 0 if missing, -1 if bad. */
int twitter_time(struct format_ctx *fc, const struct json_element *el, json_t *obj,
		 const char *key, int64_t *t);
/* "https://twitter.com/<handle>/status/<id>", or the i/web form when the
 * handle is not known. */
char *twitter_status_url(const struct twitter_state *st, const char *id);
/* The entry's folder with its trailing '/' ("" at the root), a new string. */
char *twitter_entry_dir(const char *entry);
/* The last path segment of a URL, without query or fragment; NULL if empty. */
char *twitter_url_basename(const char *url);

#endif

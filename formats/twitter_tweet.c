/*
 * Tweets of every layout (2022+ tweets.js, 2020-22 wrapped and 2019
 * unwrapped tweet.js, Grailbird months), deleted, note and community
 * tweets; likes, followers and following.
 */
#include "formats/twitter_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/error.h"
#include "scanner/xalloc.h"

/* The folder, next to the data file, where the archive keeps a tweet's
 * media as "<tweet id>-<file name>". */
static const char *media_folder(enum twitter_file kind)
{
	switch (kind) {
	case TW_TWEETS:
		return "tweets_media";
	case TW_TWEET:
		return "tweet_media";
	case TW_DELETED:
		return "deleted_tweets_media";
	case TW_COMMUNITY:
		return "community_tweet_media";
	default:
		return NULL;
	}
}

static long long bitrate(json_t *variant)
{
	json_t *b = json_object_get(variant, "bitrate");
	if (json_is_integer(b))
		return json_integer_value(b);
	const char *s = json_string_value(b);
	if (!s || !*s)
		return -1;
	char *end = NULL;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return errno || *end ? -1 : v;
}

/* The URL of the file the archive holds for one media entity: a video's or
 * GIF's best mp4 variant (its media_url_https is only the poster frame),
 * otherwise the picture. */
static const char *media_url(json_t *m)
{
	const char *type = twitter_str(m, "type");
	if (type && (strcmp(type, "video") == 0 || strcmp(type, "animated_gif") == 0)) {
		json_t *variants = json_object_get(json_object_get(m, "video_info"), "variants");
		const char *best = NULL;
		long long best_rate = -2;
		size_t i;
		json_t *v;
		json_array_foreach(variants, i, v) {
			const char *ct = twitter_str(v, "content_type");
			const char *u = twitter_str(v, "url");
			if (!u || (ct && strcmp(ct, "video/mp4") != 0))
				continue;
			long long r = bitrate(v);
			if (r > best_rate) {
				best_rate = r;
				best = u;
			}
		}
		if (best)
			return best;
	}
	const char *u = twitter_str(m, "media_url_https");
	return u ? u : twitter_str(m, "media_url");
}

static void add_media(struct item *it, json_t *tw, enum twitter_file kind, const char *dir,
		      const char *id)
{
	/* extended_entities repeats entities.media (and has all of a tweet's
	 * pictures where entities has only the first): never both. */
	json_t *media = json_object_get(json_object_get(tw, "extended_entities"), "media");
	if (!json_is_array(media))
		media = json_object_get(json_object_get(tw, "entities"), "media");
	const char *folder = media_folder(kind);
	size_t i;
	json_t *m;
	json_array_foreach(media, i, m) {
		const char *url = media_url(m);
		if (!url)
			continue;
		if (!folder) {
			/* Grailbird archives hold no media: name the URL itself. */
			item_add_attachment(it, url);
			continue;
		}
		char *base = twitter_url_basename(url);
		if (!base)
			continue;
		char *ref = xasprintf("%s%s/%s-%s", dir, folder, id, base);
		item_add_attachment(it, ref);
		free(ref);
		free(base);
	}
}

/* Mentions, hashtags and expanded URLs of an entities object in any of the
 * spellings the exports use (tweets: screen_name, expanded_url; note
 * tweets: screenName, expandedUrl; DMs: expanded). */
static void add_entities(struct item *it, json_t *ents)
{
	static const char *const mention_keys[] = {"user_mentions", "mentions", "userMentions"};
	static const char *const url_keys[] = {"expanded_url", "expandedUrl", "expanded"};
	size_t i;
	json_t *e;
	for (size_t k = 0; k < sizeof mention_keys / sizeof *mention_keys; k++) {
		json_array_foreach(json_object_get(ents, mention_keys[k]), i, e) {
			const char *name = twitter_str(e, "screen_name");
			if (!name)
				name = twitter_str(e, "screenName");
			if (name && *name) {
				char *h = xasprintf("@%s", name);
				strlist_push_unique(&it->mentions, h);
				free(h);
			}
		}
	}
	json_array_foreach(json_object_get(ents, "hashtags"), i, e) {
		const char *tag = twitter_str(e, "text");
		if (!tag)
			tag = twitter_str(e, "tag");
		if (tag && *tag) {
			char *h = xasprintf("#%s", tag);
			strlist_push_unique(&it->hashtags, h);
			free(h);
		}
	}
	json_array_foreach(json_object_get(ents, "urls"), i, e) {
		const char *u = NULL;
		for (size_t k = 0; !u && k < sizeof url_keys / sizeof *url_keys; k++)
			u = twitter_str(e, url_keys[k]);
		if (u && *u)
			strlist_push_unique(&it->urls, u);
	}
}

/* The tweet object of an element: {"tweet": {...}} or the tweet itself
 * (2019 and Grailbird).  Sets *wrapped. */
static json_t *tweet_object(json_t *v, bool *wrapped)
{
	json_t *t = json_object_get(v, "tweet");
	*wrapped = json_is_object(t);
	if (*wrapped)
		return t;
	if (json_object_get(v, "id_str") || json_object_get(v, "full_text") ||
	    json_object_get(v, "text"))
		return v;
	return NULL;
}

static void set_author(struct item *it, const struct twitter_state *st)
{
	if (st->handle)
		it->author = xasprintf("@%s", st->handle);
}

int twitter_tweet_element(struct format_ctx *fc, struct twitter_state *st,
			  enum twitter_file kind, const struct json_element *el)
{
	bool wrapped = false;
	json_t *tw = tweet_object(el->value, &wrapped);
	if (!json_is_object(tw)) {
		twitter_warn_shape(fc, el, "a tweet");
		return CS_FAILED;
	}
	/* Only the content tells 2019 from 2020: the first tweet read decides
	 * (not element 0, which may be the damaged one). */
	if (kind == TW_TWEET && !format_ctx_layout(fc))
		format_set_layout(fc, wrapped ? "twitter-2020" : "twitter-2019");

	int rc = CS_OK;
	struct item it;
	item_init(&it);
	it.platform = "twitter";
	char *dir = NULL;
	it.id = twitter_id(tw, "id_str");
	if (!it.id)
		it.id = twitter_id(tw, "id");
	if (!it.id) {
		twitter_warn_shape(fc, el, "a tweet with an id");
		rc = CS_FAILED;
		goto out;
	}

	/* A Grailbird tweet names its author; it is the subject's handle, and
	 * the first one makes tweet URLs exact. */
	json_t *user = json_object_get(tw, "user");
	const char *screen_name = twitter_str(user, "screen_name");
	if (kind == TW_GRAILBIRD && screen_name && *screen_name && !st->handle)
		st->handle = xstrdup(screen_name);

	json_t *text = json_object_get(tw, "full_text");
	if (!json_is_string(text))
		text = json_object_get(tw, "text");
	if (json_is_string(text))
		it.text = twitter_decode_entities(json_string_value(text), json_string_length(text));
	/* The exporter writes `retweeted` false even for retweets: the text
	 * is the sign, and Grailbird's retweeted_status where it exists. */
	bool rt = (json_is_string(text) && strncmp(json_string_value(text), "RT @", 4) == 0) ||
		  json_is_object(json_object_get(tw, "retweeted_status"));
	it.kind = rt ? ITEM_SHARE : ITEM_POST;

	int tr = twitter_time(fc, el, tw, "created_at", &it.created_at);
	it.time_source = tr == 1 ? ITEM_TIME_UTC : ITEM_TIME_NONE;
	if (tr < 0)
		rc = CS_WARN;
	if (tr == 0) {
		format_warn(fc, el->offset, "bad-time",
			    "tweet at byte %lld has no created_at; its time is left unknown",
			    (long long)el->offset);
		rc = CS_WARN;
	}

	if (kind == TW_GRAILBIRD && screen_name && *screen_name)
		it.author = xasprintf("@%s", screen_name);
	else
		set_author(&it, st);
	if (kind == TW_GRAILBIRD && screen_name && *screen_name)
		it.url = xasprintf("https://twitter.com/%s/status/%s", screen_name, it.id);
	else
		it.url = twitter_status_url(st, it.id);

	/* A reply; `context` stays NULL: the pipeline fills the parent's
	 * text when the archive has it. */
	it.in_reply_to = twitter_id(tw, "in_reply_to_status_id_str");
	const char *to = twitter_str(tw, "in_reply_to_screen_name");
	if (to && *to)
		it.in_reply_to_user = xasprintf("@%s", to);

	add_entities(&it, json_object_get(tw, "entities"));
	dir = twitter_entry_dir(format_entry_path(fc));
	add_media(&it, tw, kind, dir, it.id);

	if (kind == TW_COMMUNITY) {
		it.group = twitter_id(tw, "community_id_str");
		if (!it.group)
			it.group = twitter_id(tw, "community_id");
	}
	if (kind == TW_DELETED || json_object_get(tw, "deleted_at")) {
		it.deleted = true;
		int dr = twitter_time(fc, el, tw, "deleted_at", &it.deleted_at);
		it.has_deleted_at = dr == 1;
		if (dr < 0)
			rc = CS_WARN;
	}

	json_element_span(el, &it);
	if (format_emit(fc, &it) == CS_FATAL)
		rc = CS_FATAL;
out:
	free(dir);
	item_release(&it);
	return rc;
}

/*
 * note-tweet.js: the full text of a long post.  Two shapes are known:
 * {"noteTweet": {"noteTweetId", "createdAt", "core": {"text", "urls",
 * "mentions", "hashtags"}}} and {"noteTweet": {"noteTweetId", "tweetId",
 * "noteTweetResults": {"text", "entitySet": {...}}}}.
 */
int twitter_note_element(struct format_ctx *fc, struct twitter_state *st,
			 const struct json_element *el)
{
	json_t *note = json_object_get(el->value, "noteTweet");
	if (!json_is_object(note)) {
		twitter_warn_shape(fc, el, "a note tweet");
		return CS_FAILED;
	}
	json_t *body = json_object_get(note, "core");
	json_t *ents = body;
	if (!json_is_object(body)) {
		body = json_object_get(note, "noteTweetResults");
		ents = json_object_get(body, "entitySet");
	}
	if (!json_is_object(body) || !json_is_string(json_object_get(body, "text"))) {
		twitter_warn_shape(fc, el, "a note tweet with a text");
		return CS_FAILED;
	}
	int rc = CS_OK;
	struct item it;
	item_init(&it);
	it.platform = "twitter";
	it.kind = ITEM_POST;
	it.id = twitter_id(note, "noteTweetId");
	it.text = twitter_decoded(body, "text");
	int tr = twitter_time(fc, el, note, "createdAt", &it.created_at);
	it.time_source = tr == 1 ? ITEM_TIME_UTC : ITEM_TIME_NONE;
	if (tr < 0)
		rc = CS_WARN;
	set_author(&it, st);
	/* The note's own id is not a status id; the tweet's is, where given. */
	char *tweet_id = twitter_id(note, "tweetId");
	if (tweet_id)
		it.url = twitter_status_url(st, tweet_id);
	free(tweet_id);
	add_entities(&it, ents);
	json_element_span(el, &it);
	if (format_emit(fc, &it) == CS_FATAL)
		rc = CS_FATAL;
	item_release(&it);
	return rc;
}

/* like.js: the liked tweet's id, text and link; the export gives no time. */
int twitter_like_element(struct format_ctx *fc, const struct json_element *el)
{
	json_t *like = json_object_get(el->value, "like");
	if (!json_is_object(like) || !json_object_get(like, "tweetId")) {
		twitter_warn_shape(fc, el, "a like");
		return CS_FAILED;
	}
	struct item it;
	item_init(&it);
	it.platform = "twitter";
	it.kind = ITEM_LIKE;
	it.id = twitter_id(like, "tweetId");
	it.text = twitter_decoded(like, "fullText");
	const char *url = twitter_str(like, "expandedUrl");
	it.url = url ? xstrdup(url) : NULL;
	it.reaction = xstrdup("LIKE");
	it.time_source = ITEM_TIME_NONE;
	json_element_span(el, &it);
	int rc = format_emit(fc, &it) == CS_FATAL ? CS_FATAL : CS_OK;
	item_release(&it);
	return rc;
}

/* follower.js, following.js: {"follower": {"accountId", "userLink"}}. */
int twitter_connection_element(struct format_ctx *fc, enum twitter_file kind,
			       const struct json_element *el)
{
	const char *relation = kind == TW_FOLLOWER ? "follower" : "following";
	json_t *c = json_object_get(el->value, relation);
	char *who = json_is_object(c) ? twitter_id(c, "accountId") : NULL;
	if (!who) {
		twitter_warn_shape(fc, el, kind == TW_FOLLOWER ? "a follower" : "a followed account");
		return CS_FAILED;
	}
	struct item it;
	item_init(&it);
	it.platform = "twitter";
	it.kind = ITEM_CONNECTION;
	it.id = xasprintf("%s:%s", relation, who);
	it.counterpart = who;
	const char *link = twitter_str(c, "userLink");
	it.url = link ? xstrdup(link) : NULL;
	it.relation = xstrdup(relation);
	it.time_source = ITEM_TIME_NONE;
	json_element_span(el, &it);
	int rc = format_emit(fc, &it) == CS_FATAL ? CS_FATAL : CS_OK;
	item_release(&it);
	return rc;
}

/* Facebook "Download Your Information" exports in JSON: which files are
 * ours, the bid, the layout and the element loop.  The elements become
 * items in facebook_json_items.c; facebook_json.h says what is decided. */
#include "formats/facebook_json.h"

#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "formats/json_stream.h"
#include "scanner/error.h"

/*
 * Table order is what names a source's layout when no parser has said
 * better: the 2024 and 2022 activity folders first (they are unambiguous),
 * then files only one generation has.  A 2018 export has posts/your_posts.json
 * and friends/friends.json, a 2019-21 one the numbered posts and the
 * comments_and_reactions/ and friends_and_followers/ folders.
 */
static const struct layout_anchor anchors[] = {
	{"your_facebook_activity/*.json", "facebook-json-2024"},
	{"your_activity_across_facebook/*.json", "facebook-json-2022"},
	{"connections/friends/your_friends.json", "facebook-json-2024"},
	{"posts/your_posts_1.json", "facebook-json-2019"},
	{"comments_and_reactions/comments.json", "facebook-json-2019"},
	{"friends_and_followers/friends.json", "facebook-json-2019"},
	{"posts/your_posts.json", "facebook-json-2018"},
	{"comments/comments.json", "facebook-json-2018"},
	{"friends/friends.json", "facebook-json-2018"},
	{"likes_and_reactions/posts_and_comments.json", "facebook-json-2018"},
	{"profile_information/profile_information.json", "facebook-json-2019"},
	{NULL, NULL},
};

static bool has_ext(const char *s, const char *ext)
{
	size_t ls = strlen(s), le = strlen(ext);
	return ls >= le && strcmp(s + ls - le, ext) == 0;
}

/* "prefix" followed by one or more digits and ".json" (your_posts_12.json). */
static bool numbered(const char *base, const char *prefix)
{
	size_t lp = strlen(prefix);
	if (strncmp(base, prefix, lp) != 0)
		return false;
	const char *p = base + lp;
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return strcmp(p, ".json") == 0;
}

static bool in_any_dir(const char *path, const char *const *dirs)
{
	for (; *dirs; dirs++)
		if (path_has_dir(path, *dirs))
			return true;
	return false;
}

static bool is(const char *base, const char *name)
{
	return strcmp(base, name) == 0;
}

enum fbj_file fbj_classify(const char *path)
{
	static const char *const comment_dirs[] = {"comments/", "comments_and_reactions/", NULL};
	static const char *const reaction_dirs[] = {"likes_and_reactions/",
						    "comments_and_reactions/", NULL};
	static const char *const friend_dirs[] = {"friends/", "friends_and_followers/",
						  "connections/", NULL};
	static const char *const follow_dirs[] = {"following_and_followers/",
						  "friends_and_followers/", "followers/",
						  "connections/", NULL};
	const char *base = path_basename(path);

	if (!has_ext(base, ".json"))
		return FBJ_NONE;
	if (numbered(base, "your_posts_") || numbered(base, "your_posts__check_ins__photos_and_videos_") ||
	    is(base, "your_posts__check_ins__photos_and_videos.json") ||
	    (is(base, "your_posts.json") && path_has_dir(path, "posts/")))
		return FBJ_POSTS;
	if (is(base, "your_posts_in_groups.json") || is(base, "group_posts_and_comments.json") ||
	    is(base, "your_posts_and_comments_in_groups.json"))
		return FBJ_GROUP_POSTS;
	if (is(base, "your_comments_in_groups.json"))
		return FBJ_GROUP_COMMENTS;
	if (is(base, "comments.json") && in_any_dir(path, comment_dirs))
		return FBJ_COMMENTS;
	if ((is(base, "posts_and_comments.json") && in_any_dir(path, reaction_dirs)) ||
	    numbered(base, "likes_and_reactions_") || is(base, "likes_and_reactions.json"))
		return FBJ_REACTIONS;
	if ((is(base, "pages.json") && path_has_dir(path, "likes_and_reactions/")) ||
	    is(base, "pages_you've_liked.json"))
		return FBJ_PAGES_LIKED;
	if ((is(base, "friends.json") && in_any_dir(path, friend_dirs)) || is(base, "your_friends.json"))
		return FBJ_FRIENDS;
	if (is(base, "who_you_follow.json") || is(base, "who_you've_followed.json") ||
	    is(base, "pages_you_follow.json") || is(base, "pages_and_profiles_you_follow.json") ||
	    (is(base, "following.json") && in_any_dir(path, follow_dirs)))
		return FBJ_FOLLOWING;
	if (is(base, "followers.json") && in_any_dir(path, follow_dirs))
		return FBJ_FOLLOWERS;
	if (is(base, "your_group_membership_activity.json") ||
	    (is(base, "your_groups.json") && path_has_dir(path, "groups/")))
		return FBJ_GROUPS;
	if (is(base, "profile_information.json") && path_has_dir(path, "profile_information/"))
		return FBJ_PROFILE;
	return FBJ_NONE;
}

static int bid(const char *path, const unsigned char *head, size_t len)
{
	size_t i = 0;
	if (fbj_classify(path) == FBJ_NONE)
		return 0;
	if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
		i = 3;
	while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r'))
		i++;
	if (i == len || (head[i] != '{' && head[i] != '['))
		return 0;
	return 95;
}

/* ---- layout --------------------------------------------------------- */

static const char *const layouts[] = {
	"facebook-json-2018", "facebook-json-2019", "facebook-json-2022", "facebook-json-2024",
};

static int layout_rank(const char *layout)
{
	for (size_t i = 0; layout && i < sizeof layouts / sizeof *layouts; i++)
		if (strcmp(layout, layouts[i]) == 0)
			return (int)i + 1;
	return 0;
}

/* A generation only ever moves the source's layout forward: a 2024 export
 * still has friends_v2 and profile_v2, which alone would say 2019. */
static void layout_at_least(struct format_ctx *fc, int rank)
{
	if (rank > layout_rank(format_ctx_layout(fc)))
		format_set_layout(fc, layouts[rank - 1]);
}

static int layout_from_path(const char *path)
{
	const char *base = path_basename(path);
	if (path_has_dir(path, "your_facebook_activity/"))
		return 4;
	if (path_has_dir(path, "your_activity_across_facebook/") ||
	    path_has_dir(path, "connections/") || path_has_dir(path, "personal_information/"))
		return 3;
	if (numbered(base, "your_posts_") || path_has_dir(path, "comments_and_reactions/") ||
	    path_has_dir(path, "friends_and_followers/"))
		return 2;
	if (is(base, "your_posts.json") || path_has_dir(path, "comments/") ||
	    path_has_dir(path, "friends/"))
		return 1;
	return 0;
}

/* Member keys: "comments_v2", "following_v3" are 2019 or later; the bare
 * names ("status_updates", "comments", "profile") only 2018 has. */
static int layout_from_key(const char *key)
{
	size_t n = key ? strlen(key) : 0;
	if (!n)
		return 0;
	if (n > 3 && key[n - 3] == '_' && key[n - 2] == 'v')
		return 2;
	return 1;
}

/* ---- parse ---------------------------------------------------------- */

static int parse(struct format_ctx *fc, struct entry_stream *in)
{
	const char *path = format_entry_path(fc);
	enum fbj_file file = fbj_classify(path);
	struct json_stream *js = NULL;
	struct json_element el;
	int rc = CS_OK;
	bool keyed = false;

	if (file == FBJ_NONE)
		goto out;
	int rank = layout_from_path(path);
	if (rank)
		layout_at_least(fc, rank);

	js = json_stream_new(fc, in, 0);
	while (json_stream_next(js, &el) == 1) {
		if (!keyed && el.key && !rank) {
			int r = layout_from_key(el.key);
			if (r)
				layout_at_least(fc, r);
			keyed = true;
		}
		int erc = fbj_element(fc, file, &el);
		if (erc == CS_FATAL) {
			rc = CS_FATAL;
			goto out;
		}
		if (erc > rc)
			rc = erc;
	}
	int src = json_stream_status(js);
	if (src > rc)
		rc = src;

out:
	json_stream_free(js);
	return rc;
}

const struct format_ops format_facebook_json = {
	.name = "facebook-json",
	.platform = "facebook",
	.anchors = anchors,
	.bid = bid,
	.parse = parse,
};

/* Facebook JSON exports.  The parser is issue 4's work; until it lands this
 * format recognises the layouts (for inspect) and claims no entry. */
#include "formats/format.h"

#include "scanner/error.h"

static const struct layout_anchor anchors[] = {
	{"your_facebook_activity/*.json", "facebook-json-2024"},
	{"your_activity_across_facebook/*.json", "facebook-json-2022"},
	{"posts/your_posts_1.json", "facebook-json-2019"},
	{"comments_and_reactions/comments.json", "facebook-json-2019"},
	{"friends_and_followers/friends.json", "facebook-json-2019"},
	{"posts/your_posts.json", "facebook-json-2018"},
	{"profile_information/profile_information.json", "facebook-json-2019"},
	{NULL, NULL},
};

static int bid(const char *path, const unsigned char *head, size_t len)
{
	(void)path, (void)head, (void)len;
	return 0;
}

static int parse(struct format_ctx *fc, struct entry_stream *in)
{
	(void)fc, (void)in;
	return CS_OK;
}

const struct format_ops format_facebook_json = {
	.name = "facebook-json",
	.platform = "facebook-json",
	.anchors = anchors,
	.bid = bid,
	.parse = parse,
};

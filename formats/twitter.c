/* Twitter/X archives.  The parser is issue 3's work; until it lands this
 * format recognises the layouts (for inspect) and claims no entry. */
#include "formats/format.h"

#include "scanner/error.h"

static const struct layout_anchor anchors[] = {
	{"data/manifest.js", "twitter-2022"},
	{"data/tweets.js", "twitter-2022"},
	{"data/tweet.js", "twitter-2020"},
	{"data/js/tweets/*.js", "twitter-grailbird"},
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

const struct format_ops format_twitter = {
	.name = "twitter",
	.platform = "twitter",
	.anchors = anchors,
	.bid = bid,
	.parse = parse,
};

/*
 * Fuzz harness: the Twitter format (formats/twitter*.c) over one entry.
 * The first byte picks the entry's name from the table (every kind of file
 * the format knows, and a few it must leave alone); the rest is its bytes.
 * The table only grows at its end: regression files depend on its order.
 */
#include "tests/fuzz/fuzz.h"

extern const struct format_ops format_twitter;

static const char *const twitter_names[] = {
	"data/account.js",
	"data/ad-impressions.js",
	"data/community-tweet.js",
	"data/deleted-tweets.js",
	"data/direct-messages-group.js",
	"data/direct-messages.js",
	"data/follower.js",
	"data/following.js",
	"data/js/payload_details.js",
	"data/js/tweet_index.js",
	"data/js/tweets/2015_01.js",
	"data/js/tweets/2015_02.js",
	"data/js/user_details.js",
	"data/like.js",
	"data/manifest.js",
	"data/note-tweet.js",
	"data/profile.js",
	"data/tweet-part1.js",
	"data/tweet.js",
	"data/tweets-part1.js",
	"data/tweets.js",
	"outer.zip!data/tweets.js",
	"twitter-2024-01-01-abc/data/tweets-part2.js",
	"data/deleted-tweet.js",
	"data/tweets.js.bak",
	"data/js/tweets/2015_13.js",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_format(&format_twitter, twitter_names, sizeof twitter_names / sizeof *twitter_names, data,
		    size);
	return 0;
}

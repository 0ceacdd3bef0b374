#include "tests/testutil.h"

#include <string.h>

#include "formats/registry.h"
#include "scanner/xalloc.h"

static const char *layout_of(const char *const *paths, size_t n)
{
	const struct format_ops *f;
	return registry_layout(paths, n, &f);
}

static void test_registry__layouts_from_anchors(void **state)
{
	(void)state;
	const char *tw22[] = {"Your archive.html", "data/manifest.js", "data/tweets.js"};
	assert_string_equal(layout_of(tw22, 3), "twitter-2022");
	const char *tw20[] = {"data/account.js", "data/tweet.js", "data/like.js"};
	assert_string_equal(layout_of(tw20, 3), "twitter-2020");
	const char *grail[] = {"index.html", "data/js/tweets/2015_01.js", "data/js/tweet_index.js"};
	assert_string_equal(layout_of(grail, 3), "twitter-grailbird");
	/* only data/: the folder is the export's own, not a wrapper */
	const char *only_data[] = {"data/tweets.js", "data/like.js"};
	assert_string_equal(layout_of(only_data, 2), "twitter-2022");
	/* a wrapper folder every entry shares is ignored */
	const char *fb24[] = {"facebook-jsmith-2024-05-01-Ab12Cd/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
			      "facebook-jsmith-2024-05-01-Ab12Cd/connections/friends/your_friends.json"};
	assert_string_equal(layout_of(fb24, 2), "facebook-json-2024");
	const char *fb19[] = {"posts/your_posts_1.json", "comments_and_reactions/comments.json"};
	assert_string_equal(layout_of(fb19, 2), "facebook-json-2019");
	const char *fb18[] = {"posts/your_posts.json", "friends/friends.json"};
	assert_string_equal(layout_of(fb18, 2), "facebook-json-2018");
	/* an HTML export of 2024 also has your_facebook_activity/, with .html pages */
	const char *fbh24[] = {"start_here.html", "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html"};
	assert_string_equal(layout_of(fbh24, 2), "facebook-html-2024");
	const char *fbh19[] = {"index.html", "posts/your_posts_1.html"};
	assert_string_equal(layout_of(fbh19, 2), "facebook-html-2019");
	/* nested: the layout of the inner export */
	const char *nested[] = {"parts/part1.zip", "parts/part1.zip!data/tweets.js"};
	assert_string_equal(layout_of(nested, 2), "twitter-2022");
	const char *none[] = {"notes.txt", "photo.jpg"};
	assert_null(layout_of(none, 2));
}

static void test_registry__path_helpers(void **state)
{
	(void)state;
	assert_true(path_has_suffix("x/data/tweets.js", "data/tweets.js"));
	assert_true(path_has_suffix("data/tweets.js", "data/tweets.js"));
	assert_true(path_has_suffix("a.zip!data/tweets.js", "data/tweets.js"));
	assert_false(path_has_suffix("xdata/tweets.js", "data/tweets.js"));
	assert_true(path_has_dir("x/data/js/tweets/2015_01.js", "data/js/tweets/"));
	assert_false(path_has_dir("x/mydata/js/tweets/2015_01.js", "data/js/tweets/"));
	assert_string_equal(path_basename("a/b/c.jpg"), "c.jpg");
	assert_string_equal(path_basename("a.zip!c.jpg"), "c.jpg");
	assert_string_equal(path_basename("c.jpg"), "c.jpg");
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry__layouts_from_anchors),
		cmocka_unit_test(test_registry__path_helpers),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}

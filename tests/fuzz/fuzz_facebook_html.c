/*
 * Fuzz harness: the Facebook HTML format (formats/facebook_html.c, libxml2
 * in push mode) over one entry.  The first byte picks the entry's name
 * from the table (both layouts' pages); the rest is its bytes.  The table
 * only grows at its end: regression files depend on its order.
 */
#include "tests/fuzz/fuzz.h"

extern const struct format_ops format_facebook_html;

static const char *const fbhtml_names[] = {
	"comments/comments.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/connections/friends/your_friends.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/personal_information/profile_information/profile_information.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/start_here.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/your_facebook_activity/comments_and_reactions/comments.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/your_facebook_activity/comments_and_reactions/likes_and_reactions_1.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/your_facebook_activity/groups/your_group_membership_activity.html",
	"facebook-zoepembleton-2024-06-02-Xy34Zw/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html",
	"friends/friends.html",
	"groups/your_group_membership_activity.html",
	"groups/your_posts_and_comments_in_groups.html",
	"index.html",
	"likes_and_reactions/pages.html",
	"likes_and_reactions/posts_and_comments.html",
	"posts/your_posts_1.html",
	"posts/your_posts_2.html",
	"profile_information/profile_information.html",
	"outer.zip!posts/your_posts_1.html",
	"messages/inbox/someone_abc/message_1.html",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_format(&format_facebook_html, fbhtml_names, sizeof fbhtml_names / sizeof *fbhtml_names,
		    data, size);
	return 0;
}

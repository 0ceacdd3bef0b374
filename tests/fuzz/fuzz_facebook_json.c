/*
 * Fuzz harness: the Facebook JSON format (formats/facebook_json*.c) over
 * one entry.  The first byte picks the entry's name from the table (every
 * layout's files); the rest is its bytes.  The table only grows at its
 * end: regression files depend on its order.
 */
#include "tests/fuzz/fuzz.h"

extern const struct format_ops format_facebook_json;

static const char *const fbjson_names[] = {
	"comments/comments.json",
	"comments_and_reactions/comments.json",
	"comments_and_reactions/posts_and_comments.json",
	"connections/followers/who_you've_followed.json",
	"connections/friends/your_friends.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/connections/followers/who_you've_followed.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/connections/friends/your_friends.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/logged_information/search/your_search_history.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/personal_information/profile_information/profile_information.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/comments_and_reactions/comments.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/comments_and_reactions/likes_and_reactions.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/comments_and_reactions/likes_and_reactions_1.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/groups/group_posts_and_comments.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/groups/your_comments_in_groups.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/groups/your_group_membership_activity.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/pages/pages_you've_liked.json",
	"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
	"following_and_followers/following.json",
	"friends/friends.json",
	"friends_and_followers/followers.json",
	"friends_and_followers/friends.json",
	"friends_and_followers/who_you_follow.json",
	"groups/your_comments_in_groups.json",
	"groups/your_group_membership_activity.json",
	"groups/your_posts_and_comments_in_groups.json",
	"groups/your_posts_in_groups.json",
	"likes_and_reactions/pages.json",
	"likes_and_reactions/posts_and_comments.json",
	"pages/pages_you've_liked.json",
	"personal_information/profile_information/profile_information.json",
	"posts/your_posts.json",
	"posts/your_posts_1.json",
	"posts/your_posts_2.json",
	"profile_information/profile_information.json",
	"your_activity_across_facebook/comments_and_reactions/comments.json",
	"your_activity_across_facebook/comments_and_reactions/likes_and_reactions_1.json",
	"your_activity_across_facebook/groups/group_posts_and_comments.json",
	"your_activity_across_facebook/groups/your_comments_in_groups.json",
	"your_activity_across_facebook/groups/your_group_membership_activity.json",
	"your_activity_across_facebook/posts/your_posts__check_ins__photos_and_videos_1.json",
	"outer.zip!posts/your_posts_1.json",
	"messages/inbox/someone_abc/message_1.json",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_format(&format_facebook_json, fbjson_names, sizeof fbjson_names / sizeof *fbjson_names,
		    data, size);
	return 0;
}

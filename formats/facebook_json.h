#ifndef CS_FACEBOOK_JSON_H
#define CS_FACEBOOK_JSON_H
/*
 * Facebook "Download Your Information" exports in JSON: the parts shared by
 * facebook_json.c (the format: which files, bid, layout, the element loop)
 * and facebook_json_items.c (one decoded element to items).
 *
 * Files are recognised by their names and the folders around them, never by
 * one fixed path: a single top folder, the 2022 `your_activity_across_facebook/`
 * and the 2024 `your_facebook_activity/` prefixes all lead to the same
 * files.  What a file holds is read from its structure (member keys such as
 * `comments_v2`, fields such as `data[].post`), never from `title` strings,
 * which are in the exporter's language; a title is kept only as an item's
 * context (comments and likes).
 *
 * Decisions the SPEC leaves open:
 *   - group posts are ITEM_POST and group comments ITEM_COMMENT, with
 *     `group` set where the export names the group; memberships are
 *     ITEM_GROUP (text and group: the group's name; relation "member" or
 *     "admin");
 *   - pages liked are ITEM_LIKE (text: the page's name, url its link);
 *     pages followed are ITEM_CONNECTION with relation "following";
 *   - a post without text of its own takes the text of its attachments
 *     (a caption, a note) and then the place it checked in at;
 *   - the profile's previous emails are account emails too (a work address
 *     once on the account is still evidence), each an ITEM_PROFILE "email";
 *   - an element with none of the fields a record has is a warning
 *     ("unknown-shape"), never an empty item;
 *   - work history start and end are written as UTC dates "YYYY-MM-DD"
 *     (the export gives Unix seconds; 0 means none);
 *   - the `label_values` records of newer exports are read by structure:
 *     `value` strings are the text (a value that is a URL, and every `href`,
 *     go to urls), `timestamp_value` is the time when the record has no
 *     `timestamp`, `vec` and `dict` are walked, `fbid` is the id.  The labels
 *     themselves are never read; a reaction type is recognised by its value
 *     (LIKE, LOVE, HAHA, WOW, SORRY, ANGER, CARE, SUPPORT, in any case).
 */
#include "formats/format.h"
#include "formats/json_stream.h"

/* What a file holds, decided by its path. */
enum fbj_file {
	FBJ_NONE,
	FBJ_POSTS,              /* posts; also your_posts__check_ins__photos_and_videos */
	FBJ_GROUP_POSTS,        /* posts (and comments) in groups */
	FBJ_COMMENTS,
	FBJ_GROUP_COMMENTS,
	FBJ_REACTIONS,          /* reactions to posts and comments */
	FBJ_PAGES_LIKED,
	FBJ_FRIENDS,
	FBJ_FOLLOWING,          /* people and pages the subject follows */
	FBJ_FOLLOWERS,
	FBJ_GROUPS,             /* memberships */
	FBJ_PROFILE,
};

/* The kind of file at `path` (as recorded), FBJ_NONE if not one we parse. */
enum fbj_file fbj_classify(const char *path);

/*
 * Turns one element of a `file` into items and emits them, all with the
 * element's span.  Returns CS_OK, CS_WARN (something in the element was
 * doubtful: a warning says what) or CS_FATAL (format_emit said stop).
 */
int fbj_element(struct format_ctx *fc, enum fbj_file file, const struct json_element *el);

#endif

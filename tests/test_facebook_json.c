#include "tests/testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/registry.h"
#include "scanner/buf.h"
#include "scanner/timez.h"
#include "scanner/warnings.h"
#include "scanner/xalloc.h"

extern const struct format_ops format_facebook_json;
#define FB (&format_facebook_json)

/* ---- helpers -------------------------------------------------------- */

static void hex32(const unsigned char *d, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[64] = '\0';
}

/* The item's bytes are exactly the file's bytes at its offset/length, and
 * its sha256 is theirs. */
static void check_provenance(const struct item *it, const char *file, size_t file_len)
{
	char want[65], got[65];
	assert_true(it->offset >= 0 && it->length > 0);
	assert_true((size_t)(it->offset + it->length) <= file_len);
	tu_sha256_hex(file + it->offset, (size_t)it->length, want);
	hex32(it->sha256, got);
	assert_string_equal(got, want);
	assert_non_null(it->raw);
	assert_memory_equal(it->raw, file + it->offset, (size_t)it->length);
	/* An element starts with '{' and ends with '}'. */
	assert_int_equal(file[it->offset], '{');
	assert_int_equal(file[it->offset + it->length - 1], '}');
}

static char *utc(int64_t t)
{
	static char buf[TIMEZ_BUFSZ];
	return timez_utc(t, buf);
}

/* Parses one file of a sample tree as entry `entry`. */
static struct format_ctx *parse_file(const char *sample, const char *entry, struct tu_items *items,
				     int *rc)
{
	char *path = xasprintf("samples/%s/%s", sample, entry);
	size_t n = 0;
	char *p = tu_read(path, &n);
	assert_non_null(p);
	struct format_ctx *fc = tu_parse_buffer(FB, entry, p, n, items, rc);
	for (size_t i = 0; i < items->n; i++)
		check_provenance(items->v[i], p, n);
	free(p);
	free(path);
	return fc;
}

static void list_files(const char *root, const char *rel, struct strlist *out)
{
	char *dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, ".sample"))
			continue;
		char *r = rel[0] ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		char *full = xasprintf("%s/%s", root, r);
		struct stat st;
		assert_int_equal(stat(full, &st), 0);
		if (S_ISDIR(st.st_mode))
			list_files(root, r, out);
		else
			strlist_push(out, r);
		free(full);
		free(r);
	}
	closedir(d);
	free(dir);
}

struct sample_run {
	struct tu_items items;
	struct format_ctx *fc;
	struct strlist claimed;     /* entries the format bid on */
	struct strlist skipped;     /* entries it did not */
	int worst;                  /* the worst parse() status */
};

/*
 * Parses a whole sample tree the way the pipeline does: every file in
 * bytewise order, offered to the bid, parsed when claimed; then checks the
 * provenance of every item against its file.
 */
static void run_sample(const char *sample, struct sample_run *r)
{
	char *root = xasprintf("samples/%s", sample);
	struct strlist files = STRLIST_INIT;
	memset(r, 0, sizeof *r);
	list_files(root, "", &files);
	strlist_sort(&files);
	r->fc = format_ctx_new(tu_items_emit, &r->items, NULL, NULL, 0);
	format_ctx_set_source(r->fc, 0, sample);
	for (size_t i = 0; i < files.n; i++) {
		char *full = xasprintf("%s/%s", root, files.v[i]);
		size_t n = 0;
		char *p = tu_read(full, &n);
		assert_non_null(p);
		size_t first = r->items.n;
		if (FB->bid(files.v[i], (const unsigned char *)p, n < 4096 ? n : 4096) > 0) {
			strlist_push(&r->claimed, files.v[i]);
			format_ctx_set_entry(r->fc, (unsigned)i, files.v[i]);
			struct entry_stream *s = entry_stream_from_memory(p, n);
			int rc = FB->parse(r->fc, s);
			entry_stream_free(s);
			if (rc > r->worst)
				r->worst = rc;
			for (size_t k = first; k < r->items.n; k++) {
				assert_string_equal(r->items.v[k]->entry, files.v[i]);
				check_provenance(r->items.v[k], p, n);
			}
		} else {
			strlist_push(&r->skipped, files.v[i]);
		}
		free(p);
		free(full);
	}
	strlist_release(&files);
	free(root);
}

static void sample_release(struct sample_run *r)
{
	format_ctx_free(r->fc, FB);
	tu_items_release(&r->items);
	strlist_release(&r->claimed);
	strlist_release(&r->skipped);
}

/* The first item of `kind` whose text (or counterpart, for connections and
 * tags; field, for profile items) begins with `prefix`. */
static struct item *find(const struct tu_items *l, enum item_kind kind, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct item *it = l->v[i];
		const char *s = it->text;
		if (kind == ITEM_CONNECTION || kind == ITEM_TAG)
			s = it->counterpart;
		if (kind == ITEM_PROFILE)
			s = it->field;
		if (it->kind == kind && s && strncmp(s, prefix, strlen(prefix)) == 0)
			return l->v[i];
	}
	return NULL;
}

static void assert_counts(const struct tu_items *l, const size_t want[ITEM_KIND_COUNT])
{
	for (int k = 0; k < ITEM_KIND_COUNT; k++) {
		if (tu_items_count(l, (enum item_kind)k) != want[k])
			fail_msg("%s: %zu items, expected %zu", item_kind_name((enum item_kind)k),
				 tu_items_count(l, (enum item_kind)k), want[k]);
	}
}

static void assert_account(struct format_ctx *fc)
{
	const struct account *a = format_ctx_account(fc);
	assert_string_equal(a->display_name, "Zo\xC3\xAB Pembleton");
	assert_string_equal(a->handle, "zoe.pembleton.ash");
	assert_int_equal(a->emails.n, 2);
	assert_string_equal(a->emails.v[0], "zoe.pembleton@example.com");
	assert_string_equal(a->emails.v[1], "z.pembleton@ashworth-bc.gov.uk");
	assert_int_equal(a->n_work, 2);
	assert_string_equal(a->work[0].employer, "Ashworth Borough Council");
	assert_string_equal(a->work[0].title, "Housing Options Officer");
	assert_string_equal(a->work[0].description, "Helping residents find a home. Views my own.");
	assert_string_equal(a->work[0].start, "2015-09-01");
	assert_null(a->work[0].end);
	assert_string_equal(a->work[1].employer, "Brightwater Lettings");
	assert_string_equal(a->work[1].title, "Lettings N\xC3\xA9gociatrice");
	assert_string_equal(a->work[1].start, "2011-07-01");
	assert_string_equal(a->work[1].end, "2015-08-01");
	assert_int_equal(a->websites.n, 1);
	assert_string_equal(a->websites.v[0], "https://zoepembleton.example.net/");
	assert_string_equal(a->location, "Ashworth, United Kingdom");
	assert_int_equal(a->phones.n, 1);
	assert_int_equal(a->created_at, 1199145600);
}

/* The profile items every sample has (the same profile in each). */
static void assert_profile_items(const struct tu_items *l)
{
	struct item *it = find(l, ITEM_PROFILE, "hometown");
	assert_non_null(it);
	assert_string_equal(it->text, "Llanfair C\xC3\xB4te");
	assert_int_equal(it->time_source, ITEM_TIME_NONE);
	it = find(l, ITEM_PROFILE, "work");
	assert_non_null(it);
	assert_string_equal(it->text, "Housing Options Officer, Ashworth Borough Council (Ashworth)\n"
				      "Helping residents find a home. Views my own.");
	it = find(l, ITEM_PROFILE, "name");
	assert_string_equal(it->text, "Zo\xC3\xAB Pembleton");
	/* every profile item shares the span of the one profile element */
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]->kind == ITEM_PROFILE) {
			assert_int_equal(l->v[i]->offset, it->offset);
			assert_int_equal(l->v[i]->length, it->length);
		}
}

static const char *layout_of(const struct format_ctx *fc)
{
	const char *l = format_ctx_layout(fc);
	return l ? l : "(none)";
}

/* ---- tests ---------------------------------------------------------- */

static void test_facebook_json__2018_posts_tags_attachments(void **state)
{
	(void)state;
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = parse_file("facebook-json-2018", "posts/your_posts.json", &items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(tu_items_count(&items, ITEM_POST), 3);
	assert_int_equal(tu_items_count(&items, ITEM_TAG), 2);
	assert_int_equal(items.n, 5);

	/* post, then a tag item per person, all with the post's span */
	struct item *p = items.v[0];
	assert_int_equal(p->kind, ITEM_POST);
	assert_string_equal(p->platform, "facebook");
	assert_null(p->id);
	assert_string_equal(p->text, "Lovely lunch at Zo\xC3\xAB's favourite caf\xC3\xA9 with the housing "
				     "team \xF0\x9F\x98\x8A");
	assert_int_equal(p->time_source, ITEM_TIME_UTC);
	assert_string_equal(utc(p->created_at), "2018-04-30T15:50:00Z");
	assert_int_equal(p->tagged.n, 2);
	assert_string_equal(p->tagged.v[0], "Si\xC3\xA2n Ellery");
	assert_string_equal(p->tagged.v[1], "Tom\xC3\xA1s Brennan");
	assert_null(p->context); /* the title is never the text nor the context of a post */
	for (int i = 1; i <= 2; i++) {
		struct item *t = items.v[i];
		assert_int_equal(t->kind, ITEM_TAG);
		assert_string_equal(t->counterpart, p->tagged.v[i - 1]);
		assert_string_equal(t->text, p->text);
		assert_int_equal(t->created_at, p->created_at);
		assert_int_equal(t->offset, p->offset);
		assert_int_equal(t->length, p->length);
		assert_memory_equal(t->sha256, p->sha256, 32);
	}
	p = items.v[3];
	assert_string_equal(p->text, "New office, same old broken lift");
	assert_int_equal(p->n_attachments, 1);
	assert_string_equal(p->attachments[0].ref, "photos_and_videos/TimelinePhotos_aB3dE/31337_10155_n.jpg");
	assert_null(p->attachments[0].entry);
	p = items.v[4];
	assert_int_equal(p->urls.n, 1);
	assert_string_equal(p->urls.v[0], "https://news.example.org/ashworth-housing-waiting-list");
	assert_string_equal(layout_of(fc), "facebook-json-2018");
	assert_int_equal(format_ctx_warnings(fc)->n, 0);
	format_ctx_free(fc, FB);
	tu_items_release(&items);
}

static void test_facebook_json__2018_sample(void **state)
{
	(void)state;
	struct sample_run r;
	run_sample("facebook-json-2018", &r);
	static const size_t want[ITEM_KIND_COUNT] = {
		[ITEM_POST] = 4, [ITEM_COMMENT] = 3, [ITEM_LIKE] = 3, [ITEM_TAG] = 2,
		[ITEM_CONNECTION] = 4, [ITEM_PROFILE] = 11,
	};
	assert_counts(&r.items, want);
	assert_int_equal(r.worst, CS_OK);
	assert_int_equal(format_ctx_warnings(r.fc)->n, 0);
	assert_int_equal(r.skipped.n, 1); /* the photo */
	assert_string_equal(layout_of(r.fc), "facebook-json-2018");
	assert_account(r.fc);
	assert_profile_items(&r.items);

	struct item *c = find(&r.items, ITEM_COMMENT, "\xC3\x87" "a va");
	assert_non_null(c);
	assert_string_equal(c->text, "\xC3\x87" "a va, the council's IT is rubbish again");
	assert_string_equal(c->author, "Zo\xC3\xAB Pembleton");
	/* the title is kept, repaired, only as context */
	assert_string_equal(c->context, "Zo\xC3\xAB Pembleton commented on Tom\xC3\xA1s Brennan's post.");
	assert_int_equal(c->created_at, 1525449600);

	struct item *l = NULL;
	for (size_t i = 0; i < r.items.n; i++)
		if (r.items.v[i]->kind == ITEM_LIKE && r.items.v[i]->reaction &&
		    !strcmp(r.items.v[i]->reaction, "ANGER"))
			l = r.items.v[i];
	assert_non_null(l);
	assert_string_equal(l->author, "Zo\xC3\xAB Pembleton");
	assert_null(l->text);
	l = find(&r.items, ITEM_LIKE, "Ashworth Tenants");
	assert_non_null(l); /* a page liked */
	assert_string_equal(l->entry, "likes_and_reactions/pages.json");

	struct item *f = find(&r.items, ITEM_CONNECTION, "Si");
	assert_string_equal(f->counterpart, "Si\xC3\xA2n Ellery");
	assert_string_equal(f->relation, "friend");
	assert_int_equal(f->created_at, 1262304000);
	f = find(&r.items, ITEM_CONNECTION, "Ashworth Borough");
	assert_string_equal(f->relation, "following");

	/* 2018 groups: {"group_posts": {"activity_log_data": [...]}}: one post
	 * and one comment sharing the wrapper's span */
	struct item *gp = find(&r.items, ITEM_POST, "Anyone else");
	struct item *gc = find(&r.items, ITEM_COMMENT, "Same here");
	assert_non_null(gp);
	assert_non_null(gc);
	assert_string_equal(gc->group, "Ashworth Residents");
	assert_int_equal(gp->offset, gc->offset);
	assert_int_equal(gp->length, gc->length);
	sample_release(&r);
}

static void test_facebook_json__2019_sample(void **state)
{
	(void)state;
	struct sample_run r;
	run_sample("facebook-json-2019", &r);
	static const size_t want[ITEM_KIND_COUNT] = {
		[ITEM_POST] = 4, [ITEM_COMMENT] = 2, [ITEM_LIKE] = 2, [ITEM_TAG] = 1,
		[ITEM_CONNECTION] = 3, [ITEM_PROFILE] = 11, [ITEM_GROUP] = 1,
	};
	assert_counts(&r.items, want);
	assert_int_equal(r.worst, CS_OK);
	assert_int_equal(format_ctx_warnings(r.fc)->n, 0);
	assert_int_equal(r.skipped.n, 2); /* events/no-data.txt and the photo */
	assert_true(strlist_has(&r.skipped, "events/no-data.txt"));
	assert_true(strlist_has(&r.claimed, "friends_and_followers/followers.json")); /* empty: fine */
	assert_string_equal(layout_of(r.fc), "facebook-json-2019");
	assert_account(r.fc);
	assert_profile_items(&r.items);

	struct item *p = find(&r.items, ITEM_POST, "Zo\xC3\xAB's first week");
	assert_non_null(p);
	assert_string_equal(utc(p->created_at), "2019-05-06T17:42:00Z");
	assert_int_equal(p->tagged.n, 1);
	assert_string_equal(p->tagged.v[0], "Si\xC3\xA2n Ellery");
	struct item *t = find(&r.items, ITEM_TAG, "Si");
	assert_string_equal(t->text, p->text);
	/* a check-in without text: the place */
	p = find(&r.items, ITEM_POST, "Ashworth Town Hall");
	assert_non_null(p);
	assert_string_equal(utc(p->created_at), "2019-05-07T17:42:00Z");
	assert_string_equal(p->urls.v[0], "https://www.facebook.com/places/ashworth-town-hall");
	/* the second posts file */
	p = find(&r.items, ITEM_POST, "Team away day");
	assert_string_equal(p->entry, "posts/your_posts_2.json");
	assert_string_equal(p->text, "Team away day \xF0\x9F\x8E\x89");
	assert_string_equal(p->attachments[0].ref, "posts/media/your_posts/40001_10212_n.jpg");

	struct item *g = find(&r.items, ITEM_GROUP, "Ashworth Residents");
	assert_non_null(g);
	assert_string_equal(g->relation, "member");
	assert_string_equal(g->group, "Ashworth Residents");
	struct item *gc = find(&r.items, ITEM_COMMENT, "Reported it");
	assert_string_equal(gc->group, "Ashworth Residents");
	struct item *gp = find(&r.items, ITEM_POST, "Bin collection");
	assert_non_null(gp);
	struct item *l = find(&r.items, ITEM_LIKE, "Ashworth Tenants' Voice");
	assert_non_null(l);
	struct item *f = find(&r.items, ITEM_CONNECTION, "Ashworth Borough Council");
	assert_string_equal(f->relation, "following");
	sample_release(&r);
}

static void test_facebook_json__2022_sample(void **state)
{
	(void)state;
	struct sample_run r;
	run_sample("facebook-json-2022", &r);
	static const size_t want[ITEM_KIND_COUNT] = {
		[ITEM_POST] = 3, [ITEM_COMMENT] = 1, [ITEM_LIKE] = 1, [ITEM_TAG] = 1,
		[ITEM_CONNECTION] = 3, [ITEM_PROFILE] = 11, [ITEM_GROUP] = 1,
	};
	assert_counts(&r.items, want);
	assert_int_equal(r.worst, CS_OK);
	assert_int_equal(r.skipped.n, 0);
	assert_string_equal(layout_of(r.fc), "facebook-json-2022");
	assert_account(r.fc);
	assert_profile_items(&r.items);
	struct item *p = find(&r.items, ITEM_POST, "Proud of the team");
	assert_string_equal(p->text, "Proud of the team at Ashworth \xE2\x80\x94 40 families housed this "
				     "month \xF0\x9F\x8F\xA0");
	assert_string_equal(utc(p->created_at), "2022-09-09T09:40:00Z");
	struct item *c = find(&r.items, ITEM_COMMENT, "Na\xC3\xAFve");
	assert_non_null(c);
	struct item *l = r.items.v[0];
	for (size_t i = 0; i < r.items.n; i++)
		if (r.items.v[i]->kind == ITEM_LIKE)
			l = r.items.v[i];
	assert_string_equal(l->reaction, "LOVE");
	struct item *f = find(&r.items, ITEM_CONNECTION, "Ashworth Borough Council");
	assert_string_equal(f->relation, "following");
	assert_string_equal(f->entry, "connections/followers/who_you've_followed.json");
	sample_release(&r);
}

static void test_facebook_json__2024_sample_in_top_folder(void **state)
{
	(void)state;
	struct sample_run r;
	run_sample("facebook-json-2024", &r);
	static const size_t want[ITEM_KIND_COUNT] = {
		[ITEM_POST] = 4, [ITEM_COMMENT] = 3, [ITEM_LIKE] = 3, [ITEM_TAG] = 2,
		[ITEM_CONNECTION] = 5, [ITEM_PROFILE] = 11, [ITEM_GROUP] = 2,
	};
	assert_counts(&r.items, want);
	assert_int_equal(r.worst, CS_OK);
	assert_int_equal(format_ctx_warnings(r.fc)->n, 0);
	assert_string_equal(layout_of(r.fc), "facebook-json-2024");
	assert_account(r.fc);
	assert_profile_items(&r.items);
	/* a file the format does not parse, the empty section, the photo */
	assert_int_equal(r.skipped.n, 3);
	assert_true(strlist_has(&r.skipped, "facebook-zpembleton-2024-05-01-Ab12Cd/logged_information/"
					    "search/your_search_history.json"));

	const char *top = "facebook-zpembleton-2024-05-01-Ab12Cd/";
	for (size_t i = 0; i < r.items.n; i++)
		assert_int_equal(strncmp(r.items.v[i]->entry, top, strlen(top)), 0);

	struct item *p = find(&r.items, ITEM_POST, "Se\xC3\xB1or Brennan");
	assert_non_null(p);
	assert_string_equal(p->text, "Se\xC3\xB1or Brennan's leaving do \xF0\x9F\x8D\xBB");
	assert_string_equal(utc(p->created_at), "2024-05-01T09:00:00Z");
	assert_int_equal(p->n_attachments, 1);
	assert_string_equal(p->attachments[0].ref,
			    "your_facebook_activity/posts/media/Mobileuploads_Qw7/71234_n_1122.jpg");
	assert_int_equal(p->tagged.n, 2);
	assert_non_null(find(&r.items, ITEM_TAG, "Tom\xC3\xA1s Brennan"));
	p = find(&r.items, ITEM_POST, "Ashworth Leisure Centre");
	assert_non_null(p); /* a check-in */

	/* a sticker-only comment: empty text, its attachment */
	struct item *c = NULL;
	for (size_t i = 0; i < r.items.n; i++)
		if (r.items.v[i]->kind == ITEM_COMMENT && r.items.v[i]->n_attachments)
			c = r.items.v[i];
	assert_non_null(c);
	assert_null(c->text);
	assert_string_equal(c->attachments[0].ref, "your_facebook_activity/posts/media/stickers_used/3344_n.png");

	/* the label_values shape, read by structure */
	struct item *l = find(&r.items, ITEM_LIKE, "Ashworth Borough Council");
	assert_non_null(l);
	assert_string_equal(l->reaction, "Like");
	assert_string_equal(l->id, "7700001");
	assert_string_equal(l->url, "https://www.facebook.com/ashworthbc/posts/pfbid0Xy");
	assert_string_equal(utc(l->created_at), "2024-05-07T09:00:00Z");
	l = find(&r.items, ITEM_LIKE, "Ashworth Tenants' Voice");
	assert_string_equal(l->url, "https://www.facebook.com/ashworthtenants");

	struct item *g = find(&r.items, ITEM_GROUP, "Ashworth Council Staff");
	assert_non_null(g);
	struct item *gc = find(&r.items, ITEM_COMMENT, "Thursday");
	assert_string_equal(gc->group, "Mill Lane Neighbours");
	sample_release(&r);
}

static void test_facebook_json__anchors_see_through_top_folder(void **state)
{
	(void)state;
	const char *paths[] = {
		"facebook-zpembleton-2024-05-01-Ab12Cd/connections/friends/your_friends.json",
		"facebook-zpembleton-2024-05-01-Ab12Cd/your_facebook_activity/posts/"
		"your_posts__check_ins__photos_and_videos_1.json",
	};
	const struct format_ops *fmt = NULL;
	assert_string_equal(registry_layout(paths, 2, &fmt), "facebook-json-2024");
	assert_ptr_equal(fmt, FB);
	const char *old[] = {"x/posts/your_posts.json", "x/friends/friends.json"};
	assert_string_equal(registry_layout(old, 2, &fmt), "facebook-json-2018");
	const char *v19[] = {"comments_and_reactions/comments.json", "posts/your_posts_1.json"};
	assert_string_equal(registry_layout(v19, 2, &fmt), "facebook-json-2019");
}

static void test_facebook_json__bid(void **state)
{
	(void)state;
	const unsigned char arr[] = "[\n  {}\n]";
	const unsigned char obj[] = "\xEF\xBB\xBF \n{\"comments_v2\": []}";
	const unsigned char txt[] = "No data";
	assert_true(FB->bid("posts/your_posts_1.json", arr, sizeof arr - 1) >= 90);
	assert_true(FB->bid("top/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_3.json",
			    arr, sizeof arr - 1) >= 90);
	assert_true(FB->bid("your_activity_across_facebook/comments_and_reactions/comments.json", obj,
			    sizeof obj - 1) >= 90);
	assert_true(FB->bid("a.zip!x/connections/friends/your_friends.json", obj, sizeof obj - 1) >= 90);
	assert_true(FB->bid("personal_information/profile_information/profile_information.json", obj,
			    sizeof obj - 1) >= 90);
	/* not ours: the HTML twin, other files, other heads */
	assert_int_equal(FB->bid("posts/your_posts_1.html", arr, sizeof arr - 1), 0);
	assert_int_equal(FB->bid("events/no-data.txt", txt, sizeof txt - 1), 0);
	assert_int_equal(FB->bid("posts/your_posts_1.json", txt, sizeof txt - 1), 0);
	assert_int_equal(FB->bid("posts/your_posts_1.json", arr, 0), 0);
	assert_int_equal(FB->bid("logged_information/search/your_search_history.json", obj, sizeof obj - 1), 0);
	assert_int_equal(FB->bid("data/friends.json", obj, sizeof obj - 1), 0);
	assert_int_equal(FB->bid("posts/your_posts_x.json", arr, sizeof arr - 1), 0);
	assert_int_equal(FB->bid("data/tweets.js", arr, sizeof arr - 1), 0);
}

static void test_facebook_json__damaged_element_loses_only_itself(void **state)
{
	(void)state;
	const char *doc = "{\n"
			  "  \"comments_v2\": [\n"
			  "    {\n"
			  "      \"timestamp\": 1600000000,\n"
			  "      \"data\": [{\"comment\": {\"comment\": \"first\", \"author\": \"Zo\\u00c3\\u00ab\"}}]\n"
			  "    },\n"
			  "    {\n"
			  "      \"timestamp\": 1600000100,\n"
			  "      \"data\": [{\"comment\": {\"comment\": tru, \"author\": \"x\"}}]\n"
			  "    },\n"
			  "    {\n"
			  "      \"timestamp\": 1600000200,\n"
			  "      \"data\": [{\"comment\": {\"comment\": \"third\", \"author\": \"Zo\\u00c3\\u00ab\"}}]\n"
			  "    }\n"
			  "  ]\n"
			  "}\n";
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(FB, "comments_and_reactions/comments.json", doc,
						strlen(doc), &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 2);
	assert_string_equal(items.v[0]->text, "first");
	assert_string_equal(items.v[0]->author, "Zo\xC3\xAB");
	assert_string_equal(items.v[1]->text, "third");
	assert_int_equal(items.v[1]->created_at, 1600000200);
	for (size_t i = 0; i < items.n; i++)
		check_provenance(items.v[i], doc, strlen(doc));
	const struct warnings *w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "bad-element");
	assert_int_equal(w->v[0].offset, (int64_t)(strstr(doc, "{\n      \"timestamp\": 1600000100") - doc));
	assert_string_equal(w->v[0].entry, "comments_and_reactions/comments.json");
	format_ctx_free(fc, FB);
	tu_items_release(&items);

	/* A string left open: the scanner resynchronises on the next element
	 * indented alike, so again only the damaged one is lost. */
	char *open = xstrdup(doc);
	char *bad = strstr(open, "tru,");
	memcpy(bad, "\"ab,", 4);
	memset(&items, 0, sizeof items);
	fc = tu_parse_buffer(FB, "comments_and_reactions/comments.json", open, strlen(open), &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 2);
	assert_string_equal(items.v[1]->text, "third");
	for (size_t i = 0; i < items.n; i++)
		check_provenance(items.v[i], open, strlen(open));
	w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_int_equal(w->v[0].offset, (int64_t)(strstr(open, "{\n      \"timestamp\": 1600000100") - open));
	format_ctx_free(fc, FB);
	tu_items_release(&items);
	free(open);
}

static void test_facebook_json__correct_utf8_and_bad_time(void **state)
{
	(void)state;
	/* a genuine "café" (U+00E9 written once) and a real "€": left alone;
	 * a timestamp that is not a number: a warning, the item kept */
	const char *doc = "{\n"
			  "  \"friends_v2\": [\n"
			  "    {\"name\": \"Caf\\u00e9 Owner\", \"timestamp\": 1262304000},\n"
			  "    {\"name\": \"Zo\\u00c3\\u00ab \\u20ac\", \"timestamp\": \"yesterday\"},\n"
			  "    {\"name\": \"Zo\xC3\xAB Real\", \"timestamp\": 1262304001}\n"
			  "  ]\n"
			  "}\n";
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(FB, "friends_and_followers/friends.json", doc,
						strlen(doc), &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 3);
	assert_string_equal(items.v[0]->counterpart, "Caf\xC3\xA9 Owner");
	assert_string_equal(items.v[1]->counterpart, "Zo\xC3\x83\xC2\xAB \xE2\x82\xAC");
	assert_int_equal(items.v[1]->time_source, ITEM_TIME_NONE);
	assert_string_equal(items.v[2]->counterpart, "Zo\xC3\xAB Real");
	const struct warnings *w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "bad-time");
	assert_string_equal(layout_of(fc), "facebook-json-2019");
	format_ctx_free(fc, FB);
	tu_items_release(&items);
}

static void test_facebook_json__label_values_by_structure(void **state)
{
	(void)state;
	/* labels in another language are never read: values, hrefs,
	 * timestamp_value, vec and dict are */
	const char *doc = "[\n"
			  "  {\n"
			  "    \"label_values\": [\n"
			  "      {\"label\": \"Reacci\\u00c3\\u00b3n\", \"value\": \"Love\"},\n"
			  "      {\"label\": \"Nombre\", \"value\": \"Si\\u00c3\\u00a2n Ellery\"},\n"
			  "      {\"label\": \"Enlace\", \"value\": \"abrir\", \"href\": \"https://www.facebook.com/p/1\"},\n"
			  "      {\"label\": \"Hora\", \"timestamp_value\": 1700000000},\n"
			  "      {\"label\": \"Lista\", \"vec\": [{\"dict\": [{\"label\": \"x\", \"value\": \"nested\"}]}]}\n"
			  "    ],\n"
			  "    \"fbid\": 12345\n"
			  "  },\n"
			  "  {\"timestamp\": 1700000100, \"label_values\": []}\n"
			  "]\n";
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(FB, "your_facebook_activity/comments_and_reactions/"
						"likes_and_reactions.json", doc, strlen(doc), &items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(items.n, 2);
	struct item *l = items.v[0];
	assert_int_equal(l->kind, ITEM_LIKE);
	assert_string_equal(l->reaction, "Love");
	assert_string_equal(l->text, "Si\xC3\xA2n Ellery\nabrir\nnested");
	assert_string_equal(l->url, "https://www.facebook.com/p/1");
	assert_int_equal(l->created_at, 1700000000);
	assert_string_equal(l->id, "12345");
	assert_int_equal(items.v[1]->created_at, 1700000100);
	assert_null(items.v[1]->text);
	assert_string_equal(layout_of(fc), "facebook-json-2024");
	format_ctx_free(fc, FB);
	tu_items_release(&items);
}

static int stop_emit(void *arg, struct item *it)
{
	size_t *n = arg;
	(*n)++;
	item_release(it);
	free(it);
	return CS_FATAL;
}

static void test_facebook_json__fatal_emit_stops_at_once(void **state)
{
	(void)state;
	size_t n = 0;
	char *p = tu_read("samples/facebook-json-2018/posts/your_posts.json", NULL);
	assert_non_null(p);
	struct format_ctx *fc = format_ctx_new(stop_emit, &n, NULL, NULL, 0);
	format_ctx_set_entry(fc, 0, "posts/your_posts.json");
	struct entry_stream *s = entry_stream_from_memory(p, strlen(p));
	assert_int_equal(FB->parse(fc, s), CS_FATAL);
	assert_int_equal(n, 1);
	entry_stream_free(s);
	format_ctx_free(fc, FB);
	free(p);
}

static void test_facebook_json__empty_sections(void **state)
{
	(void)state;
	const char *docs[] = {"[]", "{\"comments_v2\": []}", "{}", "\xEF\xBB\xBF[\n]\n"};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		struct tu_items items = {0};
		int rc = -1;
		struct format_ctx *fc = tu_parse_buffer(FB, "comments_and_reactions/comments.json", docs[i],
							strlen(docs[i]), &items, &rc);
		assert_int_equal(rc, CS_OK);
		assert_int_equal(items.n, 0);
		assert_int_equal(format_ctx_warnings(fc)->n, 0);
		format_ctx_free(fc, FB);
		tu_items_release(&items);
	}
}

static void test_facebook_json__unknown_shape_is_reported(void **state)
{
	(void)state;
	const char *doc = "{\n"
			  "  \"comments_v2\": [\n"
			  "    {\"something_new\": {\"x\": 1}},\n"
			  "    {\"timestamp\": 1600000000, \"data\": [{\"comment\": {\"comment\": \"kept\"}}]}\n"
			  "  ],\n"
			  "  \"version\": 2\n"
			  "}\n";
	struct tu_items items = {0};
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(FB, "comments_and_reactions/comments.json", doc,
						strlen(doc), &items, &rc);
	assert_int_equal(rc, CS_WARN);
	assert_int_equal(items.n, 1);
	assert_string_equal(items.v[0]->text, "kept");
	const struct warnings *w = format_ctx_warnings(fc);
	assert_int_equal(w->n, 1);
	assert_string_equal(w->v[0].code, "unknown-shape");
	assert_int_equal(w->v[0].offset, (int64_t)(strstr(doc, "{\"something_new") - doc));
	format_ctx_free(fc, FB);
	tu_items_release(&items);
}

/* Parses `doc` as `entry` and returns the single item it must give. */
static void one_item(const char *entry, const char *doc, struct tu_items *items)
{
	int rc = -1;
	struct format_ctx *fc = tu_parse_buffer(FB, entry, doc, strlen(doc), items, &rc);
	assert_int_equal(rc, CS_OK);
	assert_int_equal(items->n, 1);
	check_provenance(items->v[0], doc, strlen(doc));
	format_ctx_free(fc, FB);
}

static void test_facebook_json__relations(void **state)
{
	(void)state;
	struct tu_items items = {0};
	one_item("friends_and_followers/followers.json",
		 "{\"followers_v2\": [{\"name\": \"Gareth Pilling\", \"timestamp\": 1600000000}]}", &items);
	assert_int_equal(items.v[0]->kind, ITEM_CONNECTION);
	assert_string_equal(items.v[0]->relation, "follower");
	assert_string_equal(items.v[0]->counterpart, "Gareth Pilling");
	tu_items_release(&items);

	one_item("x/your_facebook_activity/pages/pages_and_profiles_you_follow.json",
		 "{\"pages_followed_v2\": [{\"timestamp\": 1600000000, \"data\": [{\"name\": "
		 "\"Ashworth Libraries\"}], \"title\": \"ignored\"}]}", &items);
	assert_string_equal(items.v[0]->relation, "following");
	assert_string_equal(items.v[0]->counterpart, "Ashworth Libraries");
	assert_null(items.v[0]->text);
	tu_items_release(&items);

	one_item("groups/your_groups.json",
		 "{\"groups_admined\": [{\"name\": \"Mill Lane Neighbours\", \"timestamp\": 1600000000}]}",
		 &items);
	assert_int_equal(items.v[0]->kind, ITEM_GROUP);
	assert_string_equal(items.v[0]->relation, "admin");
	assert_string_equal(items.v[0]->text, "Mill Lane Neighbours");
	tu_items_release(&items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facebook_json__2018_posts_tags_attachments),
		cmocka_unit_test(test_facebook_json__2018_sample),
		cmocka_unit_test(test_facebook_json__2019_sample),
		cmocka_unit_test(test_facebook_json__2022_sample),
		cmocka_unit_test(test_facebook_json__2024_sample_in_top_folder),
		cmocka_unit_test(test_facebook_json__anchors_see_through_top_folder),
		cmocka_unit_test(test_facebook_json__bid),
		cmocka_unit_test(test_facebook_json__damaged_element_loses_only_itself),
		cmocka_unit_test(test_facebook_json__correct_utf8_and_bad_time),
		cmocka_unit_test(test_facebook_json__label_values_by_structure),
		cmocka_unit_test(test_facebook_json__fatal_emit_stops_at_once),
		cmocka_unit_test(test_facebook_json__empty_sections),
		cmocka_unit_test(test_facebook_json__unknown_shape_is_reported),
		cmocka_unit_test(test_facebook_json__relations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

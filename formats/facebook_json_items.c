/* One decoded element of a Facebook JSON export to items.  What is read
 * from where, and why, is in facebook_json.h. */
#include "formats/facebook_json.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/fb_text.h"
#include "scanner/buf.h"
#include "scanner/error.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

/* Everything one element's items share. */
struct elem {
	struct format_ctx *fc;
	const struct json_element *el;
	enum fbj_file file;
	int rc;                 /* CS_OK, CS_WARN, CS_FATAL */
};

/* ---- small readers -------------------------------------------------- */

/* The repaired text of a JSON string, or NULL (not a string, or empty). */
static char *text_of(const json_t *v)
{
	if (!json_is_string(v) || json_string_length(v) == 0)
		return NULL;
	return fb_text_repair(json_string_value(v), json_string_length(v), NULL);
}

static char *get_text(const json_t *obj, const char *key)
{
	return text_of(json_object_get(obj, key));
}

/* The raw (unrepaired) string: URLs and media paths are ASCII as written. */
static const char *get_raw(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

/* Sets *field to value unless it is already set; frees value otherwise. */
static void take_first(char **field, char *value)
{
	if (*field)
		free(value);
	else
		*field = value;
}

static void warn(struct elem *e, const char *code, const char *what)
{
	format_warn(e->fc, e->el->offset, code, "%s", what);
	if (e->rc < CS_WARN)
		e->rc = CS_WARN;
}

/*
 * A Unix-seconds time: 1 and *t set when `key` holds one, 0 when it is
 * absent (or 0, Facebook's "none"); a value of the wrong type is a warning.
 */
static int get_time(struct elem *e, const json_t *obj, const char *key, int64_t *t)
{
	const json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	/* Years 0 to 9999, what RFC 3339 can write: a value outside would be
	 * written as no valid time at all (and a real one too large for
	 * int64_t cannot even be converted). */
	const double lo = -62167219200.0, hi = 253402300799.0;
	double d = json_is_integer(v) ? (double)json_integer_value(v) : json_is_real(v) ? json_real_value(v) : 0;
	if (!json_is_integer(v) && !json_is_real(v)) {
		warn(e, "bad-time", "timestamp is not a number of seconds");
		return 0;
	}
	if (!(d >= lo && d <= hi)) {
		warn(e, "bad-time", "timestamp is outside the years 0 to 9999");
		return 0;
	}
	*t = json_is_integer(v) ? (int64_t)json_integer_value(v) : (int64_t)d;
	return *t != 0;
}

static void set_time(struct item *it, int64_t t)
{
	it->created_at = t;
	it->time_source = ITEM_TIME_UTC;
}

static bool is_url(const char *s)
{
	return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

/* ---- emitting ------------------------------------------------------- */

static void item_start(struct item *it, enum item_kind kind)
{
	item_init(it);
	it->kind = kind;
	it->platform = "facebook";
}

/* Emits with the element's span.  0, or -1 once format_emit said stop. */
static int emit(struct elem *e, struct item *it)
{
	json_element_span(e->el, it);
	if (format_emit(e->fc, it) == CS_FATAL) {
		e->rc = CS_FATAL;
		return -1;
	}
	return 0;
}

/* One ITEM_TAG per person tagged in `post`, which has not been emitted
 * yet: counterpart the person, text the post's text, the post's time. */
static int emit_tags(struct elem *e, const struct item *post)
{
	for (size_t i = 0; i < post->tagged.n; i++) {
		struct item tag;
		item_start(&tag, ITEM_TAG);
		item_set(&tag.counterpart, post->tagged.v[i]);
		item_set(&tag.text, post->text);
		item_set(&tag.group, post->group);
		tag.created_at = post->created_at;
		tag.time_source = post->time_source;
		if (emit(e, &tag) < 0)
			return -1;
	}
	return 0;
}

/* ---- shared pieces of posts and comments ---------------------------- */

/* Tags are strings in older exports and {"name": ...} objects in newer. */
static void read_tags(const json_t *tags, struct item *it)
{
	size_t i;
	const json_t *t;
	if (!json_is_array(tags))
		return;
	json_array_foreach(tags, i, t) {
		char *name = json_is_string(t) ? text_of(t) : get_text(t, "name");
		if (name) {
			strlist_push_unique(&it->tagged, name);
			free(name);
		}
	}
}

/* What a post or comment's attachments say; fallback: text for a post
 * without text of its own. */
struct attached {
	char *fallback;
	char *place;
};

static void read_media(const json_t *media, struct item *it, struct attached *a)
{
	const char *uri = get_raw(media, "uri");
	if (uri)
		item_add_attachment(it, uri);
	take_first(&a->fallback, get_text(media, "description"));
	read_tags(json_object_get(media, "tags"), it);
}

static void read_attachments(const json_t *attachments, struct item *it, struct attached *a)
{
	size_t i, j, k;
	const json_t *att, *d, *m;
	if (!json_is_array(attachments))
		return;
	json_array_foreach(attachments, i, att) {
		const json_t *data = json_object_get(att, "data");
		if (!json_is_array(data))
			continue;
		json_array_foreach(data, j, d) {
			const json_t *media = json_object_get(d, "media");
			const json_t *ext = json_object_get(d, "external_context");
			const json_t *place = json_object_get(d, "place");
			const json_t *note = json_object_get(d, "note");
			if (json_is_object(media))
				read_media(media, it, a);
			if (json_is_object(ext)) {
				const char *url = get_raw(ext, "url");
				if (url)
					strlist_push_unique(&it->urls, url);
			}
			if (json_is_object(place)) {
				const char *url = get_raw(place, "url");
				if (url)
					strlist_push_unique(&it->urls, url);
				take_first(&a->place, get_text(place, "name"));
			}
			if (json_is_object(note)) {
				take_first(&a->fallback, get_text(note, "text"));
				const json_t *nm = json_object_get(note, "media");
				json_array_foreach(nm, k, m)
					if (json_is_object(m))
						read_media(m, it, a);
				read_tags(json_object_get(note, "tags"), it);
			}
			take_first(&a->fallback, get_text(d, "text"));
		}
	}
}

static void attached_release(struct attached *a)
{
	free(a->fallback);
	free(a->place);
}

/* ---- posts ---------------------------------------------------------- */

static void read_post_body(struct elem *e, const json_t *obj, struct item *it)
{
	struct buf text = BUF_INIT(0);
	struct attached a = {NULL, NULL};
	const json_t *data = json_object_get(obj, "data");
	const json_t *d;
	size_t i;
	int64_t t;

	if (get_time(e, obj, "timestamp", &t))
		set_time(it, t);
	json_array_foreach(data, i, d) {
		char *post = get_text(d, "post");
		if (post) {
			if (text.len)
				buf_adds(&text, "\n\n");
			buf_adds(&text, post);
			free(post);
		}
		take_first(&it->group, get_text(d, "group"));
	}
	take_first(&it->group, get_text(obj, "group"));
	read_attachments(json_object_get(obj, "attachments"), it, &a);
	read_tags(json_object_get(obj, "tags"), it);
	if (text.len)
		it->text = buf_detach(&text, NULL);
	else if (a.fallback)
		it->text = xstrdup(a.fallback);
	else if (a.place)
		it->text = xstrdup(a.place);
	buf_release(&text);
	attached_release(&a);
}

static int do_post(struct elem *e, const json_t *obj)
{
	struct item it;
	item_start(&it, ITEM_POST);
	read_post_body(e, obj, &it);
	/* The tags need the post's fields after it is handed over. */
	struct item copy;
	item_copy(&copy, &it);
	int r = emit(e, &it);
	if (r == 0)
		r = emit_tags(e, &copy);
	item_release(&copy);
	item_release(&it);
	return r;
}

/* ---- comments ------------------------------------------------------- */

static int do_comment(struct elem *e, const json_t *obj)
{
	struct item it;
	struct attached a = {NULL, NULL};
	const json_t *data = json_object_get(obj, "data");
	const json_t *d;
	size_t i;
	int64_t t;

	item_start(&it, ITEM_COMMENT);
	json_array_foreach(data, i, d) {
		const json_t *c = json_object_get(d, "comment");
		if (!json_is_object(c))
			continue;
		if (!it.text && !it.author) {
			it.text = get_text(c, "comment");
			it.author = get_text(c, "author");
			if (get_time(e, c, "timestamp", &t))
				set_time(&it, t);
		}
		take_first(&it.group, get_text(c, "group"));
	}
	if (it.time_source == ITEM_TIME_NONE && get_time(e, obj, "timestamp", &t))
		set_time(&it, t);
	take_first(&it.group, get_text(obj, "group"));
	read_attachments(json_object_get(obj, "attachments"), &it, &a);
	if (!it.text && a.fallback)
		it.text = xstrdup(a.fallback);
	attached_release(&a);
	it.context = get_text(obj, "title");
	int r = emit(e, &it);
	item_release(&it);
	return r;
}

/* A post or comment in a file that has both: a comment has data[].comment. */
static bool has_comment(const json_t *obj)
{
	const json_t *data = json_object_get(obj, "data");
	const json_t *d;
	size_t i;
	json_array_foreach(data, i, d)
		if (json_is_object(json_object_get(d, "comment")))
			return true;
	return false;
}

/* ---- reactions, pages liked ----------------------------------------- */

static int do_reaction(struct elem *e, const json_t *obj)
{
	struct item it;
	const json_t *data = json_object_get(obj, "data");
	const json_t *d;
	size_t i;
	int64_t t;

	item_start(&it, ITEM_LIKE);
	if (get_time(e, obj, "timestamp", &t))
		set_time(&it, t);
	json_array_foreach(data, i, d) {
		const json_t *r = json_object_get(d, "reaction");
		if (!json_is_object(r))
			continue;
		take_first(&it.reaction, get_text(r, "reaction"));
		take_first(&it.author, get_text(r, "actor"));
	}
	it.context = get_text(obj, "title");
	int r = emit(e, &it);
	item_release(&it);
	return r;
}

static int do_page_like(struct elem *e, const json_t *obj)
{
	struct item it;
	int64_t t;
	item_start(&it, ITEM_LIKE);
	if (get_time(e, obj, "timestamp", &t))
		set_time(&it, t);
	it.text = get_text(obj, "name");
	const char *url = get_raw(obj, "url");
	if (url)
		it.url = xstrdup(url);
	int r = emit(e, &it);
	item_release(&it);
	return r;
}

/* ---- connections and groups ----------------------------------------- */

/* The name of a friend or page: "name", or data[].name (pages followed,
 * groups joined). */
static char *name_of(const json_t *obj)
{
	char *name = get_text(obj, "name");
	const json_t *data = json_object_get(obj, "data");
	const json_t *d;
	size_t i;
	json_array_foreach(data, i, d) {
		if (name)
			break;
		name = get_text(d, "name");
	}
	return name;
}

static const char *relation_of(enum fbj_file file, const char *key)
{
	if (key && strstr(key, "follower"))
		return "follower";
	if (key && (strstr(key, "following") || strstr(key, "followed")))
		return "following";
	if (key && strstr(key, "friend"))
		return "friend";
	switch (file) {
	case FBJ_FOLLOWERS:
		return "follower";
	case FBJ_FOLLOWING:
		return "following";
	default:
		return "friend";
	}
}

static int do_connection(struct elem *e, const json_t *obj)
{
	struct item it;
	int64_t t;
	item_start(&it, ITEM_CONNECTION);
	if (get_time(e, obj, "timestamp", &t))
		set_time(&it, t);
	it.counterpart = name_of(obj);
	it.relation = xstrdup(relation_of(e->file, e->el->key));
	const char *url = get_raw(obj, "url");
	if (url)
		it.url = xstrdup(url);
	int r = emit(e, &it);
	item_release(&it);
	return r;
}

static int do_group(struct elem *e, const json_t *obj)
{
	struct item it;
	int64_t t;
	item_start(&it, ITEM_GROUP);
	if (get_time(e, obj, "timestamp", &t))
		set_time(&it, t);
	it.text = name_of(obj);
	item_set(&it.group, it.text);
	const char *key = e->el->key;
	it.relation = xstrdup(key && strstr(key, "admin") ? "admin" : "member");
	int r = emit(e, &it);
	item_release(&it);
	return r;
}

/* ---- the profile ---------------------------------------------------- */

/* Emits one ITEM_PROFILE: field, its (owned) text, an optional url. */
static int profile_item(struct elem *e, const char *field, char *text, const char *url)
{
	struct item it;
	item_start(&it, ITEM_PROFILE);
	it.field = xstrdup(field);
	it.text = text;
	if (url)
		it.url = xstrdup(url);
	int r = emit(e, &it);
	item_release(&it);
	return r;
}

static char *date_of(struct elem *e, const json_t *obj, const char *key)
{
	int64_t t;
	char buf[TIMEZ_BUFSZ];
	if (!get_time(e, obj, key, &t))
		return NULL;
	timez_utc(t, buf);
	return xmemdupz(buf, 10);
}

static int profile_work(struct elem *e, struct account *acc, const json_t *w)
{
	char *employer = get_text(w, "employer");
	char *title = get_text(w, "title");
	char *desc = get_text(w, "description");
	char *loc = get_text(w, "location");
	char *start = date_of(e, w, "start_timestamp");
	char *end = date_of(e, w, "end_timestamp");
	struct buf text = BUF_INIT(0);
	int r = 0;

	if (!employer && !title)
		goto out;
	account_add_work(acc, employer, title, desc, start, end);
	/* "title, employer", then what the subject wrote about it. */
	if (title)
		buf_adds(&text, title);
	if (title && employer)
		buf_adds(&text, ", ");
	if (employer)
		buf_adds(&text, employer);
	if (loc)
		buf_addf(&text, " (%s)", loc);
	if (desc)
		buf_addf(&text, "\n%s", desc);
	r = profile_item(e, "work", buf_detach(&text, NULL), NULL);
out:
	buf_release(&text);
	free(employer);
	free(title);
	free(desc);
	free(loc);
	free(start);
	free(end);
	return r;
}

/* Every string of an array (strings, or objects holding `key`) as profile
 * items of `field`; `list`, when given, collects them for the account. */
static int profile_list(struct elem *e, const json_t *arr, const char *key, const char *field,
			struct strlist *list)
{
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v) {
		char *s = json_is_string(v) ? text_of(v) : get_text(v, key);
		if (!s)
			continue;
		if (list)
			strlist_push_unique(list, s);
		if (profile_item(e, field, s, NULL) < 0)
			return -1;
	}
	return 0;
}

static int do_profile(struct elem *e, const json_t *p)
{
	struct account *acc = format_account(e->fc);
	const json_t *emails = json_object_get(p, "emails");
	const json_t *v;
	size_t i;
	int64_t t;
	char *s;

	if ((s = get_text(json_object_get(p, "name"), "full_name"))) {
		item_set(&acc->display_name, s);
		if (profile_item(e, "name", s, NULL) < 0)
			return -1;
	}
	if ((s = get_text(p, "username"))) {
		item_set(&acc->handle, s);
		if (profile_item(e, "handle", s, get_raw(p, "profile_uri")) < 0)
			return -1;
	} else if (get_raw(p, "profile_uri")) {
		const char *uri = get_raw(p, "profile_uri");
		const char *slug = strrchr(uri, '/');
		if (slug && slug[1] && !acc->handle)
			acc->handle = xstrdup(slug + 1);
		if (profile_item(e, "website", xstrdup(uri), uri) < 0)
			return -1;
	}
	if (profile_list(e, json_object_get(emails, "emails"), "email", "email", &acc->emails) < 0 ||
	    profile_list(e, json_object_get(emails, "previous_emails"), "email", "email",
			 &acc->emails) < 0)
		return -1;
	json_array_foreach(json_object_get(p, "work_experiences"), i, v)
		if (json_is_object(v) && profile_work(e, acc, v) < 0)
			return -1;
	json_array_foreach(json_object_get(p, "websites"), i, v) {
		const char *addr = json_is_string(v) ? json_string_value(v) : get_raw(v, "address");
		if (!addr || !*addr)
			continue;
		strlist_push_unique(&acc->websites, addr);
		if (profile_item(e, "website", xstrdup(addr), addr) < 0)
			return -1;
	}
	if ((s = get_text(json_object_get(p, "current_city"), "name"))) {
		item_set(&acc->location, s);
		if (profile_item(e, "location", s, NULL) < 0)
			return -1;
	}
	if ((s = get_text(json_object_get(p, "hometown"), "name")) &&
	    profile_item(e, "hometown", s, NULL) < 0)
		return -1;
	if ((s = get_text(p, "about_me")) || (s = get_text(p, "intro_bio"))) {
		item_set(&acc->bio, s);
		if (profile_item(e, "bio", s, NULL) < 0)
			return -1;
	}
	if (profile_list(e, json_object_get(p, "phone_numbers"), "phone_number", "phone",
			 &acc->phones) < 0 ||
	    profile_list(e, json_object_get(p, "previous_names"), "name", "previous_name", NULL) < 0 ||
	    profile_list(e, json_object_get(p, "other_names"), "name", "other_name", NULL) < 0 ||
	    profile_list(e, json_object_get(p, "education_experiences"), "name", "education",
			 NULL) < 0)
		return -1;
	if (get_time(e, p, "registration_timestamp", &t))
		acc->created_at = t;
	return 0;
}

/* ---- the label_values shape ----------------------------------------- */

struct labelled {
	struct strlist values;  /* repaired value strings, in order */
	struct strlist urls;
	int64_t time;
	bool has_time;
};

static void walk_labels(struct elem *e, const json_t *arr, struct labelled *l, int depth)
{
	size_t i;
	const json_t *lv;
	if (!json_is_array(arr) || depth > 8)
		return;
	json_array_foreach(arr, i, lv) {
		const json_t *value = json_object_get(lv, "value");
		const char *href = get_raw(lv, "href");
		int64_t t;
		if (json_is_string(value) && json_string_length(value)) {
			if (is_url(json_string_value(value))) {
				strlist_push_unique(&l->urls, json_string_value(value));
			} else {
				char *s = text_of(value);
				strlist_push_nodup(&l->values, s);
			}
		}
		if (href)
			strlist_push_unique(&l->urls, href);
		if (!l->has_time && get_time(e, lv, "timestamp_value", &t)) {
			l->time = t;
			l->has_time = true;
		}
		walk_labels(e, json_object_get(lv, "dict"), l, depth + 1);
		/* vec: a list of entries of the same shape ({value} or {dict}) */
		walk_labels(e, json_object_get(lv, "vec"), l, depth + 1);
	}
}

static bool is_reaction_word(const char *s)
{
	static const char *const words[] = {"like", "love", "haha", "wow", "sorry", "sad",
					    "anger", "angry", "care", "support", NULL};
	for (const char *const *w = words; *w; w++)
		if (strcasecmp(s, *w) == 0)
			return true;
	return false;
}

static char *join(const struct strlist *l, size_t from, const char *sep)
{
	struct buf b = BUF_INIT(0);
	for (size_t i = from; i < l->n; i++) {
		if (b.len)
			buf_adds(&b, sep);
		buf_adds(&b, l->v[i]);
	}
	char *s = b.len ? buf_detach(&b, NULL) : NULL;
	buf_release(&b);
	return s;
}

static enum item_kind labelled_kind(enum fbj_file file)
{
	switch (file) {
	case FBJ_POSTS:
	case FBJ_GROUP_POSTS:
		return ITEM_POST;
	case FBJ_COMMENTS:
	case FBJ_GROUP_COMMENTS:
		return ITEM_COMMENT;
	case FBJ_REACTIONS:
	case FBJ_PAGES_LIKED:
		return ITEM_LIKE;
	case FBJ_FRIENDS:
	case FBJ_FOLLOWING:
	case FBJ_FOLLOWERS:
		return ITEM_CONNECTION;
	case FBJ_GROUPS:
		return ITEM_GROUP;
	default:
		return ITEM_PROFILE;
	}
}

static int do_labelled(struct elem *e, const json_t *obj)
{
	struct labelled l = {STRLIST_INIT, STRLIST_INIT, 0, false};
	struct item it;
	struct attached a = {NULL, NULL};
	const json_t *m;
	size_t i;
	int64_t t;
	int r;

	item_start(&it, labelled_kind(e->file));
	walk_labels(e, json_object_get(obj, "label_values"), &l, 0);
	if (get_time(e, obj, "timestamp", &t))
		set_time(&it, t);
	else if (l.has_time)
		set_time(&it, l.time);
	const json_t *fbid = json_object_get(obj, "fbid");
	if (json_is_string(fbid) && json_string_length(fbid))
		it.id = xstrdup(json_string_value(fbid));
	else if (json_is_integer(fbid))
		it.id = xasprintf("%lld", (long long)json_integer_value(fbid));
	json_array_foreach(json_object_get(obj, "media"), i, m)
		if (json_is_object(m))
			read_media(m, &it, &a);
	attached_release(&a);
	for (i = 0; i < l.urls.n; i++)
		strlist_push_unique(&it.urls, l.urls.v[i]);
	if (l.urls.n && it.kind != ITEM_POST && it.kind != ITEM_COMMENT)
		it.url = xstrdup(l.urls.v[0]);

	switch (it.kind) {
	case ITEM_LIKE:
		/* The reaction is the value that is a reaction's name; the rest
		 * says what was liked. */
		for (i = 0; i < l.values.n; i++)
			if (is_reaction_word(l.values.v[i])) {
				it.reaction = l.values.v[i];
				memmove(&l.values.v[i], &l.values.v[i + 1],
					(l.values.n - i - 1) * sizeof *l.values.v);
				l.values.n--;
				break;
			}
		it.text = join(&l.values, 0, "\n");
		break;
	case ITEM_CONNECTION:
		if (l.values.n)
			it.counterpart = xstrdup(l.values.v[0]);
		it.relation = xstrdup(relation_of(e->file, e->el->key));
		break;
	case ITEM_GROUP:
		if (l.values.n) {
			it.text = xstrdup(l.values.v[0]);
			it.group = xstrdup(l.values.v[0]);
		}
		it.relation = xstrdup("member");
		break;
	case ITEM_PROFILE:
		it.field = xstrdup("other");
		it.text = join(&l.values, 0, "\n");
		break;
	default:
		it.text = join(&l.values, 0, "\n");
		break;
	}
	r = emit(e, &it);
	item_release(&it);
	strlist_release(&l.values);
	strlist_release(&l.urls);
	return r;
}

/* ---- dispatch ------------------------------------------------------- */

/* Does an object carry any field a record of ours has?  One that does not is
 * a shape this parser does not know: reported, never turned into an empty
 * item. */
static bool looks_like_record(const json_t *obj)
{
	static const char *const keys[] = {"timestamp", "data", "attachments", "name",
					   "label_values", "tags", NULL};
	for (const char *const *k = keys; *k; k++)
		if (json_object_get(obj, *k))
			return true;
	return false;
}

static int do_object(struct elem *e, const json_t *obj)
{
	if (json_is_array(json_object_get(obj, "label_values")))
		return do_labelled(e, obj);
	if (e->file != FBJ_PROFILE && !looks_like_record(obj)) {
		warn(e, "unknown-shape", "element has none of the fields this parser reads: not examined");
		return 0;
	}
	switch (e->file) {
	case FBJ_POSTS:
	case FBJ_GROUP_POSTS:
		return has_comment(obj) ? do_comment(e, obj) : do_post(e, obj);
	case FBJ_COMMENTS:
	case FBJ_GROUP_COMMENTS:
		return do_comment(e, obj);
	case FBJ_REACTIONS:
		return do_reaction(e, obj);
	case FBJ_PAGES_LIKED:
		return do_page_like(e, obj);
	case FBJ_FRIENDS:
	case FBJ_FOLLOWING:
	case FBJ_FOLLOWERS:
		return do_connection(e, obj);
	case FBJ_GROUPS:
		return do_group(e, obj);
	case FBJ_PROFILE:
		return do_profile(e, obj);
	default:
		return 0;
	}
}

int fbj_element(struct format_ctx *fc, enum fbj_file file, const struct json_element *el)
{
	struct elem e = {fc, el, file, CS_OK};
	const json_t *v = el->value;

	if (!json_is_object(v)) {
		/* Counts, version numbers and plain lists ("topics_v2") carry
		 * nothing we read. */
		return CS_OK;
	}
	if (!el->in_array && el->key && strcmp(el->key, "label_values") != 0) {
		/* A member that is one object: the profile, or a wrapper that
		 * holds the list ({"group_posts": {"activity_log_data": [...]}},
		 * 2018), whose entries then share the wrapper's span. */
		const json_t *list = json_object_get(v, "activity_log_data");
		if (file != FBJ_PROFILE && json_is_array(list)) {
			size_t i;
			const json_t *x;
			json_array_foreach(list, i, x)
				if (json_is_object(x) && do_object(&e, x) < 0)
					break;
			return e.rc;
		}
	}
	if (el->key && strcmp(el->key, "label_values") == 0) {
		warn(&e, "skipped-element",
		     "a label/value entry outside a record is not read (a file of one bare record)");
		return e.rc;
	}
	do_object(&e, v);
	return e.rc;
}

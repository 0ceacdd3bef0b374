/*
 * The account holder: account.js and profile.js (2019+), Grailbird's
 * user_details.js.  Each field becomes an ITEM_PROFILE item (its span the
 * element that holds it) and is filled into format_account().
 */
#include "formats/twitter_int.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/error.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

/* Emits one profile field; value NULL or empty emits nothing. */
static int emit_field(struct format_ctx *fc, const struct twitter_state *st,
		      const struct json_element *el, const char *field, const char *value,
		      const char *attachment)
{
	if (!value || !*value)
		return CS_OK;
	struct item it;
	item_init(&it);
	it.platform = "twitter";
	it.kind = ITEM_PROFILE;
	it.field = xstrdup(field);
	it.text = xstrdup(value);
	if (st->handle)
		it.author = xasprintf("@%s", st->handle);
	if (st->account_id)
		it.id = xasprintf("%s:%s", st->account_id, field);
	it.time_source = ITEM_TIME_NONE;
	if (attachment)
		item_add_attachment(&it, attachment);
	json_element_span(el, &it);
	int rc = format_emit(fc, &it) == CS_FATAL ? CS_FATAL : CS_OK;
	item_release(&it);
	return rc;
}

static void set_handle(struct format_ctx *fc, struct twitter_state *st, const char *name)
{
	if (!name || !*name)
		return;
	item_set(&st->handle, name);
	char *h = xasprintf("@%s", name);
	struct account *a = format_account(fc);
	free(a->handle);
	a->handle = h;
}

static void set_if(char **field, const char *value)
{
	if (value && *value)
		item_set(field, value);
}

/* {"account": {"email", "createdVia", "username", "accountId", "createdAt",
 * "accountDisplayName"}}; a phone number where an export has one. */
int twitter_account_element(struct format_ctx *fc, struct twitter_state *st,
			    const struct json_element *el)
{
	json_t *acc = json_object_get(el->value, "account");
	if (!json_is_object(acc)) {
		twitter_warn_shape(fc, el, "an account");
		return CS_FAILED;
	}
	struct account *a = format_account(fc);
	int rc = CS_OK;
	char *id = twitter_id(acc, "accountId");
	if (id) {
		free(st->account_id);
		st->account_id = id;
	}
	set_handle(fc, st, twitter_str(acc, "username"));
	const char *display = twitter_str(acc, "accountDisplayName");
	set_if(&a->display_name, display);
	const char *email = twitter_str(acc, "email");
	if (email && *email)
		strlist_push_unique(&a->emails, email);
	const char *phone = twitter_str(acc, "phoneNumber");
	if (!phone)
		phone = twitter_str(acc, "phone");
	if (phone && *phone)
		strlist_push_unique(&a->phones, phone);
	int64_t t;
	int tr = twitter_time(fc, el, acc, "createdAt", &t);
	if (tr == 1)
		a->created_at = t;
	else if (tr < 0)
		rc = CS_WARN;

	char *handle = st->handle ? xasprintf("@%s", st->handle) : NULL;
	const struct {
		const char *field, *value;
	} fields[] = {
		{"handle", handle}, {"display_name", display}, {"email", email}, {"phone", phone},
	};
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		if (emit_field(fc, st, el, fields[i].field, fields[i].value, NULL) == CS_FATAL) {
			rc = CS_FATAL;
			break;
		}
	}
	free(handle);
	return rc;
}

/* The archive keeps the avatar and header as
 * data/profile_media/<account id>-<file name>. */
static char *profile_media_ref(const struct format_ctx *fc, const struct twitter_state *st,
			       const char *url)
{
	char *base = url ? twitter_url_basename(url) : NULL;
	if (!base)
		return NULL;
	char *dir = twitter_entry_dir(format_entry_path(fc));
	char *ref = st->account_id ? xasprintf("%sprofile_media/%s-%s", dir, st->account_id, base)
				   : xasprintf("%sprofile_media/%s", dir, base);
	free(dir);
	free(base);
	return ref;
}

/* {"profile": {"description": {"bio", "website", "location"},
 * "avatarMediaUrl", "headerMediaUrl"}}. */
int twitter_profile_element(struct format_ctx *fc, struct twitter_state *st,
			    const struct json_element *el)
{
	json_t *prof = json_object_get(el->value, "profile");
	if (!json_is_object(prof)) {
		twitter_warn_shape(fc, el, "a profile");
		return CS_FAILED;
	}
	json_t *desc = json_object_get(prof, "description");
	struct account *a = format_account(fc);
	/* Free text keeps HTML entities as tweets do; the URLs do not. */
	char *bio = twitter_decoded(desc, "bio");
	const char *website = twitter_str(desc, "website");
	char *location = twitter_decoded(desc, "location");
	const char *avatar = twitter_str(prof, "avatarMediaUrl");
	const char *header = twitter_str(prof, "headerMediaUrl");
	set_if(&a->bio, bio);
	set_if(&a->location, location);
	if (website && *website)
		strlist_push_unique(&a->websites, website);

	char *avatar_ref = profile_media_ref(fc, st, avatar);
	char *header_ref = profile_media_ref(fc, st, header);
	const struct {
		const char *field, *value, *ref;
	} fields[] = {
		{"bio", bio, NULL},
		{"website", website, NULL},
		{"location", location, NULL},
		{"avatar", avatar, avatar_ref},
		{"header", header, header_ref},
	};
	int rc = CS_OK;
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		if (emit_field(fc, st, el, fields[i].field, fields[i].value, fields[i].ref) ==
		    CS_FATAL) {
			rc = CS_FATAL;
			break;
		}
	}
	free(avatar_ref);
	free(header_ref);
	free(bio);
	free(location);
	return rc;
}

/* Grailbird's `var user_details = {"screen_name", "full_name", "bio",
 * "location", "id", "created_at"}`: the stream yields each member on its
 * own, its span the member's value. */
int twitter_user_details_element(struct format_ctx *fc, struct twitter_state *st,
				 const struct json_element *el)
{
	if (!el->key || el->in_array)
		return CS_OK;
	struct account *a = format_account(fc);
	if (strcmp(el->key, "id") == 0 || strcmp(el->key, "id_str") == 0) {
		char *id = json_is_string(el->value)
				   ? xstrdup(json_string_value(el->value))
				   : json_is_integer(el->value)
					     ? xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(el->value))
					     : NULL;
		if (id) {
			free(st->account_id);
			st->account_id = id;
		}
		return CS_OK;
	}
	if (strcmp(el->key, "created_at") == 0) {
		int64_t t;
		const char *s = json_string_value(el->value);
		if (s && (timez_parse_rfc3339(s, &t) == 0 || timez_parse_twitter(s, &t) == 0)) {
			a->created_at = t;
			return CS_OK;
		}
		format_warn(fc, el->offset, "bad-time",
			    "created_at at byte %lld is not a time; the account's creation time is left unknown",
			    (long long)el->offset);
		return CS_WARN;
	}
	const char *s = json_string_value(el->value);
	if (!s || !*s)
		return CS_OK;
	char *value = twitter_decode_entities(s, json_string_length(el->value));
	const char *field = NULL;
	char *shown = NULL;
	if (strcmp(el->key, "screen_name") == 0) {
		set_handle(fc, st, value);
		field = "handle";
		shown = xasprintf("@%s", value);
	} else if (strcmp(el->key, "full_name") == 0) {
		set_if(&a->display_name, value);
		field = "display_name";
	} else if (strcmp(el->key, "bio") == 0) {
		set_if(&a->bio, value);
		field = "bio";
	} else if (strcmp(el->key, "location") == 0) {
		set_if(&a->location, value);
		field = "location";
	}
	int rc = field ? emit_field(fc, st, el, field, shown ? shown : value, NULL) : CS_OK;
	free(shown);
	free(value);
	return rc;
}

/* Text, time, URL and JSON helpers of the Twitter/X format. */
#include "formats/twitter_int.h"

#include <errno.h>
#include <inttypes.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "scanner/buf.h"
#include "scanner/error.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

/* The longest entity name libxml2's HTML4 table has is 8 bytes
 * ("thetasym"); anything longer cannot be one. */
#define ENTITY_NAME_MAX 16

static bool is_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The code point of a numeric reference "#39" / "#x1F600" (without '&' and
 * ';'), or -1. */
static long numeric_ref(const char *p, size_t n)
{
	char tmp[16];
	int base = 10;
	if (n < 2 || n >= sizeof tmp)
		return -1;
	size_t start = 1;
	if (p[1] == 'x' || p[1] == 'X') {
		base = 16;
		start = 2;
	}
	if (start >= n)
		return -1;
	for (size_t i = start; i < n; i++)
		if (base == 16 ? !is_hex((unsigned char)p[i]) : !(p[i] >= '0' && p[i] <= '9'))
			return -1;
	memcpy(tmp, p + start, n - start);
	tmp[n - start] = '\0';
	char *end = NULL;
	errno = 0;
	long v = strtol(tmp, &end, base);
	if (errno || !end || *end != '\0')
		return -1;
	if (v <= 0 || v > 0x10FFFF || !utf8proc_codepoint_valid((utf8proc_int32_t)v))
		return -1;
	return v;
}

/* The code point of a named reference, or -1. */
static long named_ref(const char *p, size_t n)
{
	char name[ENTITY_NAME_MAX + 1];
	if (n == 0 || n > ENTITY_NAME_MAX)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!is_alnum((unsigned char)p[i]))
			return -1;
	memcpy(name, p, n);
	name[n] = '\0';
	const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)name);
	if (d)
		return (long)d->value;
	/* HTML4 has no &apos;, which Twitter's exporter does not write but
	 * other tools re-saving an archive may. */
	xmlEntityPtr e = xmlGetPredefinedEntity((const xmlChar *)name);
	if (e && e->content) {
		int len = 4;
		int c = xmlGetUTF8Char(e->content, &len);
		return c > 0 ? c : -1;
	}
	return -1;
}

char *twitter_decode_entities(const char *s, size_t n)
{
	struct buf b = BUF_INIT(0);
	size_t i = 0, plain = 0;
	while (i < n) {
		if (s[i] != '&') {
			i++;
			continue;
		}
		/* Find the ';' close by: a reference is short. */
		size_t j = i + 1;
		while (j < n && j - i <= ENTITY_NAME_MAX + 2 && s[j] != ';' && s[j] != '&')
			j++;
		long cp = -1;
		if (j < n && s[j] == ';') {
			const char *name = s + i + 1;
			size_t len = j - i - 1;
			cp = len && name[0] == '#' ? numeric_ref(name, len) : named_ref(name, len);
		}
		if (cp < 0) {
			i++;
			continue;
		}
		buf_add(&b, s + plain, i - plain);
		utf8proc_uint8_t out[4];
		utf8proc_ssize_t m = utf8proc_encode_char((utf8proc_int32_t)cp, out);
		buf_add(&b, out, (size_t)m);
		i = plain = j + 1;
	}
	buf_add(&b, s + plain, n - plain);
	return buf_detach(&b, NULL);
}

const char *twitter_str(json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

char *twitter_decoded(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_string(v))
		return NULL;
	return twitter_decode_entities(json_string_value(v), json_string_length(v));
}

char *twitter_id(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_string(v) && json_string_length(v) > 0)
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%" JSON_INTEGER_FORMAT, json_integer_value(v));
	return NULL;
}

int twitter_time(struct format_ctx *fc, const struct json_element *el, json_t *obj,
		 const char *key, int64_t *t)
{
	json_t *v = json_object_get(obj, key);
	if (!v || json_is_null(v))
		return 0;
	const char *s = json_string_value(v);
	if (s && (timez_parse_twitter(s, t) == 0 || timez_parse_rfc3339(s, t) == 0))
		return 1;
	format_warn(fc, el->offset, "bad-time",
		    "element at byte %lld has a %s that is not a time ('%s'); its time is left unknown",
		    (long long)el->offset, key, s ? s : "not a string");
	return -1;
}

char *twitter_status_url(const struct twitter_state *st, const char *id)
{
	if (st && st->handle)
		return xasprintf("https://twitter.com/%s/status/%s", st->handle, id);
	return xasprintf("https://twitter.com/i/web/status/%s", id);
}

char *twitter_entry_dir(const char *entry)
{
	const char *base = path_basename(entry);
	return xmemdupz(entry, (size_t)(base - entry));
}

char *twitter_url_basename(const char *url)
{
	size_t n = strcspn(url, "?#");
	size_t start = n;
	while (start > 0 && url[start - 1] != '/')
		start--;
	if (start == n)
		return NULL;
	/* "https://host" alone has no file name */
	if (start >= 2 && url[start - 2] == '/' && start >= 3 && url[start - 3] == ':')
		return NULL;
	return xmemdupz(url + start, n - start);
}

void twitter_warn_shape(struct format_ctx *fc, const struct json_element *el, const char *what)
{
	format_warn(fc, el->offset, "bad-element",
		    "element at byte %lld is not %s and was skipped", (long long)el->offset, what);
}

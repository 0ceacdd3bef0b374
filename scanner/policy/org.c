#include "scanner/policy/policy.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/policy/policy_int.h"
#include "scanner/xalloc.h"

/* Titles that, with a surname, name a person (SPEC: org profile). */
static const char *const titles[] = { "cllr", "councillor", "mr", "mrs", "ms", "miss", "dr", NULL };

struct ol {
	const char *file;
	struct cs_error *err;
};

static int obad(struct ol *ol, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int obad(struct ol *ol, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	cs_error_set(ol->err, EXIT_USAGE, "cannot load org profile '%s': %s", ol->file, what);
	return -1;
}

static int okeys(struct ol *ol, json_t *o, const char *path, const char *const *allowed)
{
	const char *key;
	json_t *v;
	if (!json_is_object(o))
		return obad(ol, "'%s' must be an object", path);
	json_object_foreach(o, key, v) {
		const char *const *a;
		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a)
			return *path ? obad(ol, "unknown key '%s.%s'", path, key) : obad(ol, "unknown key '%s'", key);
	}
	return 0;
}

static int ostrlist(struct ol *ol, json_t *o, const char *path, const char *key, struct strlist *out)
{
	json_t *v = json_object_get(o, key), *e;
	size_t i;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return obad(ol, "'%s.%s' must be an array of strings", path, key);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return obad(ol, "'%s.%s' must be an array of strings", path, key);
		if (*json_string_value(e))
			strlist_push(out, json_string_value(e));
	}
	return 0;
}

static bool is_title(const char *t)
{
	size_t n = strlen(t);
	for (const char *const *x = titles; *x; x++)
		if (strcmp(t, *x) == 0 || (n == strlen(*x) + 1 && strncmp(t, *x, n - 1) == 0 && t[n - 1] == '.'))
			return true;
	return false;
}

static void lit(struct buf *b, const char *s)
{
	rx_escape(b, s);
}

void org_person_pattern(const char *name, const struct norm_fold *fold, struct buf *b)
{
	char *nm = norm_dup(name, fold);
	struct strlist tok = STRLIST_INIT;
	const char *first = NULL, *last = NULL;
	size_t f = 0;

	/* split on spaces (strtok is banned) */
	for (char *s = nm; *s;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		char *e = s;
		while (*e && *e != ' ' && *e != '\t')
			e++;
		strlist_push_nodup(&tok, xmemdupz(s, (size_t)(e - s)));
		s = e;
	}
	if (tok.n > 1 && is_title(tok.v[0]))
		f = 1;
	if (tok.n >= f + 2) {
		first = tok.v[f];
		last = tok.v[tok.n - 1];
	} else if (tok.n == f + 1) {
		last = tok.v[f];
	}
	buf_adds(b, "(?<![\\p{L}\\p{N}])(?:");
	if (first && last) {
		lit(b, first);
		buf_adds(b, "(?:\\s+[\\p{L}'\\-]+)?\\s+");
		lit(b, last);
		buf_adds(b, "|");
		lit(b, last);
		buf_adds(b, ",?\\s+");
		lit(b, first);
		buf_adds(b, "|");
	}
	buf_adds(b, "(?:cllr|councillor|mr|mrs|ms|miss|dr)\\.?\\s+");
	if (last)
		lit(b, last);
	else
		buf_adds(b, "(?!)");
	buf_adds(b, ")(?![\\p{L}\\p{N}])");
	strlist_release(&tok);
	free(nm);
}

void org_literal_pattern(const char *s, const struct norm_fold *fold, struct buf *b)
{
	char *n = norm_dup(s, fold);
	bool word_start = (unsigned char)n[0] >= 0x80 || ((n[0] | 0x20) >= 'a' && (n[0] | 0x20) <= 'z') ||
			  (n[0] >= '0' && n[0] <= '9');
	buf_adds(b, word_start ? "(?<![\\p{L}\\p{N}])" : "(?<![\\p{L}\\p{N}@#])");
	rx_escape(b, n);
	buf_adds(b, "(?![\\p{L}\\p{N}_])");
	free(n);
}

static int hhmm(const char *s, int *min)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	if (h > 24 || m > 59 || (h == 24 && m))
		return -1;
	*min = h * 60 + m;
	return 0;
}

static bool is_date(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

static int load_hours(struct ol *ol, struct org *o, json_t *wh)
{
	static const char *const keys[] = { "timezone", "days", "start", "end", "breaks", NULL };
	static const char *const days[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };
	json_t *v, *e;
	size_t i;

	if (okeys(ol, wh, "working_hours", keys) < 0)
		return -1;
	if ((v = json_object_get(wh, "timezone"))) {
		if (!json_is_string(v))
			return obad(ol, "'%s' must be a string", "working_hours.timezone");
		o->timezone = xstrdup(json_string_value(v));
	}
	o->days = 0x3e;             /* mon-fri */
	if ((v = json_object_get(wh, "days"))) {
		if (!json_is_array(v))
			return obad(ol, "'%s' must be an array of strings", "working_hours.days");
		o->days = 0;
		json_array_foreach(v, i, e) {
			int d;
			for (d = 0; d < 7; d++)
				if (json_is_string(e) && strcmp(json_string_value(e), days[d]) == 0)
					break;
			if (d == 7)
				return obad(ol, "'%s' must hold mon, tue, wed, thu, fri, sat or sun",
					    "working_hours.days");
			o->days |= 1u << d;
		}
	}
	o->start = 9 * 60;
	o->end = 17 * 60;
	if ((v = json_object_get(wh, "start")) && (!json_is_string(v) || hhmm(json_string_value(v), &o->start) < 0))
		return obad(ol, "'%s' must be a time \"HH:MM\"", "working_hours.start");
	if ((v = json_object_get(wh, "end")) && (!json_is_string(v) || hhmm(json_string_value(v), &o->end) < 0))
		return obad(ol, "'%s' must be a time \"HH:MM\"", "working_hours.end");
	if (o->end <= o->start)
		return obad(ol, "'%s' must be after start", "working_hours.end");
	if ((v = json_object_get(wh, "breaks"))) {
		if (!json_is_array(v))
			return obad(ol, "'%s' must be an array of [\"HH:MM\", \"HH:MM\"]", "working_hours.breaks");
		o->breaks = xcalloc(json_array_size(v) + 1, sizeof *o->breaks);
		json_array_foreach(v, i, e) {
			int a, b;
			if (!json_is_array(e) || json_array_size(e) != 2 ||
			    !json_is_string(json_array_get(e, 0)) || !json_is_string(json_array_get(e, 1)) ||
			    hhmm(json_string_value(json_array_get(e, 0)), &a) < 0 ||
			    hhmm(json_string_value(json_array_get(e, 1)), &b) < 0 || b <= a)
				return obad(ol, "'%s' must be an array of [\"HH:MM\", \"HH:MM\"]",
					    "working_hours.breaks");
			o->breaks[o->n_breaks][0] = a;
			o->breaks[o->n_breaks][1] = b;
			o->n_breaks++;
		}
	}
	o->has_hours = true;
	return 0;
}

struct org *org_load(const char *file, struct cs_error *err)
{
	static const char *const top[] = { "organisation", "people", "working_hours", "absences",
					   "politically_restricted", NULL };
	static const char *const okeys_[] = { "name", "aliases", "handles", "email_domains", "hashtags", NULL };
	static const char *const pkeys[] = { "colleagues", "managers", "councillors", "service_users",
					     "suppliers", "partners", NULL };
	static const char *const akeys[] = { "from", "to", "reason", NULL };
	struct ol ol = { file, err };
	struct org *o = xcalloc(1, sizeof *o);
	char *data = NULL;
	size_t len = 0, i;
	json_t *root = NULL, *v, *e;
	json_error_t je;
	int ok = 0;

	o->file = xstrdup(file);
	if (policy_read_file(file, &data, &len) < 0) {
		cs_error_set(err, EXIT_USAGE, "cannot load org profile '%s': %s", file, strerror(errno));
		goto out;
	}
	policy_sha256_hex(data, len, o->sha256);
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		cs_error_set(err, EXIT_USAGE, "cannot load org profile '%s': %s (line %d)", file, je.text, je.line);
		goto out;
	}
	if (okeys(&ol, root, "", top) < 0)
		goto out;
	if ((v = json_object_get(root, "organisation"))) {
		if (okeys(&ol, v, "organisation", okeys_) < 0)
			goto out;
		if ((e = json_object_get(v, "name"))) {
			if (!json_is_string(e)) {
				obad(&ol, "'%s' must be a string", "organisation.name");
				goto out;
			}
			o->name = xstrdup(json_string_value(e));
		}
		if (ostrlist(&ol, v, "organisation", "aliases", &o->aliases) < 0 ||
		    ostrlist(&ol, v, "organisation", "handles", &o->handles) < 0 ||
		    ostrlist(&ol, v, "organisation", "email_domains", &o->email_domains) < 0 ||
		    ostrlist(&ol, v, "organisation", "hashtags", &o->hashtags) < 0)
			goto out;
	}
	if ((v = json_object_get(root, "people"))) {
		if (okeys(&ol, v, "people", pkeys) < 0 || ostrlist(&ol, v, "people", "colleagues", &o->colleagues) < 0 ||
		    ostrlist(&ol, v, "people", "managers", &o->managers) < 0 ||
		    ostrlist(&ol, v, "people", "councillors", &o->councillors) < 0 ||
		    ostrlist(&ol, v, "people", "service_users", &o->service_users) < 0 ||
		    ostrlist(&ol, v, "people", "suppliers", &o->suppliers) < 0 ||
		    ostrlist(&ol, v, "people", "partners", &o->partners) < 0)
			goto out;
	}
	if ((v = json_object_get(root, "working_hours")) && load_hours(&ol, o, v) < 0)
		goto out;
	if ((v = json_object_get(root, "absences"))) {
		if (!json_is_array(v)) {
			obad(&ol, "'%s' must be an array", "absences");
			goto out;
		}
		o->absences = xcalloc(json_array_size(v) + 1, sizeof *o->absences);
		json_array_foreach(v, i, e) {
			char path[40];
			snprintf(path, sizeof path, "absences[%zu]", i);
			if (okeys(&ol, e, path, akeys) < 0)
				goto out;
			json_t *f = json_object_get(e, "from"), *t = json_object_get(e, "to"),
			       *r = json_object_get(e, "reason");
			if (!json_is_string(f) || !is_date(json_string_value(f))) {
				obad(&ol, "'%s.from' must be a date \"YYYY-MM-DD\"", path);
				goto out;
			}
			if (!json_is_string(t) || !is_date(json_string_value(t))) {
				obad(&ol, "'%s.to' must be a date \"YYYY-MM-DD\"", path);
				goto out;
			}
			if (r && !json_is_string(r)) {
				obad(&ol, "'%s.reason' must be a string", path);
				goto out;
			}
			struct absence *a = &o->absences[o->n_absences++];
			memcpy(a->from, json_string_value(f), 11);
			memcpy(a->to, json_string_value(t), 11);
			a->reason = xstrdup(r ? json_string_value(r) : "");
		}
	}
	if ((v = json_object_get(root, "politically_restricted"))) {
		if (!json_is_boolean(v)) {
			obad(&ol, "'%s' must be true or false", "politically_restricted");
			goto out;
		}
		o->restricted = json_is_true(v);
	}
	ok = 1;
out:
	json_decref(root);
	free(data);
	if (!ok) {
		org_free(o);
		o = NULL;
	}
	return o;
}

void org_free(struct org *o)
{
	if (!o)
		return;
	free(o->file);
	free(o->name);
	free(o->timezone);
	strlist_release(&o->aliases);
	strlist_release(&o->handles);
	strlist_release(&o->email_domains);
	strlist_release(&o->hashtags);
	strlist_release(&o->colleagues);
	strlist_release(&o->managers);
	strlist_release(&o->councillors);
	strlist_release(&o->service_users);
	strlist_release(&o->suppliers);
	strlist_release(&o->partners);
	free(o->breaks);
	for (size_t i = 0; i < o->n_absences; i++)
		free(o->absences[i].reason);
	free(o->absences);
	free(o);
}

const char *org_name(const struct org *o)
{
	return o && o->name ? o->name : "";
}

const char *org_sha256(const struct org *o)
{
	return o ? o->sha256 : "";
}

const char *org_timezone(const struct org *o)
{
	return o ? o->timezone : NULL;
}

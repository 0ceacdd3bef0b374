/*
 * findings.json: the SPEC's "conductscan.findings/1", key for key in the
 * SPEC's order (insertion order, JSON_PRESERVE_ORDER; never sorted keys),
 * every key always present, null where there is nothing.
 */
#include "reports/report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "reports/rutil.h"
#include "scanner/timez.h"

/* A string as valid UTF-8 (bad bytes shown as \xNN), or null. */
static json_t *jstr(const char *s)
{
	if (!s)
		return json_null();
	char *c = rutil_cleans(s, false);
	json_t *v = json_string_nocheck(c);
	free(c);
	return v;
}

static json_t *jhex(const unsigned char md[32])
{
	char hex[65];
	rutil_hex(md, hex);
	return json_string(hex);
}

static json_t *jtime(bool has, int64_t t)
{
	char buf[TIMEZ_BUFSZ];
	return has ? json_string(timez_utc(t, buf)) : json_null();
}

static json_t *jlist(const struct strlist *l)
{
	json_t *a = json_array();
	for (size_t i = 0; l && i < l->n; i++)
		json_array_append_new(a, jstr(l->v[i]));
	return a;
}

static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new_nocheck(o, key, v);
}

static json_t *run_object(const struct bundle_data *d)
{
	json_t *run = json_object();
	set(run, "started", jtime(true, d->started));
	set(run, "finished", jtime(true, d->finished));
	json_t *cmd = json_array();
	for (size_t i = 0; i < d->n_command; i++)
		json_array_append_new(cmd, jstr(d->command[i]));
	set(run, "command", cmd);
	set(run, "mode", jstr(d->mode));
	set(run, "timezone", jstr(d->timezone));
	json_t *scope = json_object();
	set(scope, "from", jtime(d->scope.has_from, d->scope.from));
	set(scope, "to", jtime(d->scope.has_to, d->scope.to));
	if (d->scope.kinds) {
		json_t *k = json_array();
		for (int i = 0; i < ITEM_KIND_COUNT; i++)
			if (d->scope.kinds & (1u << i))
				json_array_append_new(k, json_string(item_kind_name((enum item_kind)i)));
		set(scope, "kinds", k);
	} else {
		set(scope, "kinds", json_null());
	}
	set(run, "scope", scope);
	json_t *pol = json_object();
	set(pol, "id", jstr(d->policy_id));
	set(pol, "title", jstr(d->policy_title));
	set(pol, "sha256", jstr(d->policy_sha256));
	set(run, "policy", pol);
	json_t *org = json_object();
	set(org, "name", jstr(d->org_name));
	set(org, "sha256", jstr(d->org_sha256));
	set(run, "org", org);
	return run;
}

json_t *report_json_sources(const struct source_info *sources, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct source_info *s = &sources[i];
		json_t *o = json_object();
		set(o, "path", jstr(s->path));
		set(o, "type", jstr(s->type));
		set(o, "size", json_integer(s->size));
		set(o, "sha256", jhex(s->sha256));
		set(o, "mime", jstr(s->mime));
		set(o, "platform", jstr(s->platform));
		set(o, "layout", jstr(s->layout));
		set(o, "entries", json_integer((json_int_t)s->entries));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *report_json_account(const struct account *a, const char *platform)
{
	json_t *o = json_object();
	set(o, "platform", jstr(a && a->platform ? a->platform : platform));
	set(o, "handle", jstr(a ? a->handle : NULL));
	set(o, "display_name", jstr(a ? a->display_name : NULL));
	set(o, "emails", jlist(a ? &a->emails : NULL));
	set(o, "bio", jstr(a ? a->bio : NULL));
	json_t *work = json_array();
	for (size_t i = 0; a && i < a->n_work; i++) {
		json_t *w = json_object();
		set(w, "employer", jstr(a->work[i].employer));
		set(w, "title", jstr(a->work[i].title));
		json_array_append_new(work, w);
	}
	set(o, "work", work);
	return o;
}

json_t *report_json_counts(const uint64_t counts[ITEM_KIND_COUNT])
{
	json_t *o = json_object();
	for (int k = 0; k < ITEM_KIND_COUNT; k++)
		set(o, item_kind_name((enum item_kind)k), json_integer((json_int_t)counts[k]));
	return o;
}

json_t *report_json_warnings(const struct warnings *w)
{
	json_t *a = json_array();
	for (size_t i = 0; w && i < w->n; i++) {
		const struct warning *x = &w->v[i];
		json_t *o = json_object();
		set(o, "source", jstr(x->source_path));
		set(o, "entry", jstr(x->entry));
		set(o, "offset", x->offset >= 0 ? json_integer(x->offset) : json_null());
		set(o, "code", jstr(x->code));
		set(o, "message", jstr(x->message));
		json_array_append_new(a, o);
	}
	return a;
}

static const char *time_source_name(enum time_source t)
{
	return t == ITEM_TIME_UTC ? "utc" : t == ITEM_TIME_LOCAL_TEXT ? "local-text" : NULL;
}

static json_t *item_object(const struct exhibit *ex)
{
	const struct item *it = ex->item;
	bool has_time = it->time_source != ITEM_TIME_NONE;
	char buf[TIMEZ_BUFSZ];
	json_t *o = json_object();
	set(o, "kind", json_string(item_kind_name(it->kind)));
	set(o, "platform", jstr(it->platform));
	set(o, "id", jstr(it->id));
	set(o, "created_at", jtime(has_time, it->created_at));
	set(o, "local_time", has_time ? json_string(timez_local(it->created_at, buf)) : json_null());
	set(o, "time_source", jstr(time_source_name(it->time_source)));
	set(o, "time_text", jstr(it->time_text));
	set(o, "author", jstr(it->author));
	set(o, "text", jstr(it->text));
	set(o, "url", jstr(it->url));
	set(o, "in_reply_to", jstr(it->in_reply_to));
	set(o, "context", jstr(it->context));
	set(o, "deleted", json_boolean(it->deleted));
	set(o, "deleted_at", jtime(it->has_deleted_at, it->deleted_at));
	set(o, "reaction", jstr(it->reaction));
	set(o, "tagged", jlist(&it->tagged));
	json_t *att = json_array();
	for (size_t k = 0; k < it->n_attachments; k++) {
		const struct item_attachment *a = &it->attachments[k];
		char *file = exhibit_attachment_name(ex, k);
		json_t *ao = json_object();
		set(ao, "file", jstr(file));
		set(ao, "entry", jstr(a->entry));
		set(ao, "sha256", a->entry ? jhex(a->sha256) : json_null());
		json_array_append_new(att, ao);
		free(file);
	}
	set(o, "attachments", att);
	set(o, "entry", jstr(it->entry));
	set(o, "source", jstr(it->source));
	set(o, "offset", it->offset >= 0 ? json_integer(it->offset) : json_null());
	set(o, "length", it->offset >= 0 ? json_integer(it->length) : json_null());
	set(o, "sha256", jhex(it->sha256));
	return o;
}

static json_t *finding_object(const struct exhibit *ex, const struct finding *f)
{
	const struct item *it = ex->item;
	size_t tlen = it->text ? strlen(it->text) : 0;
	json_t *o = json_object();
	set(o, "exhibit", json_string(ex->id));
	set(o, "category", jstr(f->category));
	set(o, "rule", jstr(f->rule));
	set(o, "severity", json_string(rutil_severity_name(f->severity)));
	set(o, "summary", jstr(f->summary));
	set(o, "item", item_object(ex));
	json_t *m = json_array();
	for (size_t k = 0; k < f->n_matches; k++) {
		size_t s = f->matches[k].start, e = f->matches[k].end;
		if (e > tlen)
			e = tlen;
		if (s > e)
			s = e;
		json_t *mo = json_object();
		set(mo, "start", json_integer((json_int_t)f->matches[k].start));
		set(mo, "end", json_integer((json_int_t)f->matches[k].end));
		char *c = rutil_clean(it->text ? it->text + s : "", e - s, false);
		set(mo, "text", json_string_nocheck(c));
		free(c);
		json_array_append_new(m, mo);
	}
	set(o, "matches", m);
	set(o, "matches_omitted", json_integer((json_int_t)f->matches_omitted));
	json_t *c = json_array();
	for (size_t k = 0; k < f->n_citations; k++) {
		const struct citation *ci = &f->citations[k];
		json_t *co = json_object();
		set(co, "policy", jstr(ci->policy));
		set(co, "clause", jstr(ci->clause));
		set(co, "section", jstr(ci->section));
		set(co, "quote", jstr(ci->quote));
		json_array_append_new(c, co);
	}
	set(o, "citations", c);
	return o;
}

/* The document without its findings, which are written one at a time
 * (new reference; "findings" is an empty array, last). */
static json_t *findings_head(const struct bundle_data *d)
{
	json_t *root = json_object();
	set(root, "schema", json_string("conductscan.findings/1"));
	json_t *tool = json_object();
	set(tool, "name", jstr(d->tool_name ? d->tool_name : "conductscan"));
	set(tool, "version", jstr(d->tool_version));
	set(root, "tool", tool);
	set(root, "run", run_object(d));
	json_t *cs = json_object();
	set(cs, "reference", jstr(d->case_reference ? d->case_reference : ""));
	set(cs, "investigator", jstr(d->case_investigator ? d->case_investigator : ""));
	set(cs, "subject", jstr(d->case_subject ? d->case_subject : ""));
	set(root, "case", cs);
	set(root, "sources", report_json_sources(d->sources, d->n_sources));
	json_t *account = report_json_account(d->account, d->platform);
	set(account, "self_identified", json_boolean(d->self_identified));
	set(account, "self_identification", jlist(&d->self_identification));
	set(root, "account", account);
	set(root, "counts", report_json_counts(d->counts));
	set(root, "warnings", report_json_warnings(d->warnings));
	set(root, "findings", json_array());
	return root;
}

/* Writes what jansson dumps to a file, each line indented by `indent`
 * more spaces (a finding sits two levels down in the document).  Newlines
 * inside strings are escaped by jansson, so every '\n' is a line end. */
struct out {
	FILE *f;
	const char *indent;
};

static int dump_cb(const char *p, size_t n, void *arg)
{
	struct out *o = arg;
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) + 1 : n;
		if (fwrite(p, 1, k, o->f) != k)
			return -1;
		if (nl && o->indent && fputs(o->indent, o->f) == EOF)
			return -1;
		p += k;
		n -= k;
	}
	return 0;
}

#define FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/*
 * Streamed: the head (everything before the findings) is dumped by
 * jansson, then each finding on its own, with its exhibit's bulk loaded
 * from the spool for that time only, so the file's size never becomes
 * memory.  The bytes are exactly what dumping the whole document at once
 * would give.
 */
static int write_json(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	char *path = NULL;
	json_t *head = findings_head(d);
	char *h = json_dumps(head, FLAGS);
	static const char tail[] = "\"findings\": []\n}";
	size_t hl = h ? strlen(h) : 0;
	int rc = CS_FATAL;
	FILE *f = NULL;
	if (!h || hl < sizeof tail - 1 || strcmp(h + hl - (sizeof tail - 1), tail) != 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s/findings.json': cannot encode JSON",
			     dir);
		goto out;
	}
	if (!(f = rutil_create(dir, "findings.json", &path, err)))
		goto out;
	struct out o = {f, NULL};
	dump_cb(h, hl - (sizeof tail - 1), &o);
	fputs("\"findings\": [", f);
	bool first = true;
	o.indent = "    ";
	for (size_t i = 0; i < d->n_exhibits && !ferror(f); i++) {
		const struct exhibit *ex = &d->exhibits[i];
		if (exhibit_load(ex, 0, err) != CS_OK)
			goto out;
		for (size_t j = 0; j < ex->findings.n; j++) {
			json_t *fo = finding_object(ex, &ex->findings.v[j]);
			fputs(first ? "\n    " : ",\n    ", f);
			first = false;
			int r = json_dump_callback(fo, dump_cb, &o, FLAGS);
			json_decref(fo);
			if (r != 0)
				break;
		}
		exhibit_unload(ex);
	}
	fputs(first ? "]\n}\n" : "\n  ]\n}\n", f);
	rc = rutil_close(f, path, err);
	f = NULL;
out:
	if (f)
		fclose(f);
	free(h);
	free(path);
	json_decref(head);
	return rc;
}

const struct report_ops report_json = {"json", NULL, write_json};

/*
 * evidence.xml: the canonical evidence document, written with libxml2's
 * xmlTextWriter (which escapes every text and attribute).  DFXML-style
 * provenance first (creator, source, fileobject with hashdigest), then the
 * case, the account, the exhibits with their findings, and what was not
 * examined.  Its vocabulary is templates/README.md.
 *
 * What a stylesheet cannot do well in XSLT 1.0 is precomputed here: the
 * text split into matched and unmatched segments (match spans are UTF-8
 * byte offsets), the summary by category and severity, and the months of
 * the timeline.  Everything is written in bundle_data's order.
 */
#include "reports/report.h"

#include <libxml/xmlwriter.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reports/rutil.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

#define X(s) ((const xmlChar *)(s))

struct xw {
	xmlTextWriterPtr w;
	int failed;
	size_t quote;       /* the report's copy: bytes quoted per exhibit text; 0: all */
	bool light;         /* the report's frame: exhibits without their texts */
	bool self_id_only;  /* of the exhibits, only the self-identifying ones */
};

static void ok(struct xw *x, int r)
{
	if (r < 0)
		x->failed = 1;
}

static void start(struct xw *x, const char *name)
{
	ok(x, xmlTextWriterStartElement(x->w, X(name)));
}

static void end(struct xw *x)
{
	ok(x, xmlTextWriterEndElement(x->w));
}

static void attr(struct xw *x, const char *name, const char *value)
{
	if (!value)
		return;
	char *c = rutil_cleans(value, true);
	ok(x, xmlTextWriterWriteAttribute(x->w, X(name), X(c)));
	free(c);
}

static void attr_int(struct xw *x, const char *name, long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", v);
	ok(x, xmlTextWriterWriteAttribute(x->w, X(name), X(b)));
}

static void text(struct xw *x, const char *s, size_t n)
{
	char *c = rutil_clean(s, n, true);
	ok(x, xmlTextWriterWriteString(x->w, X(c)));
	free(c);
}

static bool utf8_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* How much of s[0..len) the report's copy quotes: all, or x->quote bytes
 * cut back to a character boundary. */
static size_t quoted(const struct xw *x, const char *s, size_t len)
{
	if (!x->quote || len <= x->quote)
		return len;
	size_t n = x->quote;
	while (n > 0 && utf8_cont((unsigned char)s[n]))
		n--;
	return n;
}

/* @omitted: how many bytes of the exhibit's string the report's copy
 * leaves out (only there, only when it does). */
static void attr_omitted(struct xw *x, size_t full, size_t shown)
{
	if (shown < full)
		attr_int(x, "omitted", (long long)(full - shown));
}

/* An exhibit's string field as <name>, quoted (above), with @omitted. */
static void el_q(struct xw *x, const char *name, const struct exhibit *ex, char *const *field)
{
	const char *v = *field;
	if (!v)
		return;
	size_t len = strlen(v), n = quoted(x, v, len);
	start(x, name);
	attr_omitted(x, exhibit_full_length(ex, field), n);
	text(x, v, n);
	end(x);
}

/* <name>value</name>, nothing when value is NULL. */
static void el(struct xw *x, const char *name, const char *value)
{
	if (!value)
		return;
	start(x, name);
	text(x, value, strlen(value));
	end(x);
}

static void el_int(struct xw *x, const char *name, long long v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", v);
	el(x, name, b);
}

static void el_time(struct xw *x, const char *name, int64_t t)
{
	char b[TIMEZ_BUFSZ];
	el(x, name, timez_utc(t, b));
}

static void hashdigest(struct xw *x, const unsigned char md[32])
{
	char hex[65];
	rutil_hex(md, hex);
	start(x, "hashdigest");
	attr(x, "type", "sha256");
	text(x, hex, 64);
	end(x);
}

/* ---- provenance ------------------------------------------------------------ */

static bool plain_arg(const char *a)
{
	if (!*a)
		return false;
	for (const char *p = a; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,@%+-",
			    *p))
			return false;
	return true;
}

/* argv as one line a shell would read back the same. */
static char *command_line(const struct bundle_data *d)
{
	struct buf b = BUF_INIT(0);
	buf_add(&b, "", 0);
	for (size_t i = 0; i < d->n_command; i++) {
		const char *a = d->command[i];
		if (i)
			buf_adds(&b, " ");
		if (plain_arg(a)) {
			buf_adds(&b, a);
			continue;
		}
		buf_adds(&b, "'");
		for (const char *p = a; *p; p++) {
			if (*p == '\'')
				buf_adds(&b, "'\\''");
			else
				buf_add(&b, p, 1);
		}
		buf_adds(&b, "'");
	}
	return buf_detach(&b, NULL);
}

static void write_creator(struct xw *x, const struct bundle_data *d)
{
	start(x, "creator");
	el(x, "program", d->tool_name ? d->tool_name : "conductscan");
	el(x, "version", d->tool_version);
	char *cl = command_line(d);
	el(x, "command_line", cl);
	free(cl);
	start(x, "arguments");
	for (size_t i = 0; i < d->n_command; i++)
		el(x, "arg", d->command[i]);
	end(x);
	el_time(x, "start_time", d->started);
	el_time(x, "end_time", d->finished);
	el(x, "timezone", d->timezone);
	end(x);
}

static void write_run(struct xw *x, const struct bundle_data *d)
{
	start(x, "case");
	el(x, "reference", d->case_reference ? d->case_reference : "");
	el(x, "investigator", d->case_investigator ? d->case_investigator : "");
	el(x, "subject", d->case_subject ? d->case_subject : "");
	end(x);

	start(x, "policy");
	attr(x, "id", d->policy_id);
	attr(x, "sha256", d->policy_sha256);
	el(x, "title", d->policy_title);
	end(x);
	if (d->org_name || d->org_sha256) {
		start(x, "org");
		attr(x, "sha256", d->org_sha256);
		el(x, "name", d->org_name);
		end(x);
	}

	char b[TIMEZ_BUFSZ];
	start(x, "scope");
	attr(x, "all", !d->scope.has_from && !d->scope.has_to && !d->scope.kinds ? "true" : "false");
	if (d->scope.has_from) {
		start(x, "from");
		attr(x, "utc", timez_utc(d->scope.from, b));
		attr(x, "local", timez_local(d->scope.from, b));
		end(x);
	}
	if (d->scope.has_to) {
		start(x, "to");
		attr(x, "utc", timez_utc(d->scope.to, b));
		attr(x, "local", timez_local(d->scope.to, b));
		end(x);
	}
	for (int k = 0; k < ITEM_KIND_COUNT; k++)
		if (d->scope.kinds & (1u << k))
			el(x, "kind", item_kind_name((enum item_kind)k));
	end(x);

	start(x, "counts");
	uint64_t total = 0, oos = 0;
	for (int k = 0; k < ITEM_KIND_COUNT; k++) {
		total += d->counts[k];
		oos += d->out_of_scope[k];
	}
	attr_int(x, "read", (long long)total);
	attr_int(x, "out_of_scope", (long long)oos);
	for (int k = 0; k < ITEM_KIND_COUNT; k++) {
		start(x, "count");
		attr(x, "kind", item_kind_name((enum item_kind)k));
		attr_int(x, "read", (long long)d->counts[k]);
		attr_int(x, "out_of_scope", (long long)d->out_of_scope[k]);
		end(x);
	}
	end(x);
}

static void write_sources(struct xw *x, const struct bundle_data *d)
{
	for (size_t i = 0; i < d->n_sources; i++) {
		const struct source_info *s = &d->sources[i];
		start(x, "source");
		attr_int(x, "index", (long long)i);
		attr(x, "type", s->type);
		attr(x, "platform", s->platform);
		attr(x, "layout", s->layout);
		attr_int(x, "entries", (long long)s->entries);
		el(x, "filename", s->path);
		el_int(x, "filesize", s->size);
		hashdigest(x, s->sha256);
		el(x, "mime", s->mime);
		end(x);
	}
}

static const char *row_reason(const struct manifest_row *r)
{
	switch (r->type) {
	case ENTRY_DIR:
		return NULL;
	case ENTRY_SYMLINK:
	case ENTRY_HARDLINK:
		return "link";
	case ENTRY_OTHER:
		return "other";
	case ENTRY_FILE:
		break;
	}
	if (!r->hashed)
		return "not-read";
	return r->format ? NULL : "no-parser";
}

static void write_manifest(struct xw *x, const struct bundle_data *d)
{
	start(x, "manifest");
	attr_int(x, "entries", (long long)d->n_manifest);
	for (size_t i = 0; i < d->n_manifest; i++) {
		const struct manifest_row *r = &d->manifest[i];
		const char *reason = row_reason(r);
		start(x, "fileobject");
		attr_int(x, "source", r->source);
		attr(x, "type", entry_type_name(r->type));
		attr(x, "examined", reason || r->type == ENTRY_DIR ? "false" : "true");
		attr(x, "format", r->format);
		attr_int(x, "items", (long long)r->items);
		el(x, "filename", r->path);
		el_int(x, "filesize", r->size);
		if (r->hashed)
			hashdigest(x, r->sha256);
		el(x, "mime", r->mime);
		if (r->has_mtime)
			el_time(x, "mtime", r->mtime);
		el(x, "link", r->link);
		end(x);
	}
	end(x);
}

static void write_account(struct xw *x, const struct bundle_data *d)
{
	const struct account *a = d->account;
	start(x, "account");
	attr(x, "platform", a && a->platform ? a->platform : d->platform);
	attr(x, "self_identified", d->self_identified ? "true" : "false");
	if (a) {
		el(x, "handle", a->handle);
		el(x, "display_name", a->display_name);
		el(x, "bio", a->bio);
		el(x, "location", a->location);
		for (size_t i = 0; i < a->emails.n; i++)
			el(x, "email", a->emails.v[i]);
		for (size_t i = 0; i < a->phones.n; i++)
			el(x, "phone", a->phones.v[i]);
		for (size_t i = 0; i < a->websites.n; i++)
			el(x, "website", a->websites.v[i]);
		for (size_t i = 0; i < a->n_work; i++) {
			start(x, "work");
			el(x, "employer", a->work[i].employer);
			el(x, "title", a->work[i].title);
			el(x, "description", a->work[i].description);
			el(x, "start", a->work[i].start);
			el(x, "end", a->work[i].end);
			end(x);
		}
		if (a->created_at)
			el_time(x, "created_at", a->created_at);
	}
	for (size_t i = 0; i < d->self_identification.n; i++) {
		start(x, "self_identification");
		attr(x, "exhibit", d->self_identification.v[i]);
		end(x);
	}
	end(x);
}

/* ---- summary and timeline --------------------------------------------------- */

static const char *const known_categories[] = {
	"derogatory", "offensive_language", "harassment", "confidential", "personal_data",
	"political", "speaking_for_council", "supplier_comment", "liked_inappropriate",
	"service_user_connection", "missing_disclaimer", "work_email", "work_time_use",
	"absence_activity", "self_identification",
};
#define N_KNOWN (sizeof known_categories / sizeof known_categories[0])

static int exhibit_worst(const struct exhibit *ex)
{
	int w = -1;
	for (size_t j = 0; j < ex->findings.n; j++)
		if ((int)ex->findings.v[j].severity > w)
			w = (int)ex->findings.v[j].severity;
	return w;
}

/* Each exhibit's findings are read back once (exhibit_load), whatever the
 * number of categories. */
static int write_summary(struct xw *x, const struct bundle_data *d, struct cs_error *err)
{
	/* The SPEC's categories in its order, then any other in order of
	 * first appearance: never the order of a hash table. */
	struct strlist cats = STRLIST_INIT;
	long long (*by)[5] = NULL;      /* per category: by severity, then all */
	size_t cap_by = 0;
	long long sev[4] = {0, 0, 0, 0};
	int rc = CS_FATAL;
	for (size_t i = 0; i < N_KNOWN; i++)
		strlist_push(&cats, known_categories[i]);
	by = xgrow(by, &cap_by, cats.n, sizeof *by);
	memset(by, 0, cats.n * sizeof *by);
	size_t nf = 0;
	for (size_t i = 0; i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		if (exhibit_load(ex, 1, err) != CS_OK)
			goto out;
		for (size_t j = 0; j < ex->findings.n; j++) {
			const struct finding *f = &ex->findings.v[j];
			const char *c = f->category ? f->category : "";
			size_t k = 0;
			while (k < cats.n && strcmp(cats.v[k], c) != 0)
				k++;
			if (k == cats.n) {
				strlist_push(&cats, c);
				by = xgrow(by, &cap_by, cats.n, sizeof *by);
				memset(by[k], 0, sizeof by[k]);
			}
			if ((unsigned)f->severity < 4) {
				by[k][f->severity]++;
				sev[f->severity]++;
			}
			by[k][4]++;
			nf++;
		}
		exhibit_unload(ex);
	}
	start(x, "summary");
	attr_int(x, "findings", (long long)nf);
	attr_int(x, "exhibits", (long long)d->n_exhibits);
	for (size_t c = 0; c < cats.n; c++) {
		start(x, "category");
		attr(x, "name", cats.v[c]);
		attr_int(x, "findings", by[c][4]);
		for (int s = 3; s >= 0; s--)
			attr_int(x, rutil_severity_name((enum severity)s), by[c][s]);
		end(x);
	}
	for (int s = 3; s >= 0; s--) {
		start(x, "severity");
		attr(x, "name", rutil_severity_name((enum severity)s));
		attr_int(x, "findings", sev[s]);
		end(x);
	}
	end(x);
	rc = CS_OK;
out:
	free(by);
	strlist_release(&cats);
	return rc;
}

static long month_index(int64_t t)
{
	struct tm tm;
	timez_localtm(t, &tm);
	return (long)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

struct month {
	long m;
	long long by[4], all;
};

/* Findings per local month, oldest first.  Months in between with none are
 * written too while the span is at most ten years, so the chart's axis is
 * even; a longer span lists only the months that have findings. */
static int write_timeline(struct xw *x, const struct bundle_data *d, struct cs_error *err)
{
	struct month *v = NULL;
	size_t n = 0, cap = 0;
	long long undated = 0, max = 0;
	for (size_t i = 0; i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		if (exhibit_load(ex, 1, err) != CS_OK) {
			free(v);
			return CS_FATAL;
		}
		if (!ex->findings.n) {
			exhibit_unload(ex);
			continue;
		}
		if (ex->item->time_source == ITEM_TIME_NONE) {
			undated += (long long)ex->findings.n;
			exhibit_unload(ex);
			continue;
		}
		long m = month_index(ex->item->created_at);
		/* Exhibits are in time order, so the month is almost always the
		 * last one or a new last one; keep the array sorted anyway. */
		size_t at = n;
		while (at > 0 && v[at - 1].m > m)
			at--;
		if (!(at > 0 && v[at - 1].m == m)) {
			v = xgrow(v, &cap, n + 1, sizeof *v);
			memmove(&v[at + 1], &v[at], (n - at) * sizeof *v);
			memset(&v[at], 0, sizeof *v);
			v[at].m = m;
			n++;
			at++;
		}
		struct month *mo = &v[at - 1];
		for (size_t j = 0; j < ex->findings.n; j++) {
			if ((unsigned)ex->findings.v[j].severity < 4)
				mo->by[ex->findings.v[j].severity]++;
			mo->all++;
		}
		if (mo->all > max)
			max = mo->all;
		exhibit_unload(ex);
	}
	bool continuous = n > 0 && v[n - 1].m - v[0].m < 120;
	start(x, "timeline");
	attr(x, "unit", "month");
	attr(x, "continuous", continuous ? "true" : "false");
	attr_int(x, "max", max);
	attr_int(x, "undated", undated);
	size_t i = 0;
	for (long m = n ? v[0].m : 0; i < n; m++) {
		struct month empty = {m, {0, 0, 0, 0}, 0};
		const struct month *mo = &empty;
		if (v[i].m == m)
			mo = &v[i++];
		else if (!continuous)
			continue;
		start(x, "month");
		char key[32];
		snprintf(key, sizeof key, "%04ld-%02ld", m / 12, m % 12 + 1);
		attr(x, "key", key);
		attr_int(x, "findings", mo->all);
		for (int s = 3; s >= 0; s--)
			attr_int(x, rutil_severity_name((enum severity)s), mo->by[s]);
		end(x);
	}
	end(x);
	free(v);
	return CS_OK;
}

/* ---- exhibits --------------------------------------------------------------- */

struct span {
	size_t start, end;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

/* The item's text as <seg> elements, the union of every finding's match
 * spans marked match="1".  Spans are clamped to the text and widened to
 * whole characters, so a span never splits a UTF-8 sequence. */
static void write_segments(struct xw *x, const struct exhibit *ex)
{
	const char *t = ex->item->text;
	size_t len = quoted(x, t, strlen(t)), n = 0;
	for (size_t j = 0; j < ex->findings.n; j++)
		n += ex->findings.v[j].n_matches;
	struct span *sp = xcalloc(n ? n : 1, sizeof *sp);
	size_t k = 0;
	for (size_t j = 0; j < ex->findings.n; j++)
		for (size_t m = 0; m < ex->findings.v[j].n_matches; m++) {
			size_t s = ex->findings.v[j].matches[m].start, e = ex->findings.v[j].matches[m].end;
			if (e > len)
				e = len;
			if (s >= e)
				continue;
			while (s > 0 && utf8_cont((unsigned char)t[s]))
				s--;
			while (e < len && utf8_cont((unsigned char)t[e]))
				e++;
			sp[k].start = s;
			sp[k].end = e;
			k++;
		}
	if (k)
		qsort(sp, k, sizeof *sp, cmp_span);
	size_t pos = 0;
	for (size_t i = 0; i < k;) {
		size_t s = sp[i].start, e = sp[i].end;
		for (i++; i < k && sp[i].start <= e; i++)
			if (sp[i].end > e)
				e = sp[i].end;
		if (s > pos) {
			start(x, "seg");
			text(x, t + pos, s - pos);
			end(x);
		}
		start(x, "seg");
		attr(x, "match", "1");
		text(x, t + s, e - s);
		end(x);
		pos = e;
	}
	if (pos < len || len == 0) {
		start(x, "seg");
		text(x, t + pos, len - pos);
		end(x);
	}
	free(sp);
}

static const char *time_source_name(enum time_source t)
{
	return t == ITEM_TIME_UTC ? "utc" : t == ITEM_TIME_LOCAL_TEXT ? "local-text" : "none";
}

static void write_item(struct xw *x, const struct exhibit *ex)
{
	const struct item *it = ex->item;
	char b[TIMEZ_BUFSZ];
	start(x, "item");
	attr(x, "kind", item_kind_name(it->kind));
	attr(x, "platform", it->platform);
	attr(x, "deleted", it->deleted ? "true" : "false");
	el(x, "id", it->id);
	if (it->time_source != ITEM_TIME_NONE) {
		el_time(x, "created_at", it->created_at);
		el(x, "local_time", timez_local(it->created_at, b));
	}
	el(x, "time_source", time_source_name(it->time_source));
	el_q(x, "time_text", ex, &it->time_text);
	el_q(x, "author", ex, &it->author);
	if (it->text && !x->light) {
		/* No indentation inside: whitespace between segments would
		 * become part of the verbatim text. */
		start(x, "text");
		attr_omitted(x, exhibit_full_length(ex, &it->text), quoted(x, it->text, strlen(it->text)));
		ok(x, xmlTextWriterSetIndent(x->w, 0));
		write_segments(x, ex);
		end(x);
		ok(x, xmlTextWriterSetIndent(x->w, 1));
	}
	el_q(x, "url", ex, &it->url);
	el(x, "in_reply_to", it->in_reply_to);
	el_q(x, "in_reply_to_user", ex, &it->in_reply_to_user);
	if (!x->light)
		el_q(x, "context", ex, &it->context);
	el_q(x, "counterpart", ex, &it->counterpart);
	el_q(x, "relation", ex, &it->relation);
	el_q(x, "field", ex, &it->field);
	el_q(x, "group", ex, &it->group);
	if (it->has_deleted_at)
		el_time(x, "deleted_at", it->deleted_at);
	el_q(x, "reaction", ex, &it->reaction);
	for (size_t i = 0; i < it->tagged.n; i++)
		el(x, "tagged", it->tagged.v[i]);
	for (size_t i = 0; i < it->n_attachments; i++) {
		const struct item_attachment *a = &it->attachments[i];
		char *file = exhibit_attachment_name(ex, i);
		start(x, "attachment");
		attr(x, "file", file);
		el(x, "ref", a->ref);
		el(x, "entry", a->entry);
		if (a->entry)
			hashdigest(x, a->sha256);
		end(x);
		free(file);
	}
	start(x, "provenance");
	el(x, "source", it->source);
	el(x, "entry", it->entry);
	if (it->offset >= 0) {
		el_int(x, "offset", it->offset);
		el_int(x, "length", it->length);
	}
	hashdigest(x, it->sha256);
	end(x);
	end(x);
}

static void write_finding(struct xw *x, const struct exhibit *ex, const struct finding *f)
{
	const char *t = ex->item->text;
	size_t len = t ? strlen(t) : 0;
	start(x, "finding");
	attr(x, "category", f->category);
	attr(x, "rule", f->rule);
	attr(x, "severity", rutil_severity_name(f->severity));
	attr_int(x, "matches_omitted", (long long)f->matches_omitted);
	el(x, "summary", f->summary);
	for (size_t k = 0; k < f->n_matches && !x->light; k++) {
		size_t s = f->matches[k].start, e = f->matches[k].end;
		start(x, "match");
		attr_int(x, "start", (long long)s);
		attr_int(x, "end", (long long)e);
		if (e > len)
			e = len;
		if (s > e)
			s = e;
		size_t n = quoted(x, t ? t + s : "", e - s);
		attr_omitted(x, e - s, n);
		text(x, t ? t + s : "", n);
		end(x);
	}
	for (size_t k = 0; k < f->n_citations && !x->light; k++) {
		const struct citation *c = &f->citations[k];
		start(x, "citation");
		attr(x, "policy", c->policy);
		attr(x, "clause", c->clause);
		attr(x, "section", c->section);
		el(x, "quote", c->quote);
		end(x);
	}
	end(x);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A self-identifying exhibit for a frame that reads nothing else of it:
 * its id and its self_identification findings, which the subject section
 * quotes (report_xml_opts.self_id_only). */
static int write_self_id(struct xw *x, const struct exhibit *ex, struct cs_error *err)
{
	if (exhibit_load(ex, 1, err) != CS_OK)
		return CS_FATAL;
	start(x, "exhibit");
	attr(x, "id", ex->id);
	attr(x, "self_identification", "true");
	for (size_t j = 0; j < ex->findings.n; j++)
		if (ex->findings.v[j].category &&
		    !strcmp(ex->findings.v[j].category, "self_identification"))
			write_finding(x, ex, &ex->findings.v[j]);
	end(x);
	exhibit_unload(ex);
	return CS_OK;
}

static int write_exhibits(struct xw *x, const struct bundle_data *d, size_t first, size_t last,
			  struct cs_error *err)
{
	/* the self-identification ids, sorted for lookup: asking the list
	 * itself for every exhibit would take exhibits times ids */
	const struct strlist *si = &d->self_identification;
	char **ids = xcalloc(si->n ? si->n : 1, sizeof *ids);
	if (si->n)
		memcpy(ids, si->v, si->n * sizeof *ids);
	if (si->n > 1)
		qsort(ids, si->n, sizeof *ids, cmp_str);
	start(x, "exhibits");
	attr_int(x, "count", (long long)d->n_exhibits);
	for (size_t i = first; i < last && i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		const char *idkey = ex->id;
		bool self_id = si->n && bsearch(&idkey, ids, si->n, sizeof *ids, cmp_str);
		if (x->self_id_only) {
			if (self_id && write_self_id(x, ex, err) != CS_OK) {
				free(ids);
				return CS_FATAL;
			}
			continue;
		}
		/* one exhibit in memory at a time; whole even for the
		 * report's copy, whose matches may lie past what it quotes;
		 * for the frame, which shows no text, what it quotes (and
		 * the byte after, where quoted() looks for a character) */
		if (exhibit_load(ex, x->light && x->quote ? x->quote + 1 : 0, err) != CS_OK) {
			free(ids);
			return CS_FATAL;
		}
		char *file = exhibit_file_name(ex);
		int worst = exhibit_worst(ex);
		start(x, "exhibit");
		attr(x, "id", ex->id);
		attr(x, "file", file);
		if (worst >= 0)
			attr(x, "severity", rutil_severity_name((enum severity)worst));
		if (ex->item->time_source != ITEM_TIME_NONE) {
			long m = month_index(ex->item->created_at);
			char key[32];
			snprintf(key, sizeof key, "%04ld-%02ld", m / 12, m % 12 + 1);
			attr(x, "month", key);
		}
		attr(x, "self_identification", self_id ? "true" : "false");
		write_item(x, ex);
		for (size_t j = 0; j < ex->findings.n; j++)
			write_finding(x, ex, &ex->findings.v[j]);
		end(x);
		free(file);
		exhibit_unload(ex);
	}
	end(x);
	free(ids);
	return CS_OK;
}

/* The attachments of a loaded exhibit, for <media>. */
static void write_media(struct xw *x, const struct exhibit *ex)
{
	for (size_t k = 0; k < ex->item->n_attachments; k++) {
		const struct item_attachment *a = &ex->item->attachments[k];
		char *file = exhibit_attachment_name(ex, k);
		start(x, "attachment");
		attr(x, "exhibit", ex->id);
		attr(x, "file", file);
		attr(x, "found", a->entry ? "true" : "false");
		el(x, "ref", a->ref);
		el(x, "entry", a->entry);
		end(x);
		free(file);
	}
}

static int write_not_examined(struct xw *x, const struct bundle_data *d, struct cs_error *err)
{
	start(x, "not_examined");

	size_t n = 0;
	for (size_t i = 0; i < d->n_manifest; i++)
		n += row_reason(&d->manifest[i]) != NULL;
	start(x, "entries");
	attr_int(x, "count", (long long)n);
	for (size_t i = 0; i < d->n_manifest; i++) {
		const struct manifest_row *r = &d->manifest[i];
		const char *reason = row_reason(r);
		if (!reason)
			continue;
		start(x, "entry");
		attr(x, "source", r->source < d->n_sources ? d->sources[r->source].path : NULL);
		attr(x, "reason", reason);
		attr(x, "mime", r->mime);
		attr_int(x, "size", r->size);
		text(x, r->path ? r->path : "", r->path ? strlen(r->path) : 0);
		end(x);
	}
	end(x);

	start(x, "warnings");
	attr_int(x, "count", d->warnings ? (long long)d->warnings->n : 0);
	for (size_t i = 0; d->warnings && i < d->warnings->n; i++) {
		const struct warning *w = &d->warnings->v[i];
		start(x, "warning");
		attr(x, "source", w->source_path);
		attr(x, "entry", w->entry);
		if (w->offset >= 0)
			attr_int(x, "offset", w->offset);
		attr(x, "code", w->code);
		text(x, w->message ? w->message : "", w->message ? strlen(w->message) : 0);
		end(x);
	}
	end(x);

	uint64_t oos = 0;
	for (int k = 0; k < ITEM_KIND_COUNT; k++)
		oos += d->out_of_scope[k];
	start(x, "out_of_scope");
	attr_int(x, "count", (long long)oos);
	for (int k = 0; k < ITEM_KIND_COUNT; k++) {
		if (!d->out_of_scope[k])
			continue;
		start(x, "kind");
		attr(x, "name", item_kind_name((enum item_kind)k));
		attr_int(x, "count", (long long)d->out_of_scope[k]);
		end(x);
	}
	end(x);

	/* the count comes first: the exhibits with attachments are read
	 * back twice, to count, then to list */
	n = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			start(x, "media");
			attr_int(x, "count", (long long)n);
		}
		for (size_t i = 0; i < d->n_exhibits; i++) {
			const struct exhibit *ex = &d->exhibits[i];
			if (!exhibit_has_attachments(ex))
				continue;
			if (exhibit_load(ex, 1, err) != CS_OK)
				return CS_FATAL;
			if (pass == 0)
				n += ex->item->n_attachments;
			else
				write_media(x, ex);
			exhibit_unload(ex);
		}
	}
	end(x);

	end(x);
	return CS_OK;
}

/* The output buffer's sink: the file, with any error kept by stdio. */
static int out_write(void *ctx, const char *p, int n)
{
	return fwrite(p, 1, (size_t)n, ctx) == (size_t)n ? n : -1;
}

static int out_close(void *ctx)
{
	(void)ctx;
	return 0;
}

int report_xml_write(const struct bundle_data *d, const char *dir, const char *rel,
		     const struct report_xml_opts *o, struct cs_error *err)
{
	static const struct report_xml_opts whole = {0, false, false, 0, SIZE_MAX, false};
	char *path = NULL;
	if (!o)
		o = &whole;
	struct xw x = {NULL, 0, o->quote, o->light, o->self_id_only};
	int rc = CS_FATAL;
	FILE *f = rutil_create(dir, rel, &path, err);
	if (!f)
		goto out;
	/* written as it goes: the document is never whole in memory */
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(out_write, out_close, f, NULL);
	if (!ob || !(x.w = xmlNewTextWriter(ob))) {
		if (ob)
			xmlOutputBufferClose(ob);
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': out of memory", path);
		goto out;
	}
	ok(&x, xmlTextWriterSetIndent(x.w, 1));
	ok(&x, xmlTextWriterSetIndentString(x.w, X("  ")));
	ok(&x, xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL));
	start(&x, "evidence");
	attr(&x, "schema", "conductscan.evidence/1");
	attr(&x, "mode", d->mode);
	write_creator(&x, d);
	write_run(&x, d);
	write_sources(&x, d);
	if (!o->exhibits_only)
		write_manifest(&x, d);
	write_account(&x, d);
	if (!o->exhibits_only &&
	    (write_summary(&x, d, err) != CS_OK || write_timeline(&x, d, err) != CS_OK))
		goto out;
	if (write_exhibits(&x, d, o->exhibits_only ? o->first : 0,
			   o->exhibits_only ? o->last : d->n_exhibits, err) != CS_OK)
		goto out;
	if (!o->exhibits_only && write_not_examined(&x, d, err) != CS_OK)
		goto out;
	end(&x);
	ok(&x, xmlTextWriterEndDocument(x.w));
	xmlFreeTextWriter(x.w);     /* flushes into f */
	x.w = NULL;
	if (x.failed && !ferror(f)) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': the XML writer failed", path);
		goto out;
	}
	rc = rutil_close(f, path, err);
	f = NULL;
out:
	if (x.w)
		xmlFreeTextWriter(x.w);
	if (f)
		fclose(f);
	free(path);
	return rc;
}

static int write_xml(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	return report_xml_write(d, dir, "evidence.xml", NULL, err);
}

const struct report_ops report_xml = {"xml", NULL, write_xml};

/*
 * The writers, each on a hand-built bundle_data full of hostile text:
 * findings.json (schema, key order, nulls, ordering, exhibit sharing,
 * invalid UTF-8), evidence.xml (well-formed, segments, vocabulary),
 * report.html (no script, everything escaped, CSP, both templates, the
 * XSLT security preferences), findings.csv and manifest.csv (RFC 4180 and
 * the injection guard), exhibits/ (original bytes, attachments, a changed
 * input).
 */
#define _GNU_SOURCE
#include "tests/testutil.h"

#include <jansson.h>
#include <openssl/evp.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxslt/xsltutils.h>
#include <libxslt/xslt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reports/bundle.h"
#include "reports/report.h"
#include "reports/sums.h"
#include "reports/verify.h"
#include "reports/rutil.h"
#include "tests/test_reports_fixture.h"

/* Writes fx's bundle to tmp/out with formats; returns its path. */
static char *write_bundle(struct fixture *fx, const char *formats, char seal[65])
{
	struct cs_error err = {0};
	char *out = fx_out(fx, "out");
	int rc = bundle_write_formats(&fx->d, out, formats, seal, &err);
	if (rc != CS_OK)
		fail_msg("bundle_write_all: %s", err.msg);
	return out;
}

static char *read_rel(const char *dir, const char *rel, size_t *n)
{
	char *p = xasprintf("%s/%s", dir, rel);
	char *s = tu_read(p, n);
	free(p);
	assert_non_null(s);
	return s;
}

static int valid_utf8(const char *s, size_t n)
{
	char *c = rutil_clean(s, n, false);
	int same = strlen(c) == n && !memcmp(c, s, n);
	free(c);
	return same;
}

static void assert_keys(json_t *o, const char *const *keys, size_t n)
{
	assert_true(json_is_object(o));
	assert_int_equal(json_object_size(o), n);
	size_t i = 0;
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v) {
		(void)v;
		assert_string_equal(k, keys[i]);
		i++;
	}
}

#define KEYS(o, ...)                                                                    \
	do {                                                                            \
		static const char *const ks_[] = {__VA_ARGS__};                         \
		assert_keys((o), ks_, sizeof ks_ / sizeof *ks_);                        \
	} while (0)

static void test_reports__json_schema_order_and_sharing(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "", seal);
	size_t n;
	char *text = read_rel(out, "findings.json", &n);
	assert_true(valid_utf8(text, n));
	json_error_t je;
	json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	assert_non_null(root);

	KEYS(root, "schema", "tool", "run", "case", "sources", "account", "counts", "warnings",
	     "findings");
	assert_string_equal(json_string_value(json_object_get(root, "schema")),
			    "conductscan.findings/1");
	json_t *run = json_object_get(root, "run");
	KEYS(run, "started", "finished", "command", "mode", "timezone", "scope", "policy", "org");
	assert_string_equal(json_string_value(json_object_get(run, "started")),
			    "2025-11-21T10:00:00Z");
	json_t *scope = json_object_get(run, "scope");
	KEYS(scope, "from", "to", "kinds");
	assert_true(json_is_null(json_object_get(scope, "to")));
	assert_int_equal(json_array_size(json_object_get(scope, "kinds")), 3);
	json_t *org = json_object_get(run, "org");
	KEYS(org, "name", "sha256");
	assert_true(json_is_null(json_object_get(org, "name")));
	KEYS(json_object_get(root, "case"), "reference", "investigator", "subject");
	json_t *src = json_array_get(json_object_get(root, "sources"), 0);
	KEYS(src, "path", "type", "size", "sha256", "mime", "platform", "layout", "entries");
	json_t *acc = json_object_get(root, "account");
	KEYS(acc, "platform", "handle", "display_name", "emails", "bio", "work", "self_identified",
	     "self_identification");
	assert_true(json_is_true(json_object_get(acc, "self_identified")));
	KEYS(json_object_get(root, "counts"), "post", "share", "comment", "like", "tag",
	     "connection", "message", "profile", "group");
	json_t *w = json_array_get(json_object_get(root, "warnings"), 0);
	KEYS(w, "source", "entry", "offset", "code", "message");
	assert_int_equal(json_integer_value(json_object_get(w, "offset")), 17);

	/* one exhibit per item, shared by its findings, in exhibit then rule order */
	json_t *f = json_object_get(root, "findings");
	assert_int_equal(json_array_size(f), 4);
	const char *exp_ex[] = {"E0001", "E0002", "E0002", "E0003"};
	const char *exp_rule[] = {"personal_data.phone", "derogatory.manager", "offensive.markup",
				  "self_identification.bio"};
	for (size_t i = 0; i < 4; i++) {
		json_t *fi = json_array_get(f, i);
		assert_string_equal(json_string_value(json_object_get(fi, "exhibit")), exp_ex[i]);
		assert_string_equal(json_string_value(json_object_get(fi, "rule")), exp_rule[i]);
	}
	json_t *f1 = json_array_get(f, 1);
	KEYS(f1, "exhibit", "category", "rule", "severity", "summary", "item", "matches",
	     "matches_omitted", "citations");
	assert_string_equal(json_string_value(json_object_get(f1, "severity")), "high");
	json_t *item = json_object_get(f1, "item");
	KEYS(item, "kind", "platform", "id", "created_at", "local_time", "time_source", "time_text",
	     "author", "text", "url", "in_reply_to", "context", "deleted", "deleted_at", "reaction",
	     "tagged", "attachments", "entry", "source", "offset", "length", "sha256");
	assert_string_equal(json_string_value(json_object_get(item, "created_at")),
			    "2023-01-10T10:30:00Z");
	assert_string_equal(json_string_value(json_object_get(item, "local_time")),
			    "2023-01-10T10:30:00+00:00");
	assert_string_equal(json_string_value(json_object_get(item, "time_source")), "utc");
	assert_true(json_is_null(json_object_get(item, "time_text")));
	assert_true(json_is_null(json_object_get(item, "context")));
	/* invalid UTF-8 shown visibly, the rest verbatim */
	const char *t = json_string_value(json_object_get(item, "text"));
	assert_non_null(strstr(t, "bad\\xFF\\xFE bytes"));
	assert_non_null(strstr(t, "<script>alert(1)</script> \"quoted\", commas\r\nline2"));
	json_t *m = json_array_get(json_object_get(f1, "matches"), 0);
	KEYS(m, "start", "end", "text");
	assert_string_equal(json_string_value(json_object_get(m, "text")), "idiot");
	json_t *att = json_object_get(item, "attachments");
	assert_int_equal(json_array_size(att), 2);
	KEYS(json_array_get(att, 0), "file", "entry", "sha256");
	assert_string_equal(json_string_value(json_object_get(json_array_get(att, 0), "file")),
			    "exhibits/E0002-1.jpg");
	assert_true(json_is_null(json_object_get(json_array_get(att, 1), "file")));
	json_t *cit = json_array_get(json_object_get(f1, "citations"), 0);
	KEYS(cit, "policy", "clause", "section", "quote");
	/* the same item in both findings on E0002 */
	json_t *i1 = json_object_get(json_array_get(f, 1), "item");
	json_t *i2 = json_object_get(json_array_get(f, 2), "item");
	assert_true(json_equal(i1, i2));

	/* the local-text item and the undated one */
	json_t *i0 = json_object_get(json_array_get(f, 0), "item");
	assert_string_equal(json_string_value(json_object_get(i0, "time_source")), "local-text");
	assert_string_equal(json_string_value(json_object_get(i0, "time_text")), "6 May 2019, 17:32");
	assert_string_equal(json_string_value(json_object_get(i0, "local_time")),
			    "2019-05-06T17:32:00+01:00");
	assert_true(json_is_null(json_object_get(i0, "offset")));
	assert_true(json_is_null(json_object_get(i0, "length")));
	json_t *i3 = json_object_get(json_array_get(f, 3), "item");
	assert_true(json_is_null(json_object_get(i3, "created_at")));
	assert_true(json_is_null(json_object_get(i3, "time_source")));
	assert_int_equal(json_integer_value(json_object_get(i3, "offset")), 5);
	/* two-space indent, UTF-8 not escaped to \u */
	assert_non_null(strstr(text, "{\n  \"schema\": \"conductscan.findings/1\",\n  \"tool\""));

	json_decref(root);
	free(text);
	free(out);
	fx_release(&fx);
}

static xmlXPathObjectPtr xpath(xmlDocPtr doc, const char *expr)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	assert_non_null(o);
	return o;
}

static double xnum(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr o = xpath(doc, expr);
	double v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

static char *xstr(xmlDocPtr doc, const char *expr)
{
	xmlXPathObjectPtr o = xpath(doc, expr);
	xmlChar *s = xmlXPathCastToString(o);
	xmlXPathFreeObject(o);
	char *r = xstrdup((const char *)s);
	xmlFree(s);
	return r;
}

static void assert_xstr(xmlDocPtr doc, const char *expr, const char *want)
{
	char *s = xstr(doc, expr);
	if (strcmp(s, want) != 0)
		fail_msg("%s: got '%s', want '%s'", expr, s, want);
	free(s);
}

static void test_reports__xml_evidence_vocabulary(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "", seal);
	size_t n;
	char *text = read_rel(out, "evidence.xml", &n);
	assert_true(valid_utf8(text, n));
	xmlDocPtr doc = xmlReadMemory(text, (int)n, "evidence.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);

	assert_xstr(doc, "/evidence/@schema", "conductscan.evidence/1");
	assert_xstr(doc, "/evidence/creator/program", "conductscan");
	assert_xstr(doc, "/evidence/creator/version", "0.1.0");
	assert_xstr(doc, "/evidence/creator/start_time", "2025-11-21T10:00:00Z");
	assert_xstr(doc, "/evidence/creator/end_time", "2025-11-21T10:00:05Z");
	assert_xstr(doc, "/evidence/creator/command_line",
		    "conductscan scan -o 'out dir' --case =1+1");
	assert_true(xnum(doc, "count(/evidence/creator/arguments/arg)") == 6);
	assert_xstr(doc, "/evidence/source/hashdigest[@type='sha256']",
		    "abababababababababababababababababababababababababababababababab");
	/* a fileobject for every manifest row, in order, with its hash */
	assert_true(xnum(doc, "count(/evidence/manifest/fileobject)") == 5);
	assert_xstr(doc, "/evidence/manifest/fileobject[2]/filename", "data/tweets.js");
	assert_true(xnum(doc, "string-length(/evidence/manifest/fileobject[2]/hashdigest[@type='sha256'])") == 64);
	assert_xstr(doc, "/evidence/manifest/fileobject[2]/@examined", "true");
	assert_xstr(doc, "/evidence/manifest/fileobject[3]/@examined", "false");
	/* the account */
	assert_xstr(doc, "/evidence/account/display_name", "Jo <Bloggs> & \"co\"");
	assert_xstr(doc, "/evidence/account/self_identification/@exhibit", "E0003");
	/* exhibits with segments: the match highlighted, the text verbatim */
	assert_true(xnum(doc, "count(/evidence/exhibits/exhibit)") == 3);
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/@id", "E0002");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/@severity", "high");
	assert_true(xnum(doc, "count(/evidence/exhibits/exhibit[2]/finding)") == 2);
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/text/seg[@match='1'][1]", "idiot");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/text/seg[@match='1'][2]", "<script>");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/text/seg[3]", " ");
	assert_true(xnum(doc, "count(/evidence/exhibits/exhibit[2]/item/text/seg)") == 5);
	char *full = xstr(doc, "/evidence/exhibits/exhibit[2]/item/text");
	assert_non_null(strstr(full, "My manager is an idiot <script>alert(1)</script> \"quoted\", "
				     "commas\r\nline2 =HYPERLINK"));
	assert_non_null(strstr(full, "bad\\xFF\\xFE bytes ctrl\\x01 end"));
	free(full);
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/finding[1]/match", "idiot");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/finding[1]/citation[2]/quote",
		    "Quote with <markup> & \"quotes\"");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/attachment[1]/@file",
		    "exhibits/E0002-1.jpg");
	assert_xstr(doc, "/evidence/exhibits/exhibit[1]/@file", "exhibits/E0001.html");
	assert_xstr(doc, "/evidence/exhibits/exhibit[1]/item/time_text", "6 May 2019, 17:32");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/provenance/offset", "0");
	assert_true(xnum(doc, "count(/evidence/exhibits/exhibit[1]/item/provenance/offset)") == 0);
	/* summary and timeline */
	assert_xstr(doc, "/evidence/summary/@findings", "4");
	assert_xstr(doc, "/evidence/summary/category[@name='derogatory']/@high", "1");
	assert_xstr(doc, "/evidence/timeline/month[1]/@key", "2019-05");
	assert_xstr(doc, "/evidence/timeline/@continuous", "true");
	assert_true(xnum(doc, "count(/evidence/timeline/month)") == 45);
	assert_xstr(doc, "/evidence/timeline/@undated", "1");
	/* not examined: unclaimed entries (not the folder), warnings, scope, media */
	assert_xstr(doc, "/evidence/not_examined/entries/@count", "3");
	assert_xstr(doc, "/evidence/not_examined/entries/entry[3]/@reason", "link");
	assert_xstr(doc, "/evidence/not_examined/warnings/warning/@code", "bad-element");
	assert_xstr(doc, "/evidence/not_examined/out_of_scope/kind[@name='post']/@count", "2");
	assert_xstr(doc, "/evidence/not_examined/media/@count", "2");
	assert_xstr(doc, "/evidence/not_examined/media/attachment[2]/@found", "false");
	assert_xstr(doc, "/evidence/scope/@all", "false");

	xmlFreeDoc(doc);
	free(text);
	free(out);
	fx_release(&fx);
}

static void test_reports__html_no_script_and_escaped(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "html", seal);
	size_t n;
	char *html = read_rel(out, "report.html", &n);
	assert_true(valid_utf8(html, n));
	assert_null(strcasestr(html, "<script"));
	assert_null(strcasestr(html, "<img"));
	assert_null(strcasestr(html, "href=\"javascript"));
	assert_null(strcasestr(html, "<b>"));
	assert_non_null(strstr(html, "alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(html, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(html, "Content-Security-Policy"));
	assert_non_null(strstr(html, "default-src 'none'; style-src 'unsafe-inline'; img-src data:"));
	assert_non_null(strstr(html, "<mark>idiot</mark> <mark>&lt;script&gt;</mark>"));
	assert_non_null(strstr(html, "not findings of"));
	assert_non_null(strstr(html, "sha256sum -c SHA256SUMS"));
	assert_non_null(strstr(html, "HR/2026/\"17\""));
	assert_non_null(strstr(html, "<svg"));
	assert_non_null(strstr(html, "id=\"E0002\""));
	assert_non_null(strstr(html, "6 May 2019, 17:32"));
	assert_non_null(strstr(html, "rel=\"noreferrer"));
	assert_non_null(strstr(html, "@page"));
	/* the report names the evidence.xml it was made from */
	size_t xn;
	char *xml = read_rel(out, "evidence.xml", &xn);
	char hex[65];
	tu_sha256_hex(xml, xn, hex);
	assert_non_null(strstr(html, hex));
	/* parsed as HTML: no script element, no event attribute, links only to
	 * http(s) and to anchors of the report itself */
	htmlDocPtr hd = htmlReadMemory(html, (int)n, "report.html", "UTF-8",
				       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(hd);
	assert_true(xnum(hd, "count(//script)") == 0);
	assert_true(xnum(hd, "count(//@*[starts-with(translate(name(), 'ON', 'on'), 'on')])") == 0);
	assert_true(xnum(hd, "count(//iframe | //object | //embed | //link | //img | //form)") == 0);
	assert_true(xnum(hd, "count(//a[not(starts-with(@href, '#') or starts-with(@href, "
			     "'https://') or starts-with(@href, 'http://'))])") == 0);
	assert_true(xnum(hd, "count(//meta[@http-equiv='Content-Security-Policy'])") == 1);
	assert_true(xnum(hd, "count(//style)") == 1);
	assert_true(xnum(hd, "count(//article[@class='exhibit high'][@id='E0002'])") == 1);
	xmlFreeDoc(hd);
	/* CS_KEEP_BUNDLE=DIR keeps a copy to look at (or render in a browser) */
	const char *keep = getenv("CS_KEEP_BUNDLE");
	if (keep && *keep) {
		char *cmd = xasprintf("rm -rf '%s' && cp -R '%s' '%s'", keep, out, keep);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	free(xml);
	free(html);
	free(out);
	fx_release(&fx);
}

static void test_reports__self_audit_addresses_the_employee(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	fx.d.mode = "self-audit";
	char seal[65];
	char *out = write_bundle(&fx, "html", seal);
	char *html = read_rel(out, "report.html", NULL);
	assert_non_null(strstr(html, "Your social-media self-check"));
	assert_non_null(strstr(html, "What to consider"));
	assert_non_null(strstr(html, "tameside-3"));
	assert_null(strstr(html, "Case reference"));
	assert_null(strstr(html, "HR/2026"));
	assert_null(strcasestr(html, "<script"));
	assert_non_null(strstr(html, "&lt;script&gt;"));
	const char *keep = getenv("CS_KEEP_BUNDLE");
	if (keep && *keep) {
		char *cmd = xasprintf("rm -rf '%s-self-audit' && cp -R '%s' '%s-self-audit'", keep, out,
				      keep);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	free(html);
	free(out);
	fx_release(&fx);
}

/* An employee whose export has nothing to flag gets a report saying so,
 * in either mode: a frame with no exhibits has nothing to put in. */
static void test_reports__no_exhibits_both_modes(void **state)
{
	(void)state;
	const char *modes[] = {"investigation", "self-audit"};
	for (size_t m = 0; m < 2; m++) {
		struct fixture fx;
		fx_init(&fx);
		size_t saved_n = fx.d.n_exhibits;
		fx.d.n_exhibits = 0;
		fx.d.mode = modes[m];
		char seal[65];
		char *out = write_bundle(&fx, "html", seal);
		char *html = read_rel(out, "report.html", NULL);
		assert_non_null(strstr(html, "</html>"));
		assert_null(strstr(html, "conductscan-"));
		assert_null(strstr(html, "<article"));
		free(html);
		free(out);
		fx.d.n_exhibits = saved_n;
		fx_release(&fx);
	}
}

/*
 * report.html made in parts (the stylesheet declares exhibit-pass): 150
 * exhibits are three parts of 64; the report must be byte for byte the
 * one a single transform of the whole gives (the same stylesheet without
 * the parameter, so conductscan applies it once).
 */
static void test_reports__html_in_parts(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	enum { N = 150 };
	struct exhibit *many = xcalloc(N, sizeof *many);
	for (size_t i = 0; i < N; i++) {
		many[i] = fx.exhibits[i % 3];
		snprintf(many[i].id, sizeof many[i].id, "E%04zu", i + 1);
	}
	struct exhibit *saved = fx.d.exhibits;
	size_t saved_n = fx.d.n_exhibits;
	fx.d.exhibits = many;
	fx.d.n_exhibits = N;
	char seal[65];
	char *out = write_bundle(&fx, "html", seal);
	size_t n_parts;
	char *parts = read_rel(out, "report.html", &n_parts);
	assert_non_null(strstr(parts, "id=\"E0150\""));
	assert_null(strstr(parts, "conductscan-exhibits"));
	tu_rmrf(out);
	free(out);

	/* the same stylesheet, beside its include, without the parameter */
	size_t n;
	char *xsl = tu_read("templates/report.xsl", &n);
	assert_non_null(xsl);
	/* another name (the same length) for the parameter everywhere: the
	 * stylesheet then declares none that conductscan knows */
	int renamed = 0;
	for (char *at = xsl; (at = strstr(at, "exhibit-pass")); renamed++)
		memcpy(at, "exhibit-past", 12);
	assert_true(renamed >= 3);
	char *copy = xasprintf("%s/report.xsl", fx.tmp), *common_dst = xasprintf("%s/common.xsl", fx.tmp);
	tu_write(copy, xsl, n);
	free(xsl);
	char *common = tu_read("templates/common.xsl", &n);
	tu_write(common_dst, common, n);
	free(common);
	fx.d.template_path = copy;
	out = write_bundle(&fx, "html", seal);
	size_t n_whole;
	char *whole = read_rel(out, "report.html", &n_whole);
	assert_int_equal(n_parts, n_whole);
	assert_memory_equal(parts, whole, n_whole);
	free(parts);
	free(whole);
	free(out);
	free(copy);
	free(common_dst);
	fx.d.exhibits = saved;
	fx.d.n_exhibits = saved_n;
	free(many);
	fx_release(&fx);
}

static void test_reports__template_security_prefs(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	/* a stylesheet that tries to write a file with exsl:document */
	char *xsl = xasprintf("%s/evil.xsl", fx.tmp);
	char *target = xasprintf("%s/written-by-xslt", fx.tmp);
	char *doc = xasprintf(
		"<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
		" xmlns:exsl='http://exslt.org/common' extension-element-prefixes='exsl'>"
		"<xsl:template match='/'><exsl:document href='%s'>x</exsl:document><p>hi</p>"
		"</xsl:template></xsl:stylesheet>",
		target);
	tu_write(xsl, doc, strlen(doc));
	fx.d.template_path = xsl;
	struct cs_error err = {0};
	char seal[65];
	char *out = fx_out(&fx, "out");
	int rc = bundle_write_formats(&fx.d, out, "html", seal, &err);
	assert_int_equal(rc, CS_FATAL);
	assert_int_not_equal(err.status, 0);
	assert_non_null(strstr(err.msg, "refused"));
	assert_int_equal(access(target, F_OK), -1);
	assert_int_equal(access(out, F_OK), -1);
	assert_false(fx_tmp_left(fx.tmp));
	free(doc);

	/* an include over the network is refused at parse time */
	doc = xasprintf("<xsl:stylesheet version='1.0' "
			"xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
			"<xsl:include href='http://127.0.0.1:9/x.xsl'/>"
			"<xsl:template match='/'><p>hi</p></xsl:template></xsl:stylesheet>");
	unlink(xsl);
	tu_write(xsl, doc, strlen(doc));
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, out, "html", seal, &err), CS_FATAL);
	assert_non_null(strstr(err.msg, "refused"));
	assert_int_equal(access(out, F_OK), -1);
	free(doc);

	/* a harmless custom template is used */
	doc = xasprintf("<xsl:stylesheet version='1.0' "
			"xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
			"<xsl:output method='html'/>"
			"<xsl:template match='/'><p>custom <xsl:value-of "
			"select='/evidence/exhibits/exhibit[2]/item/text'/></p></xsl:template>"
			"</xsl:stylesheet>");
	unlink(xsl);
	tu_write(xsl, doc, strlen(doc));
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, out, "html", seal, &err), CS_OK);
	char *html = read_rel(out, "report.html", NULL);
	assert_non_null(strstr(html, "<p>custom My manager"));
	assert_null(strcasestr(html, "<script"));
	free(html);
	free(doc);
	free(out);
	free(target);
	free(xsl);
	fx_release(&fx);
}

/* The cells of one CSV record starting at *p (RFC 4180); advances *p. */
static size_t csv_record(const char **p, char cells[][512], size_t max)
{
	const char *s = *p;
	size_t n = 0;
	for (;;) {
		size_t len = 0;
		char *c = cells[n];
		if (*s == '"') {
			s++;
			for (;;) {
				if (*s == '"' && s[1] == '"') {
					c[len++] = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					assert_true(*s != '\0');
					c[len++] = *s++;
				}
			}
		} else {
			while (*s && *s != ',' && *s != '\r' && *s != '\n')
				c[len++] = *s++;
		}
		c[len] = '\0';
		n++;
		assert_true(n < max);
		if (*s == ',') {
			s++;
			continue;
		}
		assert_true(s[0] == '\r' && s[1] == '\n');
		s += 2;
		break;
	}
	*p = s;
	return n;
}

static void test_reports__csv_quoting_and_injection_guard(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "csv", seal);
	size_t n;
	char *csv = read_rel(out, "findings.csv", &n);
	assert_true(valid_utf8(csv, n));
	static char cells[32][512];
	const char *p = csv;
	assert_int_equal(csv_record(&p, cells, 32), 14);
	const char *hdr = "exhibit,created_at,local_time,category,severity,rule,kind,platform,id,"
			  "author,text,url,clauses,sha256\r\n";
	assert_memory_equal(csv, hdr, strlen(hdr));
	size_t rows = 0;
	while (*p) {
		assert_int_equal(csv_record(&p, cells, 32), 14);
		rows++;
		for (size_t i = 0; i < 14; i++)
			assert_null(strchr("=+-@\t\r", cells[i][0] ? cells[i][0] : 'x'));
		if (rows == 2) {
			assert_string_equal(cells[0], "E0002");
			assert_string_equal(cells[1], "2023-01-10T10:30:00Z");
			assert_string_equal(cells[4], "high");
			assert_non_null(strstr(cells[10], "\"quoted\", commas\r\nline2 =HYPERLINK"));
			assert_non_null(strstr(cells[10], "bad\\xFF\\xFE"));
			assert_string_equal(cells[12], "tameside-3; portsmouth-7");
		}
		if (rows == 4) {
			assert_string_equal(cells[10], "'=cmd|' /C calc'!A0");
			assert_string_equal(cells[1], "");
		}
	}
	assert_int_equal(rows, 4);
	/* the raw bytes of a guarded cell */
	assert_non_null(strstr(csv, ",'=cmd|' /C calc'!A0,"));
	free(csv);

	char *man = read_rel(out, "manifest.csv", &n);
	p = man;
	assert_int_equal(csv_record(&p, cells, 32), 6);
	assert_memory_equal(man, "source,path,size,sha256,mime,mtime\r\n", 36);
	rows = 0;
	while (*p) {
		assert_int_equal(csv_record(&p, cells, 32), 6);
		rows++;
		if (rows == 2) {
			assert_string_equal(cells[1], "data/tweets.js");
			assert_int_equal(strlen(cells[3]), 64);
			assert_string_equal(cells[5], "2023-01-10T10:30:01Z");
		}
		if (rows == 4) {
			assert_string_equal(cells[1], "'=HYPERLINK(\"http://evil\"),x\r\ny");
			assert_string_equal(cells[3], "");
		}
	}
	assert_int_equal(rows, 5);
	assert_non_null(strstr(man, "\"'=HYPERLINK(\"\"http://evil\"\"),x\r\ny\""));
	free(man);
	free(out);
	fx_release(&fx);
}

static void test_reports__csv_cell_guard(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-1", "'-1"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "\"'\rx\""},
		{"a,b", "\"a,b\""},
		{"say \"hi\"", "\"say \"\"hi\"\"\""},
		{"=a,\"b\"", "\"'=a,\"\"b\"\"\""},
		{"line\nbreak", "\"line\nbreak\""},
		{"bad\xff", "bad\\xFF"},
		{"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT(0);
		buf_add(&b, "", 0);
		rutil_csv_cell(&b, cases[i].in);
		assert_string_equal(b.p, cases[i].out);
		buf_release(&b);
	}
}

static void test_reports__exhibits_bytes_and_attachments(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	/* a second exhibit attached to the same entry: copied twice in one pass */
	struct item *it0 = fx.exhibits[0].item;
	item_add_attachment(it0, "media/1234-ab.JPG");
	item_set(&it0->attachments[0].entry, "data/tweets_media/1234-ab.JPG");
	memcpy(it0->attachments[0].sha256, fx.manifest[2].sha256, 32);
	char seal[65];
	char *out = write_bundle(&fx, "", seal);
	size_t n;
	char *b = read_rel(out, "exhibits/E0001-1.jpg", &n);
	assert_int_equal(n, strlen(FX_MEDIA));
	assert_memory_equal(b, FX_MEDIA, n);
	free(b);
	b = read_rel(out, "exhibits/E0001.html", &n);
	assert_int_equal(n, strlen(FX_RAW2));
	assert_memory_equal(b, FX_RAW2, n);
	free(b);
	b = read_rel(out, "exhibits/E0002.json", &n);
	assert_int_equal(n, strlen(FX_RAW1));
	assert_memory_equal(b, FX_RAW1, n);
	free(b);
	b = read_rel(out, "exhibits/E0003.json", &n);
	assert_memory_equal(b, FX_RAW3, n);
	free(b);
	b = read_rel(out, "exhibits/E0002-1.jpg", &n);
	assert_int_equal(n, strlen(FX_MEDIA));
	assert_memory_equal(b, FX_MEDIA, n);
	free(b);
	/* the attachment not found in the export has no file */
	char *p = xasprintf("%s/exhibits/E0002-2.png", out);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	free(out);
	fx_release(&fx);
}

static void test_reports__attachments_from_a_zip(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	/* the same export zipped, with a nested zip holding more media */
	char *tool = tu_tool("mkarchive");
	if (access(tool, X_OK) != 0) {
		free(tool);
		fx_release(&fx);
		skip();
	}
	char *inner_dir = xasprintf("%s/inner", fx.tmp);
	fx_write(inner_dir, "pics/p.png", "PNGDATA", 7);
	char *cmd = xasprintf("'%s' -o '%s/data/nested.zip' -C '%s' . && '%s' -o '%s/export.zip' -C '%s' .",
			      tool, fx.input, inner_dir, tool, fx.tmp, fx.input);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	char *zip = xasprintf("%s/export.zip", fx.tmp);
	fx.sources[0].path = zip;
	struct item *it = fx.exhibits[2].item;
	item_add_attachment(it, "p.png");
	item_set(&it->attachments[0].entry, "data/nested.zip!pics/p.png");
	EVP_Digest("PNGDATA", 7, it->attachments[0].sha256, NULL, EVP_sha256(), NULL);
	char seal[65];
	char *out = write_bundle(&fx, "", seal);
	size_t n;
	char *b = read_rel(out, "exhibits/E0002-1.jpg", &n);
	assert_memory_equal(b, FX_MEDIA, strlen(FX_MEDIA));
	free(b);
	b = read_rel(out, "exhibits/E0003-1.png", &n);
	assert_int_equal(n, 7);
	assert_memory_equal(b, "PNGDATA", 7);
	free(b);
	free(out);
	free(zip);
	free(inner_dir);
	free(tool);
	fx_release(&fx);
}

static void test_reports__attachment_names(void **state)
{
	(void)state;
	static const struct {
		const char *entry, *name;
	} cases[] = {
		{"media/a.JPG", "exhibits/E0007-1.jpg"},
		{"media/a.tar.Gz", "exhibits/E0007-1.gz"},
		{"media/noext", "exhibits/E0007-1.bin"},
		{"media/.hidden", "exhibits/E0007-1.bin"},
		{"media/a.verylongextension", "exhibits/E0007-1.bin"},
		{"media/a.j-p_g", "exhibits/E0007-1.jpg"},
		{"media/a.../../x", "exhibits/E0007-1.bin"},
		{"media.d/a.\xc3\xa9mp4", "exhibits/E0007-1.mp4"},
		{"x.zip!inner/v.MP4", "exhibits/E0007-1.mp4"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct item it;
		item_init(&it);
		item_add_attachment(&it, "ref");
		item_set(&it.attachments[0].entry, cases[i].entry);
		struct exhibit ex = {.item = &it};
		memcpy(ex.id, "E0007", 6);
		char *name = exhibit_attachment_name(&ex, 0);
		assert_string_equal(name, cases[i].name);
		free(name);
		assert_null(exhibit_attachment_name(&ex, 1));
		item_release(&it);
	}
	struct item it;
	item_init(&it);
	struct exhibit ex = {.item = &it};
	memcpy(ex.id, "E0012", 6);
	it.entry = xstrdup("posts/your_posts_1.HTM");
	char *name = exhibit_file_name(&ex);
	assert_string_equal(name, "exhibits/E0012.html");
	free(name);
	item_set(&it.entry, "data/tweets.js");
	name = exhibit_file_name(&ex);
	assert_string_equal(name, "exhibits/E0012.json");
	free(name);
	item_release(&it);
}

static void test_reports__changed_input_is_input_error(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	/* the media file changes after it was read */
	char *media = xasprintf("%s/data/tweets_media/1234-ab.JPG", fx.input);
	tu_write(media, "changed", 7);
	struct cs_error err = {0};
	char seal[65];
	char *out = fx_out(&fx, "out");
	assert_int_equal(bundle_write_formats(&fx.d, out, NULL, seal, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_INPUT);
	assert_non_null(strstr(err.msg, "changed during the run"));
	assert_int_equal(access(out, F_OK), -1);
	assert_false(fx_tmp_left(fx.tmp));
	/* the media file is gone */
	unlink(media);
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, out, NULL, seal, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_INPUT);
	assert_int_equal(access(out, F_OK), -1);
	free(media);
	free(out);
	fx_release(&fx);
}

static void test_reports__unknown_format_refused(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	struct cs_error err = {0};
	char seal[65];
	char *out = fx_out(&fx, "out");
	assert_int_equal(bundle_write_formats(&fx.d, out, "html,pdf", seal, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_USAGE);
	assert_int_equal(access(out, F_OK), -1);
	assert_int_equal(bundle_check_formats("csv,html", &err), CS_OK);
	assert_int_equal(bundle_check_formats("", &err), CS_OK);
	/* without html and csv, only the always-written files */
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, out, "", seal, &err), CS_OK);
	char *p = xasprintf("%s/report.html", out);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	p = xasprintf("%s/findings.csv", out);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	p = xasprintf("%s/manifest.csv", out);
	assert_int_equal(access(p, F_OK), 0);
	free(p);
	free(out);
	fx_release(&fx);
}

static void test_reports__segments_whole_characters(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	/* "zoë café": spans that cut into the two-byte ë and é, overlapping
	 * spans from two findings, and one past the end */
	struct exhibit *ex = &fx.exhibits[1];
	item_set(&ex->item->text, "zo\xc3\xab caf\xc3\xa9!");
	ex->findings.v[0].matches[0].start = 3;     /* inside ë */
	ex->findings.v[0].matches[0].end = 4;
	ex->findings.v[1].matches[0].start = 8;     /* é, and past the end */
	ex->findings.v[1].matches[0].end = 400;
	char seal[65];
	char *out = write_bundle(&fx, "", seal);
	size_t n;
	char *text = read_rel(out, "evidence.xml", &n);
	xmlDocPtr doc = xmlReadMemory(text, (int)n, "evidence.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/text", "zo\xc3\xab caf\xc3\xa9!");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/text/seg[@match='1'][1]", "\xc3\xab");
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/item/text/seg[@match='1'][2]", "\xc3\xa9!");
	/* the finding's own match keeps its offsets; its text is clamped */
	assert_xstr(doc, "/evidence/exhibits/exhibit[2]/finding[2]/match/@end", "400");
	xmlFreeDoc(doc);
	free(text);
	free(out);
	fx_release(&fx);
}

static void test_reports__clean_text(void **state)
{
	(void)state;
	char *c = rutil_cleans("ok \xc3\xa9 \xff \xed\xa0\x80 \xc0\xaf \x01\x7f", false);
	assert_string_equal(c, "ok \xc3\xa9 \\xFF \\xED\\xA0\\x80 \\xC0\\xAF \x01\x7f");
	free(c);
	c = rutil_cleans("tab\tnl\ncr\r ctl\x01\x1f \xef\xbf\xbe", true);
	assert_string_equal(c, "tab\tnl\ncr\r ctl\\x01\\x1F \\xEF\\xBF\\xBE");
	free(c);
	assert_null(rutil_cleans(NULL, true));
}

int main(void)
{
	/* the templates of this tree, not an installed copy */
	setenv("CONDUCTSCAN_DATADIR", ".", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports__json_schema_order_and_sharing),
		cmocka_unit_test(test_reports__xml_evidence_vocabulary),
		cmocka_unit_test(test_reports__html_no_script_and_escaped),
		cmocka_unit_test(test_reports__self_audit_addresses_the_employee),
		cmocka_unit_test(test_reports__html_in_parts),
		cmocka_unit_test(test_reports__no_exhibits_both_modes),
		cmocka_unit_test(test_reports__template_security_prefs),
		cmocka_unit_test(test_reports__csv_quoting_and_injection_guard),
		cmocka_unit_test(test_reports__csv_cell_guard),
		cmocka_unit_test(test_reports__exhibits_bytes_and_attachments),
		cmocka_unit_test(test_reports__attachments_from_a_zip),
		cmocka_unit_test(test_reports__attachment_names),
		cmocka_unit_test(test_reports__changed_input_is_input_error),
		cmocka_unit_test(test_reports__unknown_format_refused),
		cmocka_unit_test(test_reports__segments_whole_characters),
		cmocka_unit_test(test_reports__clean_text),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return r;
}

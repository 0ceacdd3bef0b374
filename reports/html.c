/*
 * report.html: an XSLT stylesheet (templates/report.xsl, self-audit.xsl,
 * or --template) applied to the evidence.xml just written, with libxslt.
 *
 * The stylesheet may be the user's own: libxslt's security preferences
 * (no file writes, no folder creation, no network reads or writes) are
 * made the defaults before it is parsed, since xsl:include and xsl:import
 * are checked at parse time, and every transform context inherits them.
 * Neither document is read with network access.
 *
 * Memory (issue 7): libxslt needs the whole input as a tree, and the
 * result as another, so the input is not evidence.xml itself but a copy
 * written for the purpose (report_xml_write with a quote length), in
 * which each exhibit's long strings are cut, saying how much they leave
 * out; the budget per exhibit shrinks as exhibits grow in number.  The
 * copy is parsed and removed at once, and the result is written straight
 * to report.html, never serialised in memory.
 */
#include "reports/report.h"

#include <libexslt/exslt.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxslt/imports.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reports/rutil.h"
#include "scanner/datadir.h"
#include "scanner/xalloc.h"

/* Bytes the report quotes of each string of an exhibit: REPORT_QUOTE_ALL
 * over all exhibits, within [REPORT_QUOTE_MIN, REPORT_QUOTE_MAX] each. */
#define REPORT_QUOTE_ALL (16u << 20)
#define REPORT_QUOTE_MIN (2u << 10)
#define REPORT_QUOTE_MAX (64u << 10)
#define INPUT_REL ".report-input.xml"

static size_t quote_length(size_t n_exhibits)
{
	size_t q = n_exhibits ? REPORT_QUOTE_ALL / n_exhibits : REPORT_QUOTE_MAX;
	return q < REPORT_QUOTE_MIN ? REPORT_QUOTE_MIN : q > REPORT_QUOTE_MAX ? REPORT_QUOTE_MAX : q;
}

/* What libxml2 and libxslt report (they write in pieces), for the message. */
static void collect_error(void *ctx, const char *fmt, ...)
{
	struct buf *b = ctx;
	if (b->len >= 600)
		return;
	va_list ap;
	va_start(ap, fmt);
	char tmp[512];
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	buf_adds(b, tmp);
}

/* The collected messages on one line, "a; b" (rewrites *b). */
static const char *one_line(struct buf *b)
{
	if (!b->len)
		return "the stylesheet failed";
	struct buf o = BUF_INIT(0);
	const char *p = b->p;
	while (*p) {
		size_t n = strcspn(p, "\r\n");
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n) {
			if (o.len)
				buf_adds(&o, "; ");
			buf_add(&o, p, n);
		}
		p += n;
		p += strspn(p, " \r\n");
	}
	buf_release(b);
	*b = o;
	return b->p ? b->p : "the stylesheet failed";
}

static int forbid(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	(void)sec, (void)ctxt, (void)value;
	return 0;
}

static xsltSecurityPrefsPtr security_defaults(void)
{
	xsltSecurityPrefsPtr sec = xsltNewSecurityPrefs();
	if (!sec)
		return NULL;
	/* xsltSecurityForbid would do; our own also keeps libxslt from
	 * printing its "forbidden" notice twice. */
	if (xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, forbid) != 0 ||
	    xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY, forbid) != 0 ||
	    xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK, forbid) != 0 ||
	    xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK, forbid) != 0) {
		xsltFreeSecurityPrefs(sec);
		return NULL;
	}
	xsltSetDefaultSecurityPrefs(sec);
	return sec;
}

/* What one transform needs. */
struct run {
	const struct bundle_data *d;
	const char *dir, *xsl_path;
	char *in_path;
	xsltStylesheetPtr style;
	struct buf *errbuf;
	char quoted[70];            /* 'sha256 of evidence.xml' */
};

/*
 * Writes the stylesheet's input (report_xml_write with o) and applies the
 * stylesheet to it with exhibit-pass = pass (NULL: not passed).  The input
 * is parsed and removed at once, and freed with the transform context
 * before *res is returned.
 */
static int transform(struct run *r, const struct report_xml_opts *o, const char *pass,
		     xmlDocPtr *res, struct cs_error *err)
{
	xmlDocPtr doc = NULL;
	xsltTransformContextPtr ctxt = NULL;
	int rc = CS_FATAL;
	*res = NULL;
	int wrc = report_xml_write(r->d, r->dir, INPUT_REL, o, err);
	if (wrc == CS_OK)
		/* our own file, possibly large: no parser size limits, still no network */
		doc = xmlReadFile(r->in_path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	unlink(r->in_path);
	if (wrc != CS_OK)
		goto out;
	if (!doc) {
		cs_error_set(err, EXIT_OUTPUT, "cannot read '%s': %s", r->in_path, one_line(r->errbuf));
		goto out;
	}
	const char *params[] = {"evidence-sha256", r->quoted, pass ? "exhibit-pass" : NULL, pass, NULL};
	ctxt = xsltNewTransformContext(r->style, doc);
	if (!ctxt) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s/report.html': out of memory", r->dir);
		goto out;
	}
	xsltSetTransformErrorFunc(ctxt, r->errbuf, collect_error);
	*res = xsltApplyStylesheetUser(r->style, doc, params, NULL, NULL, ctxt);
	if (!*res || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED) {
		cs_error_set(err, EXIT_USAGE, "cannot apply stylesheet '%s': %s", r->xsl_path,
			     one_line(r->errbuf));
		goto out;
	}
	rc = CS_OK;
out:
	if (rc != CS_OK && *res) {
		xmlFreeDoc(*res);
		*res = NULL;
	}
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (doc)
		xmlFreeDoc(doc);
	return rc;
}

/* 1 if the stylesheet (or one it imports) declares a global parameter
 * `name`: the stylesheet's promise to follow the protocol named by it. */
static bool declares(xsltStylesheetPtr style, const char *name)
{
	for (xsltStylesheetPtr s = style; s; s = xsltNextImport(s))
		for (xsltStackElemPtr v = s->variables; v; v = v->next)
			if (v->name && !v->nameURI && !strcmp((const char *)v->name, name))
				return true;
	return false;
}

/*
 * The report in parts, for a stylesheet that declares the exhibit-pass
 * parameter (templates/README.md): the frame (everything but the
 * exhibits' articles, with exhibits that carry no texts, and a comment
 * where the articles go), then the articles EXHIBITS_PER_PART exhibits at
 * a time, each part's result tree freed before the next is made.  So
 * libxslt's trees hold one part, not the whole report: the largest thing
 * a scan held with thousands of exhibits.  The bytes are those the whole
 * transform gives.
 *
 * A stylesheet that also declares exhibit-index has a frame that reads no
 * exhibit but the self-identifying ones (and exhibits/@count): its input
 * lists only those, and the rows of its index of exhibits, if it has one,
 * are made in parts too (pass 'index', INDEX_PER_PART at a time, where
 * the frame writes the comment conductscan-index).  Without that, the
 * frame's trees and the string it is serialised to grow with the number
 * of exhibits (issue 7: about 11 KB each).
 */
#define EXHIBITS_PER_PART 64
#define INDEX_PER_PART 512
#define MARKER "<!--conductscan-exhibits-->"
#define INDEX_MARKER "<!--conductscan-index-->"

/* Writes pass `pass` over every exhibit, `per` at a time: the children of
 * each part's root element, in order. */
static int write_pass(struct run *r, FILE *out, const char *out_path, const char *pass,
		      bool light, size_t per, struct cs_error *err)
{
	const struct bundle_data *d = r->d;
	struct report_xml_opts o = {quote_length(d->n_exhibits), light, true, 0, 0, false};
	xmlDocPtr res = NULL;
	for (size_t i = 0; i < d->n_exhibits && !ferror(out); i += per) {
		o.first = i;
		o.last = i + per;
		if (transform(r, &o, pass, &res, err) != CS_OK)
			return CS_FATAL;
		xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(out, NULL);
		xmlNodePtr root = xmlDocGetRootElement(res);
		for (xmlNodePtr n = root ? root->children : NULL; ob && n; n = n->next)
			htmlNodeDumpFormatOutput(ob, res, n, "UTF-8", 0);
		xmlFreeDoc(res);
		if (!ob || xmlOutputBufferClose(ob) < 0) {
			cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': cannot serialise the result",
				     out_path);
			return CS_FATAL;
		}
	}
	return CS_OK;
}

/* Where the frame's comment `marker` is: once (required), or at most once;
 * NULL when it is not there. */
static const char *find_marker(struct run *r, const char *frame, const char *marker,
			       bool required, struct cs_error *err, bool *bad)
{
	const char *at = strstr(frame, marker);
	if ((required && !at) || (at && strstr(at + 1, marker))) {
		cs_error_set(err, EXIT_USAGE, "cannot use stylesheet '%s': its frame pass must write "
			     "the comment '%.*s' %s", r->xsl_path, (int)strlen(marker) - 7, marker + 4,
			     required ? "once" : "at most once");
		*bad = true;
	}
	return at;
}

static int write_parts(struct run *r, bool index_parts, FILE *out, const char *out_path,
		       struct cs_error *err)
{
	const struct bundle_data *d = r->d;
	xmlDocPtr res = NULL;
	xmlChar *frame = NULL;
	int len = 0, rc = CS_FATAL;
	bool bad = false;
	struct report_xml_opts o = {quote_length(d->n_exhibits), true, false, 0, 0, index_parts};
	if (transform(r, &o, "'frame'", &res, err) != CS_OK)
		goto out;
	if (xsltSaveResultToString(&frame, &len, res, r->style) != 0 || !frame) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': cannot serialise the result",
			     out_path);
		goto out;
	}
	xmlFreeDoc(res);
	res = NULL;
	const char *f = (const char *)frame;
	/* With no exhibits there is nothing to put in: a stylesheet may leave
	 * out the section, and its comment with it. */
	const char *at = find_marker(r, f, MARKER, d->n_exhibits > 0, err, &bad);
	const char *ix = index_parts && !bad ? find_marker(r, f, INDEX_MARKER, false, err, &bad)
					     : NULL;
	if (bad)
		goto out;
	if (ix && at && ix > at) {
		cs_error_set(err, EXIT_USAGE, "cannot use stylesheet '%s': its frame pass must write "
			     "the index before the exhibits", r->xsl_path);
		goto out;
	}
	if (ix) {
		fwrite(f, 1, (size_t)(ix - f), out);
		if (write_pass(r, out, out_path, "'index'", true, INDEX_PER_PART, err) != CS_OK)
			goto out;
		f = ix + strlen(INDEX_MARKER);
	}
	if (at) {
		fwrite(f, 1, (size_t)(at - f), out);
		if (write_pass(r, out, out_path, "'exhibits'", false, EXHIBITS_PER_PART, err) != CS_OK)
			goto out;
		f = at + strlen(MARKER);
	}
	fwrite(f, 1, strlen(f), out);
	rc = CS_OK;
out:
	if (res)
		xmlFreeDoc(res);
	if (frame)
		xmlFree(frame);
	return rc;
}

static int write_html(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	static int exslt_registered;
	char *xsl_path = d->template_path ? xstrdup(d->template_path)
		       : datadir_path(d->mode && !strcmp(d->mode, "self-audit")
					      ? "templates/self-audit.xsl"
					      : "templates/report.xsl");
	char *xml_path = xasprintf("%s/evidence.xml", dir);
	char *out_path = NULL;
	FILE *out = NULL;
	struct buf errbuf = BUF_INIT(0);
	xsltSecurityPrefsPtr sec = NULL;
	xmlDocPtr style_doc = NULL, res = NULL;
	struct run r = {d, dir, xsl_path, xasprintf("%s/" INPUT_REL, dir), NULL, &errbuf, ""};
	int rc = CS_FATAL;

	if (!exslt_registered) {
		exsltRegisterAll();
		exslt_registered = 1;
	}
	/* Collect what libxml2 and libxslt report; put back whatever handlers
	 * were there before. */
	xmlGenericErrorFunc old_xml = xmlGenericError, old_xslt = xsltGenericError;
	void *old_xml_ctx = xmlGenericErrorContext, *old_xslt_ctx = xsltGenericErrorContext;
	xmlSetGenericErrorFunc(&errbuf, collect_error);
	xsltSetGenericErrorFunc(&errbuf, collect_error);

	if (!(sec = security_defaults())) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s/report.html': cannot set XSLT security",
			     dir);
		goto out;
	}
	style_doc = xmlReadFile(xsl_path, NULL, XSLT_PARSE_OPTIONS | XML_PARSE_NONET);
	if (!style_doc) {
		cs_error_set(err, EXIT_USAGE, "cannot read stylesheet '%s': %s", xsl_path,
			     one_line(&errbuf));
		goto out;
	}
	r.style = xsltParseStylesheetDoc(style_doc);
	if (!r.style || r.style->errors) {
		cs_error_set(err, EXIT_USAGE, "cannot use stylesheet '%s': %s", xsl_path,
			     one_line(&errbuf));
		goto out;
	}
	style_doc = NULL;   /* the stylesheet owns it now */

	unsigned char md[32];
	char hex[65];
	if (rutil_sha256_file(xml_path, md) != 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot read '%s'", xml_path);
		goto out;
	}
	rutil_hex(md, hex);
	snprintf(r.quoted, sizeof r.quoted, "'%s'", hex);

	if (declares(r.style, "exhibit-pass")) {
		if (!(out = rutil_create(dir, "report.html", &out_path, err)) ||
		    write_parts(&r, declares(r.style, "exhibit-index"), out, out_path, err) != CS_OK)
			goto out;
	} else {
		/* a stylesheet of the user's own: one transform of the whole */
		struct report_xml_opts o = {quote_length(d->n_exhibits), false, false, 0, 0, false};
		if (transform(&r, &o, NULL, &res, err) != CS_OK)
			goto out;
		if (!(out = rutil_create(dir, "report.html", &out_path, err)))
			goto out;
		if (xsltSaveResultToFile(out, res, r.style) < 0 && !ferror(out)) {
			cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': cannot serialise the result",
				     out_path);
			goto out;
		}
	}
	rc = rutil_close(out, out_path, err);
	out = NULL;
out:
	if (out)
		fclose(out);
	if (res)
		xmlFreeDoc(res);
	if (r.style)
		xsltFreeStylesheet(r.style);
	if (style_doc)
		xmlFreeDoc(style_doc);
	xsltSetDefaultSecurityPrefs(NULL);
	if (sec)
		xsltFreeSecurityPrefs(sec);
	xmlSetGenericErrorFunc(old_xml_ctx, old_xml);
	xsltSetGenericErrorFunc(old_xslt_ctx, old_xslt);
	buf_release(&errbuf);
	free(xsl_path);
	free(xml_path);
	free(r.in_path);
	free(out_path);
	return rc;
}

const struct report_ops report_html = {"html", "html", write_html};

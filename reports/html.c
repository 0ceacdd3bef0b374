/*
 * report.html: an XSLT stylesheet (templates/report.xsl, self-audit.xsl,
 * or --template) applied to the evidence.xml just written, with libxslt.
 *
 * The stylesheet may be the user's own: libxslt's security preferences
 * (no file writes, no folder creation, no network reads or writes) are
 * made the defaults before it is parsed, since xsl:include and xsl:import
 * are checked at parse time, and every transform context inherits them.
 * Neither document is read with network access.
 */
#include "reports/report.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "reports/rutil.h"
#include "scanner/datadir.h"
#include "scanner/xalloc.h"

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

static int write_html(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	static int exslt_registered;
	char *xsl_path = d->template_path ? xstrdup(d->template_path)
		       : datadir_path(d->mode && !strcmp(d->mode, "self-audit")
					      ? "templates/self-audit.xsl"
					      : "templates/report.xsl");
	char *xml_path = xasprintf("%s/evidence.xml", dir);
	char *out_path = xasprintf("%s/report.html", dir);
	struct buf errbuf = BUF_INIT(0);
	xsltSecurityPrefsPtr sec = NULL;
	xmlDocPtr style_doc = NULL, doc = NULL, res = NULL;
	xsltStylesheetPtr style = NULL;
	xsltTransformContextPtr ctxt = NULL;
	xmlChar *html = NULL;
	int html_len = 0;
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
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': cannot set XSLT security", out_path);
		goto out;
	}
	style_doc = xmlReadFile(xsl_path, NULL, XSLT_PARSE_OPTIONS | XML_PARSE_NONET);
	if (!style_doc) {
		cs_error_set(err, EXIT_USAGE, "cannot read stylesheet '%s': %s", xsl_path,
			     one_line(&errbuf));
		goto out;
	}
	style = xsltParseStylesheetDoc(style_doc);
	if (!style || style->errors) {
		cs_error_set(err, EXIT_USAGE, "cannot use stylesheet '%s': %s", xsl_path,
			     one_line(&errbuf));
		goto out;
	}
	style_doc = NULL;   /* the stylesheet owns it now */

	/* our own file, possibly large: no parser size limits, still no network */
	doc = xmlReadFile(xml_path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
	if (!doc) {
		cs_error_set(err, EXIT_OUTPUT, "cannot read '%s': %s", xml_path, one_line(&errbuf));
		goto out;
	}
	unsigned char md[32];
	char hex[65], quoted[70];
	if (rutil_sha256_file(xml_path, md) != 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot read '%s'", xml_path);
		goto out;
	}
	rutil_hex(md, hex);
	snprintf(quoted, sizeof quoted, "'%s'", hex);
	const char *params[] = {"evidence-sha256", quoted, NULL};

	ctxt = xsltNewTransformContext(style, doc);
	if (!ctxt) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': out of memory", out_path);
		goto out;
	}
	xsltSetTransformErrorFunc(ctxt, &errbuf, collect_error);
	res = xsltApplyStylesheetUser(style, doc, params, NULL, NULL, ctxt);
	if (!res || ctxt->state == XSLT_STATE_ERROR || ctxt->state == XSLT_STATE_STOPPED) {
		cs_error_set(err, EXIT_USAGE, "cannot apply stylesheet '%s': %s", xsl_path,
			     one_line(&errbuf));
		goto out;
	}
	if (xsltSaveResultToString(&html, &html_len, res, style) != 0 || html_len < 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': cannot serialise the result",
			     out_path);
		goto out;
	}
	rc = rutil_write_file(dir, "report.html", html ? (const void *)html : "", (size_t)html_len,
			      err);
out:
	if (html)
		xmlFree(html);
	if (res)
		xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (doc)
		xmlFreeDoc(doc);
	if (style)
		xsltFreeStylesheet(style);
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
	free(out_path);
	return rc;
}

const struct report_ops report_html = {"html", "html", write_html};

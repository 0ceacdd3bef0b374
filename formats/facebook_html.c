/* Facebook HTML exports.  The parser is issue 4's work; until it lands this
 * format recognises the layouts (for inspect) and claims no entry. */
#include "formats/format.h"

#include "scanner/error.h"

static const struct layout_anchor anchors[] = {
	{"start_here.html", "facebook-html-2024"},
	{"index.html", "facebook-html-2019"},
	{NULL, NULL},
};

static int bid(const char *path, const unsigned char *head, size_t len)
{
	(void)path, (void)head, (void)len;
	return 0;
}

static int parse(struct format_ctx *fc, struct entry_stream *in)
{
	(void)fc, (void)in;
	return CS_OK;
}

const struct format_ops format_facebook_html = {
	.name = "facebook-html",
	.platform = "facebook-html",
	.anchors = anchors,
	.bid = bid,
	.parse = parse,
};

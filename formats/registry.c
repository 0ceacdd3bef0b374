#include "formats/registry.h"

#include <fnmatch.h>
#include <string.h>

extern const struct format_ops format_twitter;
extern const struct format_ops format_facebook_json;
extern const struct format_ops format_facebook_html;

/*
 * Table order is bid order for ties and anchor order for layouts.  The
 * cheapest bids come first: Twitter's look only at the path and a "window."
 * prefix; Facebook JSON at the path and a '{' or '['; Facebook HTML last,
 * since telling an export page from any HTML file needs the most bytes.
 */
static const struct format_ops *const formats[] = {
	&format_twitter,
	&format_facebook_json,
	&format_facebook_html,
};

const struct format_ops *const *registry_formats(size_t *n)
{
	*n = sizeof formats / sizeof *formats;
	return formats;
}

const struct format_ops *registry_find(const char *name)
{
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const struct format_ops *registry_choose(const char *path, const unsigned char *head,
					 size_t head_len, const struct format_ops **tie)
{
	const struct format_ops *best = NULL;
	int best_bid = 0;
	*tie = NULL;
	for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
		int b = formats[i]->bid(path, head, head_len);
		if (b > best_bid) {
			best = formats[i];
			best_bid = b;
			*tie = NULL;
		} else if (b > 0 && b == best_bid && !*tie) {
			*tie = formats[i];
		}
	}
	return best;
}

static const char *inner_path(const char *path)
{
	/* A nested archive's entries: the layout is that of the inner export. */
	const char *bang = strrchr(path, '!');
	return bang ? bang + 1 : path;
}

int registry_anchor_matches(const char *path, const char *anchor)
{
	/* Without FNM_PATHNAME a star spans folders. */
	return fnmatch(anchor, path, 0) == 0;
}

/* Length of the single top folder ("name/") all paths share, or 0. */
static size_t top_folder_len(const char *const *paths, size_t n)
{
	size_t len = 0;
	const char *first = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *p = inner_path(paths[i]);
		const char *slash = strchr(p, '/');
		if (!slash)
			return 0;   /* a file at the root: no wrapper folder */
		size_t l = (size_t)(slash - p) + 1;
		if (!first) {
			first = p;
			len = l;
		} else if (l != len || strncmp(p, first, l) != 0) {
			return 0;
		}
	}
	return len;
}

/* The first anchor, in table order, that a path matches with `strip`
 * leading bytes removed. */
static const char *match_anchors(const char *const *paths, size_t n, size_t strip,
				 const struct format_ops **format)
{
	for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
		const struct layout_anchor *a = formats[f]->anchors;
		for (; a && a->path; a++)
			for (size_t i = 0; i < n; i++)
				if (registry_anchor_matches(inner_path(paths[i]) + strip, a->path)) {
					*format = formats[f];
					return a->layout;
				}
	}
	return NULL;
}

const char *registry_layout(const char *const *paths, size_t n, const struct format_ops **format)
{
	*format = NULL;
	/* As stored first: "data/" is the top folder of a Twitter archive
	 * that holds nothing else.  Then without a wrapper folder that every
	 * entry shares ("facebook-jsmith-2024-05-01/"). */
	const char *layout = match_anchors(paths, n, 0, format);
	size_t strip = top_folder_len(paths, n);
	if (!layout && strip)
		layout = match_anchors(paths, n, strip, format);
	return layout;
}

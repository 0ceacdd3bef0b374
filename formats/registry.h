#ifndef CS_REGISTRY_H
#define CS_REGISTRY_H
/*
 * The one ordered table of formats (formats/registry.c), and the choice of
 * a format for an entry.
 */
#include <stddef.h>

#include "formats/format.h"

/* The formats in table order; *n set to their number. */
const struct format_ops *const *registry_formats(size_t *n);
/* The format named `name`, or NULL. */
const struct format_ops *registry_find(const char *name);

/*
 * The format with the highest bid for this entry, or NULL if none bids.
 * A tie between the best bids sets *tie to the other format (the first in
 * table order is returned): the caller records it, it is never silent.
 */
const struct format_ops *registry_choose(const char *path, const unsigned char *head,
					 size_t head_len, const struct format_ops **tie);

/*
 * The layout of an export from the paths of its entries: for each format in
 * table order, its anchors in order; the first anchor some path matches
 * wins.  Paths are as recorded; a single top folder and "outer.zip!"
 * prefixes are ignored.  NULL if no anchor matches; *format set to the
 * format that named it.
 */
const char *registry_layout(const char *const *paths, size_t n, const struct format_ops **format);

/* 1 if `path`, relative to the export root, matches `anchor` (see
 * struct layout_anchor). */
int registry_anchor_matches(const char *path, const char *anchor);

#endif

#ifndef CS_EXHIBITS_H
#define CS_EXHIBITS_H
/*
 * Collecting the evidence of a scan: the items with findings, in the
 * SPEC's exhibit order, numbered; and the bounded store of post texts that
 * gives a reply its parent's text as context.
 *
 * Exhibit order (SPEC "Exhibits"): created_at (items without a time last),
 * then source index, entry path (bytewise), then ordinal within the entry.
 * Numbers follow that order: E0001, E0002, ... at least four digits.  So
 * the numbering depends on the input alone, never on the order items
 * arrived in or on the number of threads.
 */
#include <stddef.h>
#include <stdint.h>

#include "formats/format.h"
#include "reports/report.h"
#include "scanner/policy/policy.h"

struct exhibit_set {
	struct exhibit *v;
	size_t n, cap;
};

/* Replaces the item's borrowed raw bytes (valid only while format_emit
 * runs) with a heap copy the item then owns. */
void exhibit_own_raw(struct item *it);
/* Frees an item whose raw bytes it owns. */
void exhibit_item_free(struct item *it);
/* Adds an item whose raw bytes it owns (exhibit_own_raw), and its
 * findings (moved: *f is left empty).  Both belong to the set from now on. */
void exhibit_set_add(struct exhibit_set *s, struct item *it, struct finding_list *f);
/* Sorts into exhibit order, numbers them and sorts each exhibit's findings
 * by rule id. */
void exhibit_set_finish(struct exhibit_set *s);
void exhibit_set_release(struct exhibit_set *s);

/* Compares two items by exhibit order. */
int exhibit_item_cmp(const struct item *a, const struct item *b);

/*
 * Texts of posts by id, to give replies their parent's text.  Only texts
 * some reply asked for are kept: context_store_want() records each
 * in_reply_to as items are read, and context_store_add() keeps a text only
 * if its id is wanted by then.  Archives list the newest first, so a reply
 * is read before its parent; a parent read before its reply is missed (the
 * reply is shown without it), which costs nothing but context.  Memory is
 * bounded by max_bytes, overhead included.
 */
struct context_store {
	void *wanted;           /* tsearch(3) tree of wanted ids */
	struct context_entry {
		char *id;
		char *text;
		size_t seq;
	} *v;
	size_t n, cap;
	size_t bytes, max_bytes;
	int sorted;
	int full;               /* texts were left out: the cap was reached */
};
void context_store_init(struct context_store *c, size_t max_bytes);
void context_store_want(struct context_store *c, const char *id);
void context_store_add(struct context_store *c, const char *id, const char *text);
/* The text of post `id`, or NULL (borrowed until release). */
const char *context_store_get(struct context_store *c, const char *id);
void context_store_release(struct context_store *c);

#endif

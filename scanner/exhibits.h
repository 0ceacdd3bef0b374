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
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/format.h"
#include "reports/report.h"
#include "scanner/policy/policy.h"

struct spool;

struct exhibit_set {
	struct exhibit *v;
	size_t n, cap;
	void *entries;          /* tsearch(3) tree: one copy of each stowed exhibit's entry path */
	int worst;              /* the worst severity of any finding; -1: none */
};

/* Replaces the item's borrowed raw bytes (valid only while format_emit
 * runs) with a heap copy the item then owns. */
void exhibit_own_raw(struct item *it);
/* Frees an item whose raw bytes it owns. */
void exhibit_item_free(struct item *it);
/*
 * Puts an item that is to become an exhibit, and its findings, into the
 * spool (issue 7: memory must not grow with the number of exhibits): its
 * raw bytes, and one record holding every field of the item and every
 * finding (sorted by rule id here), which exhibit_load() (reports/report.h)
 * reads back one exhibit at a time.  Memory then keeps about a hundred
 * bytes per exhibit: the sort key, where the record is, a few flags.  Call
 * it before exhibit_set_add, outside any lock: it writes.  *stow: NULL when
 * sp is NULL (everything stays in memory).  CS_OK, or CS_FATAL with the
 * spool's error (spool_error): the item is then left as it was.
 */
int exhibit_stow(struct spool *sp, struct item *it, struct finding_list *f,
		 struct exhibit_stow **stow);
/* Adds an item whose raw bytes it owns (exhibit_own_raw), with its stow
 * (may be NULL) and its findings (moved: *f is left empty).  With a stow,
 * the item and the findings are freed at once (the record has them) and
 * the exhibit's item is NULL until exhibit_load. */
void exhibit_set_add(struct exhibit_set *s, struct item *it, struct exhibit_stow *stow,
		     struct finding_list *f);
/* Sorts into exhibit order, numbers them and sorts each exhibit's findings
 * by rule id. */
void exhibit_set_finish(struct exhibit_set *s);
void exhibit_set_release(struct exhibit_set *s);
/* The worst severity of any finding in the set; -1: none. */
int exhibit_set_worst(const struct exhibit_set *s);

/* What the end of the run asks of every exhibit without loading it: a
 * self_identification finding; a reply without a context of its own.
 * (And exhibit_has_attachments, reports/report.h.) */
bool exhibit_self_identifies(const struct exhibit *x);
bool exhibit_wants_context(const struct exhibit *x);
/* Writes a loaded exhibit's item and findings, as changed since
 * exhibit_load (with max 0), back to the spool.  CS_OK, or CS_FATAL with
 * EXIT_OUTPUT.  No-op without a stow. */
int exhibit_save(struct exhibit *x, struct cs_error *err);

/* Compares two items by exhibit order. */
int exhibit_item_cmp(const struct item *a, const struct item *b);

/*
 * Texts of posts by id, to give replies their parent's text.  Only texts
 * some reply asked for are kept: context_store_want() records each
 * in_reply_to as items are read, and context_store_add() keeps a text only
 * if its id is wanted by then.  Archives list the newest first, so a reply
 * is read before its parent; a parent read before its reply is missed (the
 * reply is shown without it), which costs nothing but context.  The texts
 * go to the spool, memory holds ids and offsets; max_bytes bounds both
 * together, overhead included.
 */
struct context_store {
	void *wanted;           /* tsearch(3) tree of wanted ids */
	struct context_entry {
		char *id;
		uint64_t off;   /* in the spool */
		size_t len;
		size_t seq;
	} *v;
	size_t n, cap;
	size_t bytes, max_bytes;
	struct spool *spool;
	int sorted;
	int full;               /* texts were left out: the cap was reached */
	int failed;             /* the spool failed: see spool_error */
};
void context_store_init(struct context_store *c, size_t max_bytes, struct spool *spool);
void context_store_want(struct context_store *c, const char *id);
void context_store_add(struct context_store *c, const char *id, const char *text);
/* Where the text of post `id` is in the spool: 1, or 0 when not kept. */
int context_store_find(struct context_store *c, const char *id, uint64_t *off, size_t *len);
void context_store_release(struct context_store *c);

#endif

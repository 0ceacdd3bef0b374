#ifndef CS_PIPELINE_H
#define CS_PIPELINE_H
/*
 * Reading a run's INPUTs: source -> registry -> formats -> items.
 *
 * Each INPUT is opened in turn; each entry is read once, hashed, and handed
 * to the format with the highest bid.  Items go to opts.item (which owns
 * them) in reading order; their position (source, entry index, ordinal) is
 * what every writer sorts by.  After the last entry the result holds the
 * sources with their platform and layout, the manifest rows, the warnings,
 * the account and the counts per kind.
 *
 * Several INPUTs are parts of one export: a platform recognised in one and
 * another platform in the next is EXIT_USAGE ("scan each separately").
 */
#include <stdint.h>

#include "formats/format.h"
#include "reports/report.h"
#include "scanner/error.h"
#include "scanner/source.h"
#include "scanner/warnings.h"

/*
 * The largest JSON element or HTML item held in memory (--max-element):
 * the default, and the most a user may ask for.  Judging an item costs
 * about six times its size (normalised text, offset maps, matches) on top
 * of what reading it holds, so 16 MiB keeps a scan of elements that size
 * near 160 MiB resident, under the 256 MiB every scan must stay within
 * (issue 7).  A larger element is skipped with an "element-too-large"
 * warning naming the entry and its offset.
 */
#define PIPELINE_MAX_ELEMENT ((size_t)16 << 20)

struct pipeline_opts {
	const char *const *inputs;
	size_t n_inputs;
	struct source_limits limits;
	size_t element_cap;                     /* 0: PIPELINE_MAX_ELEMENT; never more */
	unsigned jobs;                          /* -j: above 1, JSON is decoded on a
	                                           thread beside the reading one
	                                           (format_jobs); 0: CPUs */
	int (*item)(void *arg, struct item *it);    /* owns it; CS_OK or CS_FATAL */
	void *arg;
};

struct pipeline_result {
	struct source_info *sources;            /* owned strings */
	size_t n_sources;
	struct manifest_row *manifest;
	size_t n_manifest, cap_manifest;
	struct warnings warnings;
	struct account account;
	const char *platform;                   /* NULL: nothing recognised */
	uint64_t counts[ITEM_KIND_COUNT];
	uint64_t entries;                       /* entries read in all */
};

/* CS_OK, or CS_FATAL with err set; r is filled as far as the run got
 * and must be released either way. */
int pipeline_run(const struct pipeline_opts *o, struct pipeline_result *r, struct cs_error *err);
void pipeline_result_release(struct pipeline_result *r);

/*
 * Matches each of the item's attachment refs to an entry of the run: the
 * exact recorded path, else a path ending in the ref (at a folder
 * boundary, after dropping leading "./" and any top folder of the ref),
 * else the same file name; the first such entry in reading order wins.
 * Sets attachment.entry and .sha256; refs matching nothing stay unset.
 */
struct pipeline_index;
/* An index of r's manifest for the matching below (r borrowed: it must
 * outlive the index). */
struct pipeline_index *pipeline_index_new(const struct pipeline_result *r);
void pipeline_index_free(struct pipeline_index *ix);
void pipeline_resolve_attachments(const struct pipeline_index *ix, struct item *it);

#endif

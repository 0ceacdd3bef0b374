#ifndef CS_BUNDLE_H
#define CS_BUNDLE_H
/*
 * The bundle folder (--out): written whole in a temporary folder beside
 * it, ".<base>.tmp-XXXXXX" in the same parent, and renamed into place at
 * the end, so a failure or an interrupt never leaves a partial bundle and
 * an occupied --out is never touched.
 *
 *   bundle_install_signal_cleanup();            once, early in main
 *   bundle_check_out(out, err);                 before reading any input
 *   ... the pipeline fills struct bundle_data ...
 *   bundle_write_all(&d, out, html, csv, seal, err);
 *   printf("seal %s\n", seal);
 *
 * The out-of-memory handler calls bundle_abort_current().
 */
#include <stdbool.h>

#include "reports/report.h"
#include "scanner/error.h"

/*
 * Checks --format's list ("html,csv", "", "none", "csv"): every name must
 * enable some writer.  EXIT_USAGE otherwise.  NULL is the SPEC default.
 */
int bundle_check_formats(const char *formats, struct cs_error *err);

/*
 * Writes the whole bundle atomically: bundle_begin, every writer that is
 * always on or whose format is enabled, SHA256SUMS, bundle_commit.  On any
 * failure the temporary folder is removed and out_dir is left as it was.
 * seal: the SHA-256 of SHA256SUMS in lowercase hex, to print at the end.
 * CS_OK, or CS_FATAL with err: EXIT_USAGE (occupied --out, unknown format,
 * a stylesheet that cannot be used), EXIT_INPUT (an attachment changed
 * during the run), EXIT_OUTPUT (cannot create or write).
 *
 * bundle_write_formats takes --format's comma list (NULL: "html,csv"; ""
 * or "none": only the files always written); bundle_write_all the two
 * switches the SPEC has today.
 */
int bundle_write_formats(const struct bundle_data *d, const char *out_dir, const char *formats,
			 char seal[65], struct cs_error *err);
int bundle_write_all(const struct bundle_data *d, const char *out_dir, bool html, bool csv,
		     char seal[65], struct cs_error *err);

/* Refuses, before anything is read, an out_dir that bundle_begin would
 * refuse (EXIT_USAGE: exists and is not an empty folder; no name). */
int bundle_check_out(const char *out_dir, struct cs_error *err);

/*
 * The steps bundle_write_all takes, for callers that want them apart.
 *
 * bundle_begin: refuses (EXIT_USAGE, nothing touched) an out_dir that
 * exists and is not an empty folder (a link to one is refused too), then
 * creates the temporary folder "<parent>/.<base>.tmp-XXXXXX" beside it
 * (*tmp: a new string) and arms the signal cleanup with it.
 * bundle_commit: puts every file and folder on stable storage (one
 * syncfs of tmp's file system, else an fsync of each), renames tmp to out_dir
 * (replacing an empty out_dir; refused if out_dir became occupied), fsyncs
 * the parent and disarms the cleanup.  On failure the caller aborts.
 * bundle_abort: removes tmp recursively, never following links, and
 * disarms the cleanup.  tmp NULL is a no-op.
 */
int bundle_begin(const char *out_dir, char **tmp, struct cs_error *err);
int bundle_commit(const char *tmp, const char *out_dir, struct cs_error *err);
void bundle_abort(const char *tmp);

/*
 * SIGINT and SIGTERM remove the temporary folder in progress and exit
 * 130 / 143.  The handler itself does the removal with async-signal-safe
 * calls only (openat, getdents64, unlinkat on a path kept in a static
 * buffer), so it works even while the main flow is blocked in a write;
 * a flag polled by the main flow would not.  Call once, early in main.
 */
void bundle_install_signal_cleanup(void);
/* Removes the temporary folder in progress, if any (async-signal-safe):
 * for the out-of-memory handler.  bundle_abort_current is the same. */
void bundle_cleanup_now(void);
void bundle_abort_current(void);

/* Test hook: a writer run after the enabled ones (NULL: none). */
void bundle_set_test_writer(const struct report_ops *w);

#endif

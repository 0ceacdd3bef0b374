#ifndef CS_SPOOL_H
#define CS_SPOOL_H
/*
 * An append-only spool file for the bulk of a scan's evidence: the
 * exhibits' original bytes, their long texts, the post texts kept for
 * replies.  Memory then holds offsets, not bytes, whatever the export's
 * size (issue 7: the scan stays under 256 MiB resident).
 *
 * The file is created unlinked (O_TMPFILE, else created and unlinked at
 * once) in the folder that will hold the bundle, so it costs disk space
 * where the bundle is written anyway, is never seen by anyone, and
 * disappears with the process however it ends (SIGKILL included).
 *
 * Thread-safe: spool_put reserves its range under a lock and writes with
 * pwrite, so workers spool side by side; spool_get is pread.
 */
#include <stddef.h>
#include <stdint.h>

#include "scanner/error.h"

struct spool;

/* A spool beside `out_dir`, in the folder that will hold the bundle.
 * NULL with EXIT_OUTPUT when it cannot be made. */
struct spool *spool_new(const char *out_dir, struct cs_error *err);
/*
 * Appends n bytes; *off: where they are.  CS_OK, or CS_FATAL with the
 * error kept on the spool (spool_error) and returned by every later call:
 * a full disk must stop the run with its cause, whichever thread hit it.
 */
int spool_put(struct spool *s, const void *p, size_t n, uint64_t *off);
/* Reads n bytes at off into p.  CS_OK or CS_FATAL (spool_error). */
int spool_get(struct spool *s, uint64_t off, void *p, size_t n);
/* The first failure, EXIT_OUTPUT; status 0 while there is none. */
const struct cs_error *spool_error(const struct spool *s);
/* Bytes appended so far. */
uint64_t spool_size(const struct spool *s);
void spool_free(struct spool *s);

#endif

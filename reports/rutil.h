#ifndef CS_RUTIL_H
#define CS_RUTIL_H
/*
 * Helpers the writers in reports/ share (not for use outside reports/ and
 * its tests): creating files in the bundle with every error reported,
 * hashing, making text safe for the formats written, listing a folder.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/error.h"
#include "scanner/policy/policy.h"

/*
 * Creates dir/rel for writing (refusing one that exists, O_EXCL, never
 * following a link), mode 0666 less the umask.  *path: a new string
 * "dir/rel" for messages.  NULL with EXIT_OUTPUT on failure.
 */
FILE *rutil_create(const char *dir, const char *rel, char **path, struct cs_error *err);
/* Flushes and closes f; any error so far is EXIT_OUTPUT naming path.  f
 * NULL is CS_OK.  (Files are synced once, all together, by bundle_commit
 * before the rename: fsyncing each would cost a journal commit per file.) */
int rutil_close(FILE *f, const char *path, struct cs_error *err);
/* Writes bytes to dir/rel in one go (create, write, close). */
int rutil_write_file(const char *dir, const char *rel, const void *p, size_t n,
		     struct cs_error *err);

/* SHA-256 of a file's bytes.  -1 with errno set when it cannot be read. */
int rutil_sha256_file(const char *path, unsigned char md[32]);
void rutil_sha256(const void *p, size_t n, unsigned char md[32]);
void rutil_hex(const unsigned char md[32], char hex[65]);

/*
 * Valid UTF-8 for output, as a new string: every byte that is not part of
 * a valid UTF-8 sequence is written "\xNN" (visible, never silently
 * dropped).  With `xml`, characters XML 1.0 cannot hold (C0 controls other
 * than tab, LF and CR; U+FFFE, U+FFFF) are written "\xNN" as well.
 * s NULL gives NULL.
 */
char *rutil_clean(const char *s, size_t len, bool xml);
static inline char *rutil_cleans(const char *s, bool xml)
{
	return s ? rutil_clean(s, strlen(s), xml) : NULL;
}

/* One CSV cell (RFC 4180): NULL is empty; text made valid UTF-8; a cell
 * beginning with = + - @ tab or CR prefixed with '; quoted when it holds
 * a comma, a quote, CR or LF (quotes doubled). */
void rutil_csv_cell(struct buf *b, const char *s);

/* "info", "low", "medium", "high" (not the engine's: the writers must not
 * depend on it). */
const char *rutil_severity_name(enum severity s);

/*
 * Every regular file below dir as a relative path ("exhibits/E0001.json"),
 * sorted bytewise; anything that is neither a file nor a folder (links
 * included: never followed) goes to `others` (may be NULL: then it is an
 * error).  EXIT_OUTPUT or `fail_status` when dir cannot be read.
 */
int rutil_list_files(const char *dir, struct strlist *files, struct strlist *others,
		     int fail_status, struct cs_error *err);

#endif

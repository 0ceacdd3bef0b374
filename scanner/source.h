#ifndef CS_SOURCE_H
#define CS_SOURCE_H
/*
 * The source layer: one INPUT (an archive libarchive reads, or a folder),
 * its entries streamed once, every byte hashed on the way.
 *
 *   src = source_open(...);
 *   while ((r = source_next(src, &e, err)) == 1) {
 *       head = source_head(src, &n);            first bytes, for bids and MIME
 *       ... format->parse(fc, source_stream(src)) ...
 *       source_entry_finish(src, &row, err);    drains and hashes the rest
 *   }
 *
 * The input is never modified: files are opened read-only (O_NOATIME where
 * the kernel allows, so even the access time stays).  Links and devices are
 * recorded, never followed or read through.  Entry names are only ever
 * recorded: "..", absolute names and links never touch the file system.
 *
 * An archive inside the export (a zip in a zip) is read as part of it up to
 * limits.max_depth, spooled to a capped temporary file (libarchive needs to
 * seek in zips and 7z); its entries are named "outer.zip!inner/path".
 *
 * Safety limits: exceeding max_entry_size, max_total, max_entries or
 * max_ratio is CS_FATAL with EXIT_INPUT naming the entry and the limit (the
 * run cannot be trusted to go on: it is what a decompression bomb does).
 * An archive nested deeper than max_depth is a warning: it is hashed as a
 * file and not opened.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "reports/report.h"
#include "scanner/error.h"
#include "scanner/stream.h"
#include "scanner/warnings.h"

struct source_limits {
	uint64_t max_entry_size;    /* bytes of one uncompressed entry */
	uint64_t max_total;         /* bytes of all entries of one run */
	uint64_t max_entries;       /* entries of one run */
	uint64_t max_ratio;         /* uncompressed : compressed of one entry, checked past 1 MiB */
	unsigned max_depth;         /* archives inside archives: 0 never opens one */
};

/* 8 GiB per entry, 64 GiB in all, 1,000,000 entries, ratio 200, depth 2. */
void source_limits_default(struct source_limits *l);

/* The current entry, borrowed until the next source_next. */
struct source_entry {
	unsigned index;             /* n-th entry of this source, from 0 */
	const char *path;           /* as recorded (see struct manifest_row) */
	enum entry_type type;
	int64_t declared_size;      /* -1: not declared */
	int64_t mtime;
	bool has_mtime;
	const char *link;           /* link target, or NULL */
	bool encrypted;
	unsigned depth;             /* 0: an entry of the INPUT itself */
};

struct source;

/*
 * Opens an INPUT: hashes the file (or walks the folder), detects what it
 * is.  Errors: EXIT_INPUT ("cannot open 'x': ...", "not a supported export
 * 'x': ...").  Warnings go to w.  total_read and entries_read are shared by
 * all sources of a run so that the run-wide limits hold across them.
 */
struct source *source_open(const char *input, unsigned source_index,
			   const struct source_limits *lim, struct warnings *w,
			   uint64_t *total_read, uint64_t *entries_read, struct cs_error *err);
/*
 * The same for a second pass that only copies entries out (the bundle's
 * media exhibits): the INPUT file is not hashed, so source_finish_info and
 * source_get_info's hash mean nothing; what is copied is checked against
 * the hashes the first pass recorded.  An entry left without
 * source_entry_finish is skipped unread (libarchive seeks past it where
 * the archive allows).
 */
struct source *source_open_unhashed(const char *input, const struct source_limits *lim,
				    struct warnings *w, uint64_t *total_read,
				    uint64_t *entries_read, struct cs_error *err);
/* 1: *e is the next entry.  0: no more.  -1: CS_FATAL, err set. */
int source_next(struct source *s, const struct source_entry **e, struct cs_error *err);
/* Up to the first 4096 bytes of the current entry (already hashed). */
const unsigned char *source_head(struct source *s, size_t *n);
/* The current entry's bytes, from its first byte (the head included). */
struct entry_stream *source_stream(struct source *s);
/* Reads and hashes what the format left, fills row (path, size, sha256,
 * mime, mtime, type, link).  CS_OK, CS_FAILED (the entry could not be read
 * to its end: a warning says so, row->hashed false) or CS_FATAL (a limit). */
int source_entry_finish(struct source *s, struct manifest_row *row, struct cs_error *err);
/* 1 if the entry just finished was an archive now opened as part of the
 * export (its entries follow, named "entry!inner"). */
int source_entry_opened(const struct source *s);
/* Completes the INPUT's record once every entry is read: a folder's hash
 * is over its entries' "sha256  path" lines; a file's is taken from the
 * thread that hashed it while libarchive read it.  CS_FATAL (EXIT_INPUT)
 * if the file could not be read to its end. */
int source_finish_info(struct source *s, struct cs_error *err);
/* The INPUT's record (path, type, size, sha256, mime, entries), borrowed
 * until source_close. */
void source_get_info(const struct source *s, struct source_info *info);
void source_close(struct source *s);

/*
 * Copies one entry of an INPUT, named as in the manifest (nested names
 * included), to out_fd, and gives the SHA-256 of what was copied: the
 * bundle's media exhibits.  The caller compares the hash with the
 * manifest's.  EXIT_INPUT if the entry is not found or cannot be read.
 */
int source_copy_entry(const char *input, const char *entry_path, const struct source_limits *lim,
		      int out_fd, unsigned char sha256[32], struct cs_error *err);

/* Lowercase hex of a SHA-256 into hex[65]. */
void sha256_hex(const unsigned char md[32], char hex[65]);

#endif

#ifndef CS_TESTUTIL_H
#define CS_TESTUTIL_H
/*
 * Shared test helpers: cmocka's headers in the order it needs, running the
 * binary, temporary folders, files and hashes.  Tests run from the top
 * folder; make check sets CS_BIN (the binary), CS_TOOLS (mkarchive) and
 * CS_SAMPLES (the built sample archives).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "formats/format.h"
#include "scanner/error.h"

/* Runs `CS_BIN args...` (NULL-terminated), capturing stdout and stderr
 * (each NUL-terminated, caller frees).  Returns the exit status, or -1. */
int tu_run(char **out, char **err, const char *arg, ...);
/* Same with an argv array. */
int tu_runv(char **out, char **err, const char *const *argv);
/* A new empty folder under $TMPDIR; caller frees, tu_rmrf removes. */
char *tu_tmpdir(void);
void tu_rmrf(const char *path);
/* Writes or reads a whole file (read: NUL-terminated, caller frees). */
void tu_write(const char *path, const void *p, size_t n);
char *tu_read(const char *path, size_t *n);
/* Lowercase hex SHA-256 of bytes. */
void tu_sha256_hex(const void *p, size_t n, char hex[65]);
/* Path of a built sample or tool: $CS_SAMPLES/name, $CS_TOOLS/name. */
char *tu_sample(const char *name);
char *tu_tool(const char *name);

/* Collects items emitted through a format context. */
struct tu_items {
	struct item **v;
	size_t n, cap;
};
int tu_items_emit(void *arg, struct item *it);
void tu_items_release(struct tu_items *l);
/* The first item of that kind with that id, or NULL. */
struct item *tu_items_find(const struct tu_items *l, enum item_kind kind, const char *id);
size_t tu_items_count(const struct tu_items *l, enum item_kind kind);

/* Parses a buffer as entry `entry` with format ops, collecting items and
 * warnings into a new context the caller frees with format_ctx_free. */
struct format_ctx *tu_parse_buffer(const struct format_ops *ops, const char *entry,
				   const void *p, size_t n, struct tu_items *items, int *rc);

#endif

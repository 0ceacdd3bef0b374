#ifndef CS_WARNINGS_H
#define CS_WARNINGS_H
/*
 * What the run skipped, could not read or read with doubt: findings.json's
 * `warnings`, the report's "not examined" section.  Warnings never change
 * the exit status.
 *
 * Each carries the position it arose at (source, entry index, byte offset),
 * and warnings_sort() orders by that position, then by the order they were
 * added for the same position, so the output never depends on threads.
 */
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

struct warning {
	unsigned source;    /* index into the run's sources */
	unsigned entry_index;   /* the entry's index in the run; UINT32_MAX: none */
	char *source_path;  /* as given on the command line; owned */
	char *entry;        /* entry path as recorded, or NULL; owned */
	int64_t offset;     /* byte offset in the uncompressed entry, -1: none */
	char *code;         /* short stable code: "bad-element", "limit-depth", ...; owned */
	char *message;      /* one line for a person; owned */
	uint64_t seq;       /* order of arrival, the last sort key */
};

struct warnings {
	struct warning *v;
	size_t n, cap;
	uint64_t next_seq;
};

void warnings_add(struct warnings *w, unsigned source, const char *source_path,
		  unsigned entry_index, const char *entry, int64_t offset,
		  const char *code, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));
void warnings_vadd(struct warnings *w, unsigned source, const char *source_path,
		   unsigned entry_index, const char *entry, int64_t offset,
		   const char *code, const char *fmt, va_list ap)
	__attribute__((format(printf, 8, 0)));
void warnings_sort(struct warnings *w);
/* Number of warnings with this code. */
size_t warnings_count(const struct warnings *w, const char *code);
void warnings_release(struct warnings *w);

#endif

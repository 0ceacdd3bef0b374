#ifndef CS_FUZZ_H
#define CS_FUZZ_H
/*
 * Shared by the fuzz harnesses (tests/fuzz/fuzz_*.c).  Each harness is a
 * libFuzzer target (clang -fsanitize=fuzzer, mk/fuzz.mk) and is also
 * compiled into tests/test_fuzz_regressions.c with gcc, which renames its
 * LLVMFuzzerTestOneInput with -D-style #defines and replays every file of
 * tests/fuzz/regressions/<harness>/ through it.  So: helpers here are
 * static and included once, and each harness's own static names carry its
 * prefix, since several harnesses share one translation unit there.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/format.h"
#include "scanner/xalloc.h"

/* A NUL-terminated copy of the input. */
static inline char *fuzz_strz(const uint8_t *data, size_t size)
{
	return xmemdupz(data, size);
}

/* A private folder for the process's temporary files, made once and
 * removed at exit; "<folder>/<name>" into a new string. */
static char fuzz_dir_path[256];

static inline void fuzz_dir_remove(void)
{
	char cmd[400];
	if (fuzz_dir_path[0]) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir_path);
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_dir_path);
	}
}

static inline char *fuzz_tmp(const char *name)
{
	if (!fuzz_dir_path[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/csfuzz.XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(fuzz_dir_path)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(fuzz_dir_remove);
	}
	return xasprintf("%s/%s", fuzz_dir_path, name);
}

/* Writes the whole input to path, replacing what was there. */
static inline void fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror(path);
		abort();
	}
	while (size) {
		ssize_t w = write(fd, data, size);
		if (w <= 0) {
			perror(path);
			abort();
		}
		data += w;
		size -= (size_t)w;
	}
	close(fd);
}

/* An emit callback that keeps nothing: the item is checked and freed. */
static inline int fuzz_emit_drop(void *arg, struct item *it)
{
	uint64_t *n = arg;
	(*n)++;
	/* what the bundle writers rely on */
	if (it->raw_len && !it->raw)
		abort();
	item_release(it);
	free(it);
	return 0;
}

/*
 * Runs one format over an entry named by the input's first byte (an index
 * into names[], so the fuzzer reaches every kind of file), the rest being
 * the entry's bytes.  element_cap small, so the cap paths are reached too.
 */
static inline void fuzz_format(const struct format_ops *ops, const char *const *names, size_t n_names,
			       const uint8_t *data, size_t size)
{
	if (size < 1)
		return;
	const char *name = names[data[0] % n_names];
	data++, size--;
	uint64_t n = 0;
	struct format_ctx *fc = format_ctx_new(fuzz_emit_drop, &n, NULL, NULL, 1u << 16);
	format_ctx_set_platform(fc, ops->platform);
	format_ctx_set_source(fc, 0, "fuzz-input.zip");
	format_ctx_set_entry(fc, 0, name);
	(void)ops->bid(name, data, size < 4096 ? size : 4096);
	struct entry_stream *s = entry_stream_from_memory(data, size);
	(void)ops->parse(fc, s);
	entry_stream_free(s);
	format_ctx_free(fc, ops);
}

#endif

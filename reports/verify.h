#ifndef CS_VERIFY_H
#define CS_VERIFY_H
/*
 * `conductscan verify BUNDLE [INPUT...]`.
 */
#include <stddef.h>
#include <stdio.h>

#include "scanner/error.h"

/*
 * Re-hashes every file SHA256SUMS lists and prints to out one line per file
 * changed, missing, not a regular file, or present but unlisted, then a
 * summary and "seal <hex>".  CS_OK with *status EXIT_CLEAN (intact) or
 * EXIT_FINDINGS (any problem, a malformed SHA256SUMS line included);
 * CS_FATAL with EXIT_INPUT when dir has no readable SHA256SUMS.  Only
 * files found by walking dir (links never followed) are ever opened, so a
 * listed "../x" cannot read outside the bundle.
 */
int verify_bundle(const char *dir, FILE *out, int *status, struct cs_error *err);
/*
 * Re-hashes each INPUT (a file's bytes; a folder as the source layer
 * hashes it) and matches it by hash to the sources recorded in
 * dir/findings.json, printing one line per INPUT.  *status EXIT_FINDINGS
 * when any INPUT matches no recorded source.  CS_FATAL: EXIT_INPUT when
 * findings.json or an INPUT cannot be read.
 */
int verify_inputs(const char *dir, const char *const *inputs, size_t n, FILE *out, int *status,
		  struct cs_error *err);
/* `conductscan verify BUNDLE [INPUT...]`: verify_bundle, then, when n > 0,
 * verify_inputs; *status EXIT_FINDINGS if either found a problem. */
int verify_run(const char *dir, const char *const *inputs, size_t n, FILE *out, int *status,
	       struct cs_error *err);

#endif

#ifndef CS_INSPECT_H
#define CS_INSPECT_H
/*
 * `conductscan inspect`: what the input is, no policy applied.  Also the
 * JSON pieces findings.json shares with `inspect --json` (sources, account,
 * counts, warnings), built once here.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "scanner/pipeline.h"

int inspect_run(const char *const *inputs, size_t n, const struct source_limits *lim, bool json,
		FILE *out, struct cs_error *err);

/* New references, in the SPEC's shapes. */
json_t *inspect_sources_json(const struct source_info *s, size_t n);
json_t *inspect_account_json(const struct account *a);
json_t *inspect_counts_json(const uint64_t counts[ITEM_KIND_COUNT]);
json_t *inspect_warnings_json(const struct warnings *w);

#endif

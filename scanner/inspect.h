#ifndef CS_INSPECT_H
#define CS_INSPECT_H
/*
 * `conductscan inspect`: what the input is, no policy applied.  Its JSON
 * shapes are findings.json's own (report_json_* in reports/report.h).
 */
#include <stdbool.h>
#include <stdio.h>

#include "scanner/pipeline.h"

/* element_cap: --max-element (0: the pipeline's default, which is also the
 * most it allows). */
int inspect_run(const char *const *inputs, size_t n, const struct source_limits *lim,
		size_t element_cap, bool json, FILE *out, struct cs_error *err);

#endif

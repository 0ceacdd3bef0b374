#ifndef CS_SCAN_H
#define CS_SCAN_H
/*
 * `conductscan scan`, `verify` and `policies`: the pipeline, the policy
 * engine and the bundle writers put together.  main.c parses the options
 * into struct scan_opts; everything is validated here before any input is
 * read, so a usage error never leaves anything behind.
 */
#include <stdbool.h>
#include <stddef.h>

#include "scanner/error.h"
#include "scanner/source.h"

struct scan_opts {
	const char *const *inputs;
	size_t n_inputs;
	const char *out;
	const char *policy;             /* default "uk-council" */
	const char *org;
	const char *mode;               /* "investigation" or "self-audit" */
	const char *case_reference, *investigator, *subject;
	const char *from, *to, *kinds;
	const char *formats;            /* default "html,csv" */
	const char *template_path;
	const char *tz;                 /* NULL: org profile's, else Europe/London */
	int jobs;                       /* 0: number of CPUs */
	int progress;                   /* -1: when stderr is a terminal */
	struct source_limits limits;
	size_t element_cap;
	/* argv as given, for run.command (main.c sets these) */
	char **argv;
	int argc;
};

void scan_opts_init(struct scan_opts *o);

/* CS_OK with *status the exit status (0 or 1), or CS_FATAL with err. */
int scan_run(const struct scan_opts *o, int *status, struct cs_error *err);
int scan_verify(const char *bundle, const char *const *inputs, size_t n, int *status,
		struct cs_error *err);
int scan_policies(const char *id, struct cs_error *err);

/* Removes a temporary bundle in progress (out of memory, signals). */
void scan_abort_cleanup(void);

/* The SPEC's parsers of --from/--to dates and --kinds; 0 or -1. */
int scan_parse_kinds(const char *list, unsigned *mask);

#endif

#include "scanner/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/format.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

void scan_opts_init(struct scan_opts *o)
{
	memset(o, 0, sizeof *o);
	o->policy = "uk-council";
	o->mode = "investigation";
	o->formats = "html,csv";
	o->progress = -1;
	source_limits_default(&o->limits);
}

int scan_parse_kinds(const char *list, unsigned *mask)
{
	*mask = 0;
	char *copy = xstrdup(list);
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int k = item_kind_parse(tok);
		if (k < 0) {
			rc = -1;
			break;
		}
		*mask |= 1u << k;
	}
	free(copy);
	return *mask ? rc : -1;
}

int scan_run(const struct scan_opts *o, int *status, struct cs_error *err)
{
	*status = 0;
	if (timez_set(o->tz ? o->tz : "Europe/London", err) != CS_OK)
		return CS_FATAL;
	cs_error_set(err, EXIT_USAGE,
		     "cannot scan '%s': the policy engine and the bundle writers are not built yet "
		     "(use 'conductscan inspect')",
		     o->inputs[0]);
	return CS_FATAL;
}

int scan_verify(const char *bundle, const char *const *inputs, size_t n, int *status,
		struct cs_error *err)
{
	(void)inputs, (void)n;
	*status = 0;
	cs_error_set(err, EXIT_USAGE, "cannot verify '%s': bundle verification is not built yet",
		     bundle);
	return CS_FATAL;
}

int scan_policies(const char *id, struct cs_error *err)
{
	cs_error_set(err, EXIT_USAGE, "cannot list policies%s%s: the policy engine is not built yet",
		     id ? " for " : "", id ? id : "");
	return CS_FATAL;
}

void scan_abort_cleanup(void)
{
}

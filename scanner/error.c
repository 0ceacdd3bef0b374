#include "scanner/error.h"

#include <stdio.h>

void cs_error_vset(struct cs_error *e, int status, const char *fmt, va_list ap)
{
	if (!e || e->status)
		return;
	e->status = status;
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

void cs_error_set(struct cs_error *e, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cs_error_vset(e, status, fmt, ap);
	va_end(ap);
}

void cs_error_clear(struct cs_error *e)
{
	e->status = 0;
	e->msg[0] = '\0';
}

#ifndef CS_ERROR_H
#define CS_ERROR_H
/*
 * Graded return codes, exit statuses, and the error a failing call leaves
 * for its caller (libarchive / Sleuth Kit style).
 *
 *   CS_OK      done.
 *   CS_WARN    done, and something worth reporting was recorded as a warning.
 *   CS_FAILED  this entry (or element) is lost, the run goes on; the warning
 *              that says so has been recorded.
 *   CS_FATAL   the run stops; struct cs_error says why and with which exit
 *              status.  main.c alone turns it into an exit.
 *
 * Messages follow git: lowercase, no full stop, what failed first, the
 * subject in quotes: "cannot open archive 'x.zip': not a zip file".
 * main.c prints them as "conductscan: <message>".
 */
#include <stdarg.h>

enum cs_rc { CS_OK = 0, CS_WARN = 1, CS_FAILED = 2, CS_FATAL = 3 };

/* Exit statuses of every command (SPEC "Exit status"). */
enum cs_exit {
	EXIT_CLEAN = 0,     /* done, no finding of severity low or above; bundle verified */
	EXIT_FINDINGS = 1,  /* done with such a finding; verification failed */
	EXIT_USAGE = 2,     /* bad option, zone, pack, org file, occupied --out, mixed platforms */
	EXIT_INPUT = 3,     /* unreadable, unsupported, corrupt, over a safety limit */
	EXIT_OUTPUT = 4,    /* cannot create or write the output */
};

struct cs_error {
	int status;         /* an enum cs_exit; 0 while no error is set */
	char msg[1024];
};

/* Sets the error unless one is already set: the first cause is kept. */
void cs_error_set(struct cs_error *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cs_error_vset(struct cs_error *e, int status, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
void cs_error_clear(struct cs_error *e);

#endif

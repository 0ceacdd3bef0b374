#ifndef CS_TIMEZ_H
#define CS_TIMEZ_H
/*
 * Time: the one place that converts.  The process runs in the run's zone
 * (--tz, else the org profile's, else Europe/London), set by timez_set()
 * at start before anything reads a time, so results never depend on the
 * host's zone: libarchive's zip DOS times, local-text dates of Facebook HTML
 * and local times in reports all use it.
 *
 * Times are int64_t seconds since the Unix epoch, UTC.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "scanner/error.h"

/* Buffer size for every formatted time below. */
#define TIMEZ_BUFSZ 96

/*
 * Validates `zone` (an IANA name such as "Europe/London", or "UTC") against
 * the tzdata files and makes it the process's zone.  An unknown zone is
 * EXIT_USAGE: glibc would silently use UTC.  Not thread-safe: call before
 * starting threads.
 */
int timez_set(const char *zone, struct cs_error *err);
/* The zone set last (borrowed, static storage); "UTC" before any. */
const char *timez_zone(void);
/* 1 if `zone` names a zone file tzdata has. */
bool timez_valid(const char *zone);

/* "2023-01-10T10:30:00Z".  Returns buf. */
char *timez_utc(int64_t t, char buf[TIMEZ_BUFSZ]);
/* "2023-01-10T10:30:00+00:00" in the run's zone (DST-aware). */
char *timez_local(int64_t t, char buf[TIMEZ_BUFSZ]);
/* "2023-01-10" in the run's zone. */
char *timez_local_date(int64_t t, char buf[TIMEZ_BUFSZ]);
/* Broken-down local time in the run's zone. */
void timez_localtm(int64_t t, struct tm *tm);

/*
 * RFC 3339 / ISO 8601: "2023-01-10T10:30:00Z", "...+01:00", fractions
 * ignored, "2023-01-10 10:30:00 +0000" accepted.  0 on success, -1 if the
 * string is not such a time (never a guess).
 */
int timez_parse_rfc3339(const char *s, int64_t *t);
/* Twitter's "Wed Oct 10 20:19:24 +0000 2018" (%a %b %d %H:%M:%S %z %Y). */
int timez_parse_twitter(const char *s, int64_t *t);
/* A date "YYYY-MM-DD" as the first second of that day in the run's zone. */
int timez_parse_local_date(const char *s, int64_t *t);

/*
 * A wall-clock time in the run's zone to UTC, DST-aware.  In the hour that
 * is repeated when clocks go back the earlier instant is taken and
 * *ambiguous set; a time that does not exist (clocks go forward) is -1.
 * tm_isdst is ignored.
 */
int timez_from_local(int year, int mon, int mday, int hour, int min, int sec,
		     int64_t *t, bool *ambiguous);

#endif

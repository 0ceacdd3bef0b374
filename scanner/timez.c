#define _GNU_SOURCE     /* tm_gmtoff, timegm, strptime */
#include "scanner/timez.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char current_zone[256] = "UTC";

static const char *zoneinfo_dir(void)
{
	const char *d = getenv("TZDIR");
	return d && *d ? d : "/usr/share/zoneinfo";
}

bool timez_valid(const char *zone)
{
	if (!zone || !*zone || strlen(zone) >= sizeof current_zone || zone[0] == '/')
		return false;
	for (const char *p = zone; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (!(isalnum(c) || c == '/' || c == '_' || c == '-' || c == '+'))
			return false;
	}
	if (strstr(zone, "..") || strstr(zone, "//"))
		return false;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", zoneinfo_dir(), zone);
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char magic[4];
	size_t n = fread(magic, 1, 4, f);
	fclose(f);
	return n == 4 && memcmp(magic, "TZif", 4) == 0;
}

int timez_set(const char *zone, struct cs_error *err)
{
	if (!timez_valid(zone)) {
		cs_error_set(err, EXIT_USAGE, "unknown time zone '%s': not in %s (is tzdata installed?)",
			     zone ? zone : "", zoneinfo_dir());
		return CS_FATAL;
	}
	/* A leading ':' makes glibc read the zone file, never parse a POSIX rule. */
	char tz[sizeof current_zone + 2];
	snprintf(tz, sizeof tz, ":%s", zone);
	setenv("TZ", tz, 1);
	tzset();
	snprintf(current_zone, sizeof current_zone, "%s", zone);
	return CS_OK;
}

const char *timez_zone(void)
{
	return current_zone;
}

char *timez_utc(int64_t t, char buf[TIMEZ_BUFSZ])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm)) {
		snprintf(buf, TIMEZ_BUFSZ, "invalid");
		return buf;
	}
	snprintf(buf, TIMEZ_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return buf;
}

void timez_localtm(int64_t t, struct tm *tm)
{
	time_t tt = (time_t)t;
	if (!localtime_r(&tt, tm))
		memset(tm, 0, sizeof *tm);
}

char *timez_local(int64_t t, char buf[TIMEZ_BUFSZ])
{
	struct tm tm;
	timez_localtm(t, &tm);
	long off = tm.tm_gmtoff;
	char sign = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	snprintf(buf, TIMEZ_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign,
		 (int)(off / 3600) % 100, (int)(off % 3600) / 60);
	return buf;
}

char *timez_local_date(int64_t t, char buf[TIMEZ_BUFSZ])
{
	struct tm tm;
	timez_localtm(t, &tm);
	snprintf(buf, TIMEZ_BUFSZ, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return buf;
}

static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)**p))
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	*out = v;
	return 0;
}

static int valid_fields(int y, int mo, int d, int h, int mi, int s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 || s > 60)
		return 0;
	if (mo == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

static int64_t utc_seconds(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return (int64_t)timegm(&tm);
}

/* 0 and *t = v when v is in UTC years 0 to 9999, which RFC 3339 can write
 * (an offset can carry "9999-12-31T23:59 -2359" past it); -1 otherwise. */
static int in_rfc3339_range(int64_t v, int64_t *t)
{
	if (v < -62167219200LL || v > 253402300799LL)
		return -1;
	*t = v;
	return 0;
}

int timez_parse_rfc3339(const char *s, int64_t *t)
{
	const char *p = s;
	int y, mo, d, h, mi, sec;
	if (!s || digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi) || *p++ != ':' ||
	    digits(&p, 2, &sec))
		return -1;
	if (*p == '.' || *p == ',') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == ' ')
		p++;
	long off = 0;
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, oh, om;
		if (digits(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (digits(&p, 2, &om) || oh > 23 || om > 59)
			return -1;
		off = sign * (oh * 3600L + om * 60L);
	} else {
		return -1;
	}
	if (*p || !valid_fields(y, mo, d, h, mi, sec))
		return -1;
	return in_rfc3339_range(utc_seconds(y, mo, d, h, mi, sec) - off, t);
}

int timez_parse_twitter(const char *s, int64_t *t)
{
	/* Parsed by hand rather than strptime: %a and %b follow LC_TIME, and
	 * Twitter's names are English whatever the host's locale. */
	static const char *const mons[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	if (!s || strlen(s) < 30)
		return -1;
	int ok = 0;
	for (int i = 0; i < 7; i++)
		ok |= strncmp(s, days[i], 3) == 0;
	if (!ok || s[3] != ' ')
		return -1;
	int mo = 0;
	for (int i = 0; i < 12; i++)
		if (strncmp(s + 4, mons[i], 3) == 0)
			mo = i + 1;
	if (!mo || s[7] != ' ')
		return -1;
	const char *p = s + 8;
	int d, h, mi, sec, y, oh, om;
	if (digits(&p, 2, &d) || *p++ != ' ' || digits(&p, 2, &h) || *p++ != ':' ||
	    digits(&p, 2, &mi) || *p++ != ':' || digits(&p, 2, &sec) || *p++ != ' ')
		return -1;
	int sign = *p == '-' ? -1 : *p == '+' ? 1 : 0;
	if (!sign)
		return -1;
	p++;
	if (digits(&p, 2, &oh) || digits(&p, 2, &om) || *p++ != ' ' || digits(&p, 4, &y) || *p)
		return -1;
	if (!valid_fields(y, mo, d, h, mi, sec) || om > 59)
		return -1;
	return in_rfc3339_range(utc_seconds(y, mo, d, h, mi, sec) - sign * (oh * 3600L + om * 60L), t);
}

int timez_from_local(int year, int mon, int mday, int hour, int min, int sec,
		     int64_t *t, bool *ambiguous)
{
	if (!valid_fields(year, mon, mday, hour, min, sec))
		return -1;
	if (ambiguous)
		*ambiguous = false;
	/* Try both DST states; keep the candidates that give back the same
	 * wall clock.  Two: the repeated hour (take the earlier).  None: the
	 * skipped hour. */
	int64_t found[2];
	int nfound = 0;
	for (int dst = 0; dst <= 1; dst++) {
		struct tm tm = {0};
		tm.tm_year = year - 1900;
		tm.tm_mon = mon - 1;
		tm.tm_mday = mday;
		tm.tm_hour = hour;
		tm.tm_min = min;
		tm.tm_sec = sec;
		tm.tm_isdst = dst;
		time_t r = mktime(&tm);
		if (r == (time_t)-1 && !(year == 1969 || year == 1970))
			continue;
		struct tm back;
		timez_localtm((int64_t)r, &back);
		if (back.tm_year == year - 1900 && back.tm_mon == mon - 1 && back.tm_mday == mday &&
		    back.tm_hour == hour && back.tm_min == min && back.tm_sec == sec) {
			if (nfound == 0 || found[0] != (int64_t)r)
				found[nfound++] = (int64_t)r;
		}
	}
	if (nfound == 0)
		return -1;
	if (nfound == 2) {
		if (ambiguous)
			*ambiguous = true;
		*t = found[0] < found[1] ? found[0] : found[1];
	} else {
		*t = found[0];
	}
	return 0;
}

int timez_parse_local_date(const char *s, int64_t *t)
{
	const char *p = s;
	int y, mo, d;
	if (!s || digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d) || *p)
		return -1;
	/* Midnight may not exist on a DST change day in some zones: then
	 * the first valid minute after it. */
	for (int h = 0; h < 3; h++)
		if (timez_from_local(y, mo, d, h, 0, 0, t, NULL) == 0)
			return 0;
	return -1;
}

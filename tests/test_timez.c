#include "tests/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/timez.h"
#include "scanner/xalloc.h"

static void set_zone(const char *z)
{
	struct cs_error err = {0};
	assert_int_equal(timez_set(z, &err), CS_OK);
}

static void test_timez__unknown_zone_is_usage_error(void **state)
{
	(void)state;
	struct cs_error err = {0};
	assert_int_equal(timez_set("Europe/Londres", &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_USAGE);
	assert_non_null(strstr(err.msg, "unknown time zone 'Europe/Londres'"));
	/* names that would climb out of the zone folder are refused */
	assert_false(timez_valid("../../etc/passwd"));
	assert_false(timez_valid("/etc/localtime"));
	assert_false(timez_valid(""));
	assert_true(timez_valid("UTC"));
	assert_true(timez_valid("America/New_York"));
}

static void test_timez__twitter_and_rfc3339(void **state)
{
	(void)state;
	int64_t t;
	char buf[TIMEZ_BUFSZ];
	assert_int_equal(timez_parse_twitter("Wed Oct 10 20:19:24 +0000 2018", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2018-10-10T20:19:24Z");
	assert_int_equal(timez_parse_twitter("Tue Jan 10 10:30:00 +0130 2023", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2023-01-10T09:00:00Z");
	assert_int_equal(timez_parse_twitter("Wed Oct 32 20:19:24 +0000 2018", &t), -1);
	assert_int_equal(timez_parse_twitter("Mer Oct 10 20:19:24 +0000 2018", &t), -1);
	assert_int_equal(timez_parse_twitter("Wed Oct 10 20:19:24 +0000 2018 ", &t), -1);
	assert_int_equal(timez_parse_rfc3339("2023-02-28T23:59:59.123Z", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2023-02-28T23:59:59Z");
	assert_int_equal(timez_parse_rfc3339("2015-01-24 02:02:37 +0000", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2015-01-24T02:02:37Z");
	assert_int_equal(timez_parse_rfc3339("2023-06-01T12:00:00-05:00", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2023-06-01T17:00:00Z");
	assert_int_equal(timez_parse_rfc3339("2023-02-29T00:00:00Z", &t), -1);
	assert_int_equal(timez_parse_rfc3339("2023-06-01T12:00:00", &t), -1);  /* no zone: no guess */
	assert_int_equal(timez_parse_rfc3339("yesterday", &t), -1);
}

static void test_timez__local_times_follow_the_run_zone(void **state)
{
	(void)state;
	char buf[TIMEZ_BUFSZ];
	set_zone("Europe/London");
	assert_string_equal(timez_local(1683390720, buf), "2023-05-06T17:32:00+01:00");   /* BST */
	assert_string_equal(timez_local(1673026320, buf), "2023-01-06T17:32:00+00:00");   /* GMT */
	set_zone("America/New_York");
	assert_string_equal(timez_local(1683390720, buf), "2023-05-06T12:32:00-04:00");
	set_zone("Asia/Kolkata");
	assert_string_equal(timez_local(0, buf), "1970-01-01T05:30:00+05:30");
	set_zone("Europe/London");
}

static void test_timez__from_local_is_dst_aware(void **state)
{
	(void)state;
	set_zone("Europe/London");
	int64_t t;
	bool amb;
	char buf[TIMEZ_BUFSZ];
	/* 6 May 2019, 17:32 BST */
	assert_int_equal(timez_from_local(2019, 5, 6, 17, 32, 0, &t, &amb), 0);
	assert_string_equal(timez_utc(t, buf), "2019-05-06T16:32:00Z");
	assert_false(amb);
	/* 6 Jan 2019, 17:32 GMT */
	assert_int_equal(timez_from_local(2019, 1, 6, 17, 32, 0, &t, &amb), 0);
	assert_string_equal(timez_utc(t, buf), "2019-01-06T17:32:00Z");
	/* clocks go back 27 Oct 2019 02:00 BST -> 01:00 GMT: 01:30 happens twice */
	assert_int_equal(timez_from_local(2019, 10, 27, 1, 30, 0, &t, &amb), 0);
	assert_true(amb);
	assert_string_equal(timez_utc(t, buf), "2019-10-27T00:30:00Z");
	/* clocks go forward 31 Mar 2019 01:00 GMT -> 02:00 BST: 01:30 never happens */
	assert_int_equal(timez_from_local(2019, 3, 31, 1, 30, 0, &t, &amb), -1);
	assert_int_equal(timez_from_local(2019, 2, 30, 10, 0, 0, &t, &amb), -1);
	assert_int_equal(timez_parse_local_date("2023-02-06", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2023-02-06T00:00:00Z");
	assert_int_equal(timez_parse_local_date("2023-07-06", &t), 0);
	assert_string_equal(timez_utc(t, buf), "2023-07-05T23:00:00Z");
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timez__unknown_zone_is_usage_error),
		cmocka_unit_test(test_timez__twitter_and_rfc3339),
		cmocka_unit_test(test_timez__local_times_follow_the_run_zone),
		cmocka_unit_test(test_timez__from_local_is_dst_aware),
	};
	return cmocka_run_group_tests_name("timez", tests, NULL, NULL);
}

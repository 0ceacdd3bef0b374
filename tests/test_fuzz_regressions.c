/*
 * Replays every file of tests/fuzz/regressions/<harness>/ through its
 * fuzz harness, built here with gcc (and, under make
 * SANITIZE=address,undefined, with those sanitizers): every input that
 * once crashed, leaked or hung a harness stays fixed.  Each harness's LLVMFuzzerTestOneInput is renamed
 * as it is included; their static names carry their own prefixes.  An
 * empty or missing folder passes.
 */
#include "tests/testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/xalloc.h"

#define LLVMFuzzerTestOneInput fuzz_source_one
#include "tests/fuzz/fuzz_source.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_twitter_one
#include "tests/fuzz/fuzz_twitter.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_facebook_json_one
#include "tests/fuzz/fuzz_facebook_json.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_facebook_html_one
#include "tests/fuzz/fuzz_facebook_html.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_json_stream_one
#include "tests/fuzz/fuzz_json_stream.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_policy_one
#include "tests/fuzz/fuzz_policy.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_org_one
#include "tests/fuzz/fuzz_org.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_engine_one
#include "tests/fuzz/fuzz_engine.c"
#undef LLVMFuzzerTestOneInput

static const struct {
	const char *name;
	int (*one)(const uint8_t *data, size_t size);
} harnesses[] = {
	{"source", fuzz_source_one},
	{"twitter", fuzz_twitter_one},
	{"facebook_json", fuzz_facebook_json_one},
	{"facebook_html", fuzz_facebook_html_one},
	{"json_stream", fuzz_json_stream_one},
	{"policy", fuzz_policy_one},
	{"org", fuzz_org_one},
	{"engine", fuzz_engine_one},
};

/* Runs every file of tests/fuzz/regressions/<name>/ (sorted) through one. */
static void replay(const char *name, int (*one)(const uint8_t *, size_t))
{
	char *dir = xasprintf("tests/fuzz/regressions/%s", name);
	struct strlist files = STRLIST_INIT;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)))
			if (de->d_name[0] != '.')
				strlist_push(&files, de->d_name);
		closedir(d);
	}
	strlist_sort(&files);
	for (size_t i = 0; i < files.n; i++) {
		char *path = xasprintf("%s/%s", dir, files.v[i]);
		size_t n;
		char *p = tu_read(path, &n);
		assert_non_null(p);
		print_message("replay %s\n", path);
		assert_int_equal(one((const uint8_t *)p, n), 0);
		free(p);
		free(path);
	}
	strlist_release(&files);
	free(dir);
}

static void test_fuzz_regressions__all(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof harnesses / sizeof *harnesses; i++)
		replay(harnesses[i].name, harnesses[i].one);
}

/* Every harness also takes the empty input and one byte. */
static void test_fuzz_regressions__trivial_inputs(void **state)
{
	(void)state;
	static const uint8_t one_byte[1] = {0};
	for (size_t i = 0; i < sizeof harnesses / sizeof *harnesses; i++) {
		assert_int_equal(harnesses[i].one(one_byte, 0), 0);
		assert_int_equal(harnesses[i].one(one_byte, 1), 0);
	}
}

int main(void)
{
	/* The harnesses find the shipped packs and samples from the top folder,
	 * where tests run. */
	setenv("CONDUCTSCAN_DATADIR", ".", 0);
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_regressions__all),
		cmocka_unit_test(test_fuzz_regressions__trivial_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* End-to-end: `conductscan scan` on every sample, through the binary. */
#include "tests/testutil.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scanner/xalloc.h"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = tu_tmpdir();
	setenv("SOURCE_DATE_EPOCH", "1763719200", 1);  /* 2025-11-21T10:00:00Z */
	return tmp ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmrf(tmp);
	free(tmp);
	return 0;
}

/* The built sample archives, sorted. */
static size_t list_samples(char ***out)
{
	char *dir = tu_sample("");
	DIR *d = opendir(dir);
	struct strlist l = STRLIST_INIT;
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)))
			if (strstr(de->d_name, ".zip"))
				strlist_push_nodup(&l, xasprintf("%s%s", dir, de->d_name));
		closedir(d);
	}
	free(dir);
	strlist_sort(&l);
	*out = l.v;
	return l.n;
}

static int run_in(const char *dir, const char *cmd)
{
	char *full = xasprintf("cd '%s' && %s >/dev/null 2>&1", dir, cmd);
	int st = system(full);
	free(full);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Every file of a bundle, relative, sorted. */
static void list_files(const char *root, const char *rel, struct strlist *out)
{
	char *path = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(path);
	assert_non_null(d);
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *crel = *rel ? xasprintf("%s/%s", rel, de->d_name) : xstrdup(de->d_name);
		char *cpath = xasprintf("%s/%s", root, crel);
		struct stat st;
		assert_int_equal(lstat(cpath, &st), 0);
		if (S_ISDIR(st.st_mode))
			list_files(root, crel, out);
		else
			strlist_push(out, crel);
		free(crel);
		free(cpath);
	}
	closedir(d);
	free(path);
	strlist_sort(out);
}

static void assert_same_bundles(const char *a, const char *b)
{
	struct strlist fa = STRLIST_INIT, fb = STRLIST_INIT;
	list_files(a, "", &fa);
	list_files(b, "", &fb);
	assert_int_equal(fa.n, fb.n);
	for (size_t i = 0; i < fa.n; i++) {
		assert_string_equal(fa.v[i], fb.v[i]);
		char *pa = xasprintf("%s/%s", a, fa.v[i]), *pb = xasprintf("%s/%s", b, fb.v[i]);
		size_t na, nb;
		char *ca = tu_read(pa, &na), *cb = tu_read(pb, &nb);
		if (na != nb || memcmp(ca, cb, na) != 0)
			fail_msg("bundles differ in %s", fa.v[i]);
		free(ca);
		free(cb);
		free(pa);
		free(pb);
	}
	strlist_release(&fa);
	strlist_release(&fb);
}

static void test_scan__every_sample_reproducible_and_verifiable(void **state)
{
	(void)state;
	char **samples;
	size_t n = list_samples(&samples);
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		char *o1 = xasprintf("%s/b%zu-1", tmp, i), *o2 = xasprintf("%s/b%zu-2", tmp, i);
		char *out = NULL, *err = NULL;
		int rc = tu_run(&out, &err, "scan", "-o", o1, "-j", "1", samples[i], NULL);
		if (rc != 0 && rc != 1)
			fail_msg("scan %s: exit %d: %s", samples[i], rc, err);
		assert_non_null(strstr(out, "seal (SHA-256 of SHA256SUMS)"));
		free(out);
		free(err);
		/* the same argv after the first bundle is moved away (SPEC
		 * "Reproducible"): byte-identical, whatever -j */
		assert_int_equal(rename(o1, o2), 0);
		rc = tu_run(NULL, NULL, "scan", "-o", o1, "-j", "2", samples[i], NULL);
		assert_true(rc == 0 || rc == 1);
		assert_same_bundles(o1, o2);
		/* standard tools agree */
		assert_int_equal(run_in(o1, "sha256sum --quiet -c SHA256SUMS"), 0);
		assert_int_equal(tu_run(NULL, NULL, "verify", o1, NULL), 0);
		assert_int_equal(tu_run(NULL, NULL, "verify", o1, samples[i], NULL), 0);
		/* findings.json parses and names the sample as its source */
		char *fj = xasprintf("%s/findings.json", o1);
		json_error_t je;
		json_t *j = json_load_file(fj, 0, &je);
		assert_non_null(j);
		assert_string_equal(json_string_value(json_object_get(j, "schema")), "conductscan.findings/1");
		json_t *src = json_array_get(json_object_get(j, "sources"), 0);
		assert_string_equal(json_string_value(json_object_get(src, "path")), samples[i]);
		assert_non_null(json_string_value(json_object_get(src, "layout")));
		json_decref(j);
		/* one edited byte: verify fails */
		size_t len;
		char *bytes = tu_read(fj, &len);
		bytes[len / 2] ^= 1;
		tu_write(fj, bytes, len);
		free(bytes);
		assert_int_equal(tu_run(NULL, NULL, "verify", o1, NULL), 1);
		free(fj);
		free(o1);
		free(o2);
		free(samples[i]);
	}
	free(samples);
}

static void test_scan__usage_errors_leave_nothing(void **state)
{
	(void)state;
	char **samples;
	size_t n = list_samples(&samples);
	assert_true(n > 0);
	char *out = xasprintf("%s/never", tmp);
	char *err = NULL;
	struct stat st;
	assert_int_equal(tu_run(NULL, &err, "scan", "-o", out, "--tz", "Nowhere/Land", samples[0], NULL), 2);
	assert_non_null(strstr(err, "unknown time zone"));
	free(err);
	assert_int_equal(tu_run(NULL, &err, "scan", "-o", out, "--policy", "no-such-pack", samples[0], NULL), 2);
	free(err);
	assert_int_equal(tu_run(NULL, &err, "scan", "-o", out, "--kinds", "posts", samples[0], NULL), 2);
	free(err);
	assert_int_equal(tu_run(NULL, &err, "scan", "-o", out, "--from", "21/11/2026", samples[0], NULL), 2);
	free(err);
	assert_int_not_equal(stat(out, &st), 0);
	/* an occupied --out is refused and left as it was */
	mkdir(out, 0755);
	char *keep = xasprintf("%s/keep.txt", out);
	tu_write(keep, "mine", 4);
	assert_int_equal(tu_run(NULL, &err, "scan", "-o", out, samples[0], NULL), 2);
	free(err);
	size_t len;
	char *b = tu_read(keep, &len);
	assert_int_equal(len, 4);
	free(b);
	free(keep);
	/* an unreadable input: exit 3, no bundle, no temporary folder beside it */
	char *out2 = xasprintf("%s/never2", tmp);
	assert_int_equal(tu_run(NULL, &err, "scan", "-o", out2, "/nonexistent.zip", NULL), 3);
	free(err);
	assert_int_not_equal(stat(out2, &st), 0);
	struct strlist all = STRLIST_INIT;
	list_files(tmp, "", &all);
	for (size_t i = 0; i < all.n; i++)
		assert_null(strstr(all.v[i], ".tmp-"));
	strlist_release(&all);
	free(out);
	free(out2);
	for (size_t i = 0; i < n; i++)
		free(samples[i]);
	free(samples);
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan__every_sample_reproducible_and_verifiable),
		cmocka_unit_test(test_scan__usage_errors_leave_nothing),
	};
	return cmocka_run_group_tests_name("scan", tests, setup, teardown);
}

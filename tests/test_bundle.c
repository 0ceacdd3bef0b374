/*
 * The bundle folder: atomic output (a failing writer leaves nothing, an
 * occupied --out is refused untouched, an interrupt removes the temporary
 * folder), reproducibility (two writes byte-identical), SHA256SUMS as
 * `sha256sum -c` checks it, and verify on intact, edited, truncated,
 * extended and unsealed bundles.
 */
#define _GNU_SOURCE
#include "tests/testutil.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reports/bundle.h"
#include "reports/report.h"
#include "reports/sums.h"
#include "reports/verify.h"
#include "reports/rutil.h"
#include "tests/test_reports_fixture.h"

static char *write_bundle(struct fixture *fx, const char *name, char seal[65])
{
	struct cs_error err = {0};
	char *out = fx_out(fx, name);
	if (bundle_write_formats(&fx->d, out, "html,csv", seal, &err) != CS_OK)
		fail_msg("bundle_write_all: %s", err.msg);
	return out;
}

/* Runs verify_bundle, capturing what it prints. */
static int run_verify(const char *dir, int *status, char **text, struct cs_error *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	int rc = verify_bundle(dir, f, status, err);
	fclose(f);
	*text = buf;
	return rc;
}

static void test_bundle__reproducible(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char s1[65], s2[65];
	char *a = write_bundle(&fx, "one", s1);
	char *b = write_bundle(&fx, "two", s2);
	assert_string_equal(s1, s2);
	struct strlist fa = STRLIST_INIT, fb = STRLIST_INIT;
	struct cs_error err = {0};
	assert_int_equal(rutil_list_files(a, &fa, NULL, EXIT_OUTPUT, &err), CS_OK);
	assert_int_equal(rutil_list_files(b, &fb, NULL, EXIT_OUTPUT, &err), CS_OK);
	assert_int_equal(fa.n, fb.n);
	assert_true(fa.n >= 10);
	for (size_t i = 0; i < fa.n; i++) {
		assert_string_equal(fa.v[i], fb.v[i]);
		char *pa = xasprintf("%s/%s", a, fa.v[i]), *pb = xasprintf("%s/%s", b, fb.v[i]);
		size_t na, nb;
		char *ca = tu_read(pa, &na), *cb = tu_read(pb, &nb);
		assert_non_null(ca);
		assert_non_null(cb);
		if (na != nb || memcmp(ca, cb, na) != 0)
			fail_msg("'%s' differs between two writes", fa.v[i]);
		/* nothing of the temporary folder's name leaks into a file */
		assert_null(memmem(ca, na, ".tmp-", 5));
		free(ca);
		free(cb);
		free(pa);
		free(pb);
	}
	strlist_release(&fa);
	strlist_release(&fb);
	free(a);
	free(b);
	fx_release(&fx);
}

static void test_bundle__sums_sorted_and_sha256sum_checks(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "out", seal);
	size_t n;
	char *p = xasprintf("%s/SHA256SUMS", out);
	char *sums = tu_read(p, &n);
	assert_non_null(sums);
	/* the seal is the hash of SHA256SUMS */
	char hex[65];
	tu_sha256_hex(sums, n, hex);
	assert_string_equal(hex, seal);
	/* every other file, sorted bytewise, "<hex>  <path>" */
	const char *want[] = {"evidence.xml", "exhibits/E0001.html", "exhibits/E0002-1.jpg",
			      "exhibits/E0002.json", "exhibits/E0003.json", "findings.csv",
			      "findings.json", "manifest.csv", "report.html"};
	const char *line = sums;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		assert_int_equal(nl - line, 66 + strlen(want[i]));
		assert_memory_equal(line + 64, "  ", 2);
		assert_memory_equal(line + 66, want[i], strlen(want[i]));
		line = nl + 1;
	}
	assert_int_equal(*line, '\0');
	free(sums);
	free(p);
	/* exactly what sha256sum -c checks */
	char *cmd = xasprintf("cd '%s' && sha256sum --quiet --strict -c SHA256SUMS", out);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* and sha256sum notices an edit */
	p = xasprintf("%s/findings.csv", out);
	FILE *f = fopen(p, "ab");
	fputs("x", f);
	fclose(f);
	cmd = xasprintf("cd '%s' && sha256sum --quiet -c SHA256SUMS >/dev/null 2>&1", out);
	assert_int_not_equal(system(cmd), 0);
	free(cmd);
	free(p);
	free(out);
	fx_release(&fx);
}

static void test_bundle__occupied_out_refused_untouched(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char *out = fx_out(&fx, "occupied");
	assert_int_equal(mkdir(out, 0755), 0);
	char *keep = xasprintf("%s/notes.txt", out);
	tu_write(keep, "investigator's notes", 20);
	struct cs_error err = {0};
	char seal[65];
	assert_int_equal(bundle_write_formats(&fx.d, out, NULL, seal, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_USAGE);
	assert_non_null(strstr(err.msg, "not empty"));
	size_t n;
	char *c = tu_read(keep, &n);
	assert_int_equal(n, 20);
	assert_memory_equal(c, "investigator's notes", 20);
	free(c);
	struct strlist files = STRLIST_INIT;
	assert_int_equal(rutil_list_files(out, &files, NULL, EXIT_OUTPUT, &err), CS_OK);
	assert_int_equal(files.n, 1);
	strlist_release(&files);
	assert_false(fx_tmp_left(fx.tmp));

	/* a file where the folder should be */
	char *file = fx_out(&fx, "a-file");
	tu_write(file, "x", 1);
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, file, NULL, seal, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_USAGE);

	/* an empty folder is used, with or without a trailing slash */
	char *empty = fx_out(&fx, "empty/");
	assert_int_equal(mkdir(empty, 0755), 0);
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, empty, NULL, seal, &err), CS_OK);
	char *sums = xasprintf("%sSHA256SUMS", empty);
	assert_int_equal(access(sums, F_OK), 0);
	assert_false(fx_tmp_left(fx.tmp));

	free(sums);
	free(empty);
	free(file);
	free(keep);
	free(out);
	fx_release(&fx);
}

/* A writer that writes half a file and fails. */
static int failing_write(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	(void)d;
	struct cs_error ignore = {0};
	rutil_write_file(dir, "half.txt", "half", 4, &ignore);
	cs_error_set(err, EXIT_OUTPUT, "cannot write '%s/half.txt': No space left on device", dir);
	return CS_FATAL;
}

static const struct report_ops failing_writer = {"failing", NULL, failing_write};

static void test_bundle__failing_writer_leaves_nothing(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char *out = fx_out(&fx, "out");
	struct cs_error err = {0};
	char seal[65] = "x";
	bundle_set_test_writer(&failing_writer);
	int rc = bundle_write_formats(&fx.d, out, "html,csv", seal, &err);
	bundle_set_test_writer(NULL);
	assert_int_equal(rc, CS_FATAL);
	assert_int_equal(err.status, EXIT_OUTPUT);
	assert_string_equal(seal, "");
	/* the message names --out, not the temporary folder */
	char *want = xasprintf("cannot write '%s/half.txt': No space left on device", out);
	assert_string_equal(err.msg, want);
	free(want);
	assert_int_equal(access(out, F_OK), -1);
	assert_false(fx_tmp_left(fx.tmp));

	/* an empty --out given by the user stays as it was */
	assert_int_equal(mkdir(out, 0755), 0);
	bundle_set_test_writer(&failing_writer);
	cs_error_clear(&err);
	assert_int_equal(bundle_write_formats(&fx.d, out, "", seal, &err), CS_FATAL);
	bundle_set_test_writer(NULL);
	struct stat st;
	assert_int_equal(stat(out, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	struct strlist files = STRLIST_INIT;
	assert_int_equal(rutil_list_files(out, &files, NULL, EXIT_OUTPUT, &err), CS_OK);
	assert_int_equal(files.n, 0);
	strlist_release(&files);
	assert_false(fx_tmp_left(fx.tmp));

	/* a parent that cannot be written: EXIT_OUTPUT, nothing made */
	if (geteuid() != 0) {
		char *ro = fx_out(&fx, "ro");
		assert_int_equal(mkdir(ro, 0555), 0);
		char *o2 = xasprintf("%s/out", ro);
		cs_error_clear(&err);
		assert_int_equal(bundle_write_formats(&fx.d, o2, "", seal, &err), CS_FATAL);
		assert_int_equal(err.status, EXIT_OUTPUT);
		chmod(ro, 0755);
		free(o2);
		free(ro);
	}
	free(out);
	fx_release(&fx);
}

static void test_bundle__abort_never_follows_links(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char *out = fx_out(&fx, "out");
	char *tmp = NULL;
	struct cs_error err = {0};
	assert_int_equal(bundle_begin(out, &tmp, &err), CS_OK);
	assert_non_null(strstr(tmp, "/.out.tmp-"));
	/* a link inside the temporary folder to a folder outside it */
	char *outside = fx_out(&fx, "outside");
	assert_int_equal(mkdir(outside, 0755), 0);
	char *precious = xasprintf("%s/precious", outside);
	tu_write(precious, "keep", 4);
	char *sub = xasprintf("%s/exhibits", tmp);
	assert_int_equal(mkdir(sub, 0755), 0);
	char *link = xasprintf("%s/exhibits/link", tmp);
	assert_int_equal(symlink(outside, link), 0);
	char *f = xasprintf("%s/exhibits/E0001.json", tmp);
	tu_write(f, "{}", 2);
	bundle_abort(tmp);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(access(precious, F_OK), 0);
	assert_false(fx_tmp_left(fx.tmp));
	free(f);
	free(link);
	free(sub);
	free(precious);
	free(outside);
	free(tmp);
	free(out);
	fx_release(&fx);
}

static void test_bundle__signal_removes_temporary_folder(void **state)
{
	(void)state;
	/* static: the child exits from the signal handler, and what it still
	 * points to from the stack would show as leaked under valgrind */
	static struct fixture fx;
	static char *out, *tmp;
	fx_init(&fx);
	out = fx_out(&fx, "out");
	static const int sigs[] = {SIGTERM, SIGINT};
	for (size_t i = 0; i < 2; i++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			bundle_install_signal_cleanup();
			struct cs_error err = {0};
			if (bundle_begin(out, &tmp, &err) != CS_OK)
				_exit(99);
			char *sub = xasprintf("%s/exhibits", tmp);
			mkdir(sub, 0755);
			struct cs_error e2 = {0};
			rutil_write_file(tmp, "findings.json", "{}", 2, &e2);
			rutil_write_file(sub, "E0001.json", "{}", 2, &e2);
			raise(sigs[i]);
			_exit(98);
		}
		int st = 0;
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 128 + sigs[i]);
		assert_int_equal(access(out, F_OK), -1);
		assert_false(fx_tmp_left(fx.tmp));
	}
	free(out);
	fx_release(&fx);
}

static void test_bundle__verify_intact(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "out", seal);
	struct cs_error err = {0};
	int status = -1;
	char *text;
	assert_int_equal(run_verify(out, &status, &text, &err), CS_OK);
	assert_int_equal(status, EXIT_CLEAN);
	char *want = xasprintf("seal %s\n", seal);
	assert_non_null(strstr(text, want));
	assert_non_null(strstr(text, "verified"));
	free(want);
	free(text);
	free(out);
	fx_release(&fx);
}

/* Applies `edit` to a fresh bundle and expects verify to say `word` about
 * `rel` and exit 1. */
static void verify_after(const char *rel, const char *how, const char *word)
{
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "out", seal);
	char *p = xasprintf("%s/%s", out, rel);
	if (!strcmp(how, "edit")) {
		size_t n;
		char *c = tu_read(p, &n);
		assert_true(n > 10);
		c[n / 2] ^= 1;
		unlink(p);
		tu_write(p, c, n);
		free(c);
	} else if (!strcmp(how, "truncate")) {
		assert_int_equal(truncate(p, 3), 0);
	} else if (!strcmp(how, "extend")) {
		tu_write(p, "added", 5);
	} else if (!strcmp(how, "remove")) {
		assert_int_equal(unlink(p), 0);
	} else if (!strcmp(how, "link")) {
		assert_int_equal(unlink(p), 0);
		assert_int_equal(symlink("/etc/hostname", p), 0);
	}
	struct cs_error err = {0};
	int status = -1;
	char *text;
	assert_int_equal(run_verify(out, &status, &text, &err), CS_OK);
	assert_int_equal(status, EXIT_FINDINGS);
	char *want = xasprintf("%s: %s\n", word, rel);
	if (!strstr(text, want))
		fail_msg("verify said:\n%s\nwanted: %s", text, want);
	/* the seal is unchanged: only SHA256SUMS defines it */
	char *sealline = xasprintf("seal %s\n", seal);
	assert_non_null(strstr(text, sealline));
	free(sealline);
	free(want);
	free(text);
	free(p);
	free(out);
	fx_release(&fx);
}

static void test_bundle__verify_edited(void **state)
{
	(void)state;
	verify_after("findings.json", "edit", "changed");
	verify_after("exhibits/E0002-1.jpg", "edit", "changed");
}

static void test_bundle__verify_truncated(void **state)
{
	(void)state;
	verify_after("evidence.xml", "truncate", "changed");
}

static void test_bundle__verify_extended(void **state)
{
	(void)state;
	verify_after("exhibits/E0009.json", "extend", "unlisted");
	verify_after("report.html", "remove", "missing");
	verify_after("manifest.csv", "link", "changed (not a regular file)");
}

static void test_bundle__verify_resealed_changes_seal(void **state)
{
	(void)state;
	/* editing a file and its SHA256SUMS line together passes the list but
	 * not the seal */
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "out", seal);
	char *p = xasprintf("%s/findings.csv", out);
	tu_write(p, "forged\r\n", 8);
	char *cmd = xasprintf("cd '%s' && grep -v '  findings.csv$' SHA256SUMS > S && "
			      "sha256sum findings.csv >> S && sort -k2 S > SHA256SUMS && rm S",
			      out);
	assert_int_equal(system(cmd), 0);
	struct cs_error err = {0};
	int status = -1;
	char *text;
	assert_int_equal(run_verify(out, &status, &text, &err), CS_OK);
	assert_int_equal(status, EXIT_CLEAN);
	char *sealline = xasprintf("seal %s\n", seal);
	assert_null(strstr(text, sealline));
	free(sealline);
	free(text);
	free(cmd);
	free(p);
	free(out);
	fx_release(&fx);
}

static void test_bundle__verify_without_sums_is_input_error(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	char seal[65];
	char *out = write_bundle(&fx, "out", seal);
	char *p = xasprintf("%s/SHA256SUMS", out);
	assert_int_equal(unlink(p), 0);
	struct cs_error err = {0};
	int status = -1;
	char *text;
	assert_int_equal(run_verify(out, &status, &text, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_INPUT);
	free(text);
	/* a hostile SHA256SUMS: a path outside the bundle is never read */
	const char *hostile = "0000000000000000000000000000000000000000000000000000000000000000"
			      "  ../../etc/passwd\ngarbage line\n";
	tu_write(p, hostile, strlen(hostile));
	cs_error_clear(&err);
	assert_int_equal(run_verify(out, &status, &text, &err), CS_OK);
	assert_int_equal(status, EXIT_FINDINGS);
	assert_non_null(strstr(text, "missing: ../../etc/passwd\n"));
	assert_non_null(strstr(text, "malformed: SHA256SUMS line 2\n"));
	assert_non_null(strstr(text, "unlisted: findings.json\n"));
	free(text);
	free(p);
	free(out);
	fx_release(&fx);
}

static void test_bundle__verify_inputs_by_hash(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	/* record a file INPUT with its real hash */
	char *zip = xasprintf("%s/export.zip", fx.tmp);
	tu_write(zip, "PK not really", 13);
	unsigned char md[32];
	assert_int_equal(rutil_sha256_file(zip, md), 0);
	memcpy(fx.sources[0].sha256, md, 32);
	char seal[65];
	char *out = write_bundle(&fx, "out", seal);
	char *other = xasprintf("%s/other.zip", fx.tmp);
	tu_write(other, "different", 9);

	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct cs_error err = {0};
	int status = -1;
	const char *in1[] = {zip};
	assert_int_equal(verify_inputs(out, in1, 1, f, &status, &err), CS_OK);
	fflush(f);
	assert_int_equal(status, EXIT_CLEAN);
	assert_non_null(strstr(buf, "matches recorded source 1"));
	const char *in2[] = {zip, other};
	assert_int_equal(verify_inputs(out, in2, 2, f, &status, &err), CS_OK);
	fclose(f);
	assert_int_equal(status, EXIT_FINDINGS);
	assert_non_null(strstr(buf, "MATCHES NO recorded source"));
	free(buf);

	const char *missing[] = {"/nonexistent/input.zip"};
	f = open_memstream(&buf, &len);
	assert_int_equal(verify_inputs(out, missing, 1, f, &status, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_INPUT);
	fclose(f);
	free(buf);
	free(other);
	free(out);
	free(zip);
	fx_release(&fx);
}

static void test_bundle__write_all_switches_and_verify_run(void **state)
{
	(void)state;
	struct fixture fx;
	fx_init(&fx);
	struct cs_error err = {0};
	char seal[65];
	char *out = fx_out(&fx, "out");
	assert_int_equal(bundle_check_out(out, &err), CS_OK);
	assert_int_equal(bundle_write_all(&fx.d, out, true, false, seal, &err), CS_OK);
	char *p = xasprintf("%s/report.html", out);
	assert_int_equal(access(p, F_OK), 0);
	free(p);
	p = xasprintf("%s/findings.csv", out);
	assert_int_equal(access(p, F_OK), -1);
	free(p);
	/* now occupied: refused before anything is read */
	assert_int_equal(bundle_check_out(out, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_USAGE);
	cs_error_clear(&err);
	assert_int_equal(bundle_check_out("/", &err), CS_FATAL);
	cs_error_clear(&err);

	char *zip = xasprintf("%s/other.zip", fx.tmp);
	tu_write(zip, "x", 1);
	const char *in[] = {zip};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int status = -1;
	assert_int_equal(verify_run(out, NULL, 0, f, &status, &err), CS_OK);
	assert_int_equal(status, EXIT_CLEAN);
	assert_int_equal(verify_run(out, in, 1, f, &status, &err), CS_OK);
	assert_int_equal(status, EXIT_FINDINGS);
	fclose(f);
	char *sealline = xasprintf("seal %s\n", seal);
	assert_non_null(strstr(buf, sealline));
	free(sealline);
	free(buf);
	free(zip);
	free(out);
	fx_release(&fx);
}

int main(void)
{
	setenv("CONDUCTSCAN_DATADIR", ".", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundle__reproducible),
		cmocka_unit_test(test_bundle__sums_sorted_and_sha256sum_checks),
		cmocka_unit_test(test_bundle__occupied_out_refused_untouched),
		cmocka_unit_test(test_bundle__failing_writer_leaves_nothing),
		cmocka_unit_test(test_bundle__abort_never_follows_links),
		cmocka_unit_test(test_bundle__signal_removes_temporary_folder),
		cmocka_unit_test(test_bundle__verify_intact),
		cmocka_unit_test(test_bundle__verify_edited),
		cmocka_unit_test(test_bundle__verify_truncated),
		cmocka_unit_test(test_bundle__verify_extended),
		cmocka_unit_test(test_bundle__verify_resealed_changes_seal),
		cmocka_unit_test(test_bundle__verify_without_sums_is_input_error),
		cmocka_unit_test(test_bundle__verify_inputs_by_hash),
		cmocka_unit_test(test_bundle__write_all_switches_and_verify_run),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);
	xsltCleanupGlobals();
	xmlCleanupParser();
	return r;
}

#include "tests/testutil.h"

#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scanner/source.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

/* SHA-256 of "hello" and of the empty string: known values. */
#define SHA_HELLO "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = tu_tmpdir();
	struct cs_error err = {0};
	return tmp && timez_set("Europe/London", &err) == CS_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	tu_rmrf(tmp);
	free(tmp);
	return 0;
}

/* Runs mkarchive with these arguments; asserts it worked. */
static void mk(const char *out, ...)
{
	const char *argv[32];
	size_t n = 0;
	char *tool = tu_tool("mkarchive");
	argv[n++] = tool;
	argv[n++] = "-o";
	argv[n++] = out;
	va_list ap;
	va_start(ap, out);
	for (const char *a = va_arg(ap, const char *); a && n < 31; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid == 0) {
		execv(tool, (char *const *)argv);
		_exit(127);
	}
	int st;
	waitpid(pid, &st, 0);
	free(tool);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

struct listing {
	struct manifest_row rows[64];
	size_t n;
	struct warnings w;
	struct source_info info;
	char info_hex[65];
	int rc;
	struct cs_error err;
};

/* Reads a whole input, the way the pipeline does (without formats). */
static void list_input(const char *path, const struct source_limits *lim, struct listing *l)
{
	memset(l, 0, sizeof *l);
	uint64_t total = 0, entries = 0;
	struct source *s = source_open(path, 0, lim, &l->w, &total, &entries, &l->err);
	if (!s) {
		l->rc = CS_FATAL;
		return;
	}
	const struct source_entry *e;
	int r;
	while ((r = source_next(s, &e, &l->err)) == 1) {
		assert_true(l->n < 64);
		if (source_entry_finish(s, &l->rows[l->n++], &l->err) == CS_FATAL) {
			r = -1;
			break;
		}
	}
	l->rc = r < 0 ? CS_FATAL : CS_OK;
	if (source_finish_info(s, &l->err) != CS_OK)
		l->rc = CS_FATAL;
	source_get_info(s, &l->info);
	sha256_hex(l->info.sha256, l->info_hex);
	l->info.path = NULL;
	l->info.mime = NULL;
	source_close(s);
}

static void listing_release(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->rows[i].path);
		free(l->rows[i].mime);
		free(l->rows[i].link);
	}
	warnings_release(&l->w);
}

static const struct manifest_row *row(const struct listing *l, const char *path)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->rows[i].path, path) == 0)
			return &l->rows[i];
	return NULL;
}

static void assert_row_sha(const struct listing *l, const char *path, const char *hex)
{
	size_t i = 0;
	while (i < l->n && strcmp(l->rows[i].path, path) != 0)
		i++;
	if (i == l->n)
		fail_msg("no entry '%s'", path);
	char got[65];
	sha256_hex(l->rows[i].sha256, got);
	assert_true(l->rows[i].hashed);
	assert_string_equal(got, hex);
}

static struct source_limits defaults(void)
{
	struct source_limits lim;
	source_limits_default(&lim);
	return lim;
}

static void test_source__zip_tar_7z_and_folder_hashes(void **state)
{
	(void)state;
	const char *kinds[] = {"a.zip", "a.tar.gz", "a.7z"};
	struct source_limits lim = defaults();
	for (size_t k = 0; k < 3; k++) {
		char *out = xasprintf("%s/%s", tmp, kinds[k]);
		mk(out, "--data", "data/hello.txt=hello", "--data", "data/empty.txt=", NULL);
		struct listing l;
		list_input(out, &lim, &l);
		assert_int_equal(l.rc, CS_OK);
		assert_row_sha(&l, "data/hello.txt", SHA_HELLO);
		assert_row_sha(&l, "data/empty.txt", SHA_EMPTY);
		assert_int_equal(row(&l, "data/hello.txt")->size, 5);
		/* the input itself is hashed too */
		size_t n;
		char *bytes = tu_read(out, &n);
		char hex[65];
		tu_sha256_hex(bytes, n, hex);
		assert_string_equal(l.info_hex, hex);
		assert_int_equal(l.info.size, (int64_t)n);
		free(bytes);
		listing_release(&l);
		free(out);
	}
	/* a folder: walked in bytewise order, links recorded, never followed */
	char *dir = xasprintf("%s/tree", tmp);
	char *p;
	mkdir(dir, 0755);
	p = xasprintf("%s/b.txt", dir);
	tu_write(p, "hello", 5);
	free(p);
	p = xasprintf("%s/B.txt", dir);
	tu_write(p, "", 0);
	free(p);
	p = xasprintf("%s/link", dir);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	free(p);
	p = xasprintf("%s/fifo", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	struct listing l;
	list_input(dir, &lim, &l);
	assert_int_equal(l.rc, CS_OK);
	assert_int_equal(l.n, 4);
	assert_string_equal(l.rows[0].path, "B.txt");    /* 'B' < 'b' < 'f' < 'l' */
	assert_string_equal(l.rows[1].path, "b.txt");
	assert_int_equal(l.rows[2].type, ENTRY_OTHER);  /* the FIFO was not opened: no hang */
	assert_false(l.rows[2].hashed);
	assert_int_equal(l.rows[3].type, ENTRY_SYMLINK);
	assert_string_equal(l.rows[3].link, "/etc/passwd");
	assert_false(l.rows[3].hashed);
	assert_row_sha(&l, "b.txt", SHA_HELLO);
	assert_string_equal(l.info.type, "directory");
	listing_release(&l);
	free(dir);
}

static void test_source__hostile_names_recorded_not_used(void **state)
{
	(void)state;
	char *out = xasprintf("%s/hostile.tar", tmp);
	mk(out, "--data", "../../escape.txt=hello", "--data", "/etc/abs.txt=hello", "--symlink",
	   "data/link=/etc/shadow", "--hardlink", "data/hard=../../escape.txt", "--data",
	   "bad\xff\x01name=x", NULL);
	struct source_limits lim = defaults();
	struct listing l;
	list_input(out, &lim, &l);
	assert_int_equal(l.rc, CS_OK);
	assert_row_sha(&l, "../../escape.txt", SHA_HELLO);
	assert_non_null(row(&l, "/etc/abs.txt"));
	const struct manifest_row *sl = row(&l, "data/link");
	assert_non_null(sl);
	assert_int_equal(sl->type, ENTRY_SYMLINK);
	assert_string_equal(sl->link, "/etc/shadow");
	assert_false(sl->hashed);
	const struct manifest_row *hl = row(&l, "data/hard");
	assert_non_null(hl);
	assert_int_equal(hl->type, ENTRY_HARDLINK);
	assert_string_equal(hl->link, "../../escape.txt");
	/* non-UTF-8 and control bytes are written \xNN */
	assert_non_null(row(&l, "bad\\xff\\x01name"));
	/* nothing was created outside: the names were never used as paths */
	struct stat st;
	char *esc = xasprintf("%s/../escape.txt", tmp);
	assert_int_not_equal(stat(esc, &st), 0);
	free(esc);
	listing_release(&l);
	free(out);
}

static void test_source__nested_archive(void **state)
{
	(void)state;
	char *inner = xasprintf("%s/inner.zip", tmp);
	char *outer = xasprintf("%s/outer.zip", tmp);
	char *deep = xasprintf("%s/deep.zip", tmp);
	char *spec1 = xasprintf("parts/inner.zip=%s", inner);
	char *spec2 = xasprintf("x/outer.zip=%s", outer);
	mk(inner, "--data", "data/hello.txt=hello", NULL);
	mk(outer, "--file", spec1, NULL);
	mk(deep, "--file", spec2, NULL);
	free(spec1);
	free(spec2);
	struct source_limits lim = defaults();
	struct listing l;
	list_input(outer, &lim, &l);
	assert_int_equal(l.rc, CS_OK);
	assert_non_null(row(&l, "parts/inner.zip"));
	assert_row_sha(&l, "parts/inner.zip!data/hello.txt", SHA_HELLO);
	listing_release(&l);

	/* depth 1: the zip in the zip is hashed as a file, not opened, with a warning */
	lim.max_depth = 1;
	list_input(deep, &lim, &l);
	assert_int_equal(l.rc, CS_OK);
	assert_non_null(row(&l, "x/outer.zip!parts/inner.zip"));
	assert_null(row(&l, "x/outer.zip!parts/inner.zip!data/hello.txt"));
	assert_int_equal(warnings_count(&l.w, "limit-depth"), 1);
	listing_release(&l);

	/* a copy of a nested entry, for media exhibits */
	char *copy = xasprintf("%s/copy.bin", tmp);
	int fd = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	unsigned char md[32];
	struct cs_error err = {0};
	lim = defaults();
	assert_int_equal(source_copy_entry(outer, "parts/inner.zip!data/hello.txt", &lim, fd, md, &err),
			 CS_OK);
	close(fd);
	char hex[65];
	sha256_hex(md, hex);
	assert_string_equal(hex, SHA_HELLO);
	size_t n;
	char *bytes = tu_read(copy, &n);
	assert_int_equal(n, 5);
	assert_memory_equal(bytes, "hello", 5);
	free(bytes);
	cs_error_clear(&err);
	fd = open(copy, O_WRONLY | O_TRUNC);
	assert_int_equal(source_copy_entry(outer, "parts/missing", &lim, fd, md, &err), CS_FATAL);
	assert_int_equal(err.status, EXIT_INPUT);
	close(fd);
	free(copy);
	free(inner);
	free(outer);
	free(deep);
}

static void test_source__limits(void **state)
{
	(void)state;
	char *bomb = xasprintf("%s/bomb.zip", tmp);
	mk(bomb, "--data", "data/ok.txt=hello", "--zeros", "data/zeros.bin=50000000", NULL);
	struct listing l;

	struct source_limits lim = defaults();
	list_input(bomb, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_int_equal(l.err.status, EXIT_INPUT);
	assert_non_null(strstr(l.err.msg, "data/zeros.bin"));
	assert_non_null(strstr(l.err.msg, "--max-ratio"));
	listing_release(&l);

	lim = defaults();
	lim.max_ratio = 1000000;
	lim.max_entry_size = 1000000;
	list_input(bomb, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_non_null(strstr(l.err.msg, "--max-entry-size"));
	listing_release(&l);

	lim = defaults();
	lim.max_ratio = 1000000;
	lim.max_total = 10000000;
	list_input(bomb, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_non_null(strstr(l.err.msg, "--max-total"));
	listing_release(&l);

	char *many = xasprintf("%s/many.zip", tmp);
	mk(many, "--data", "a=1", "--data", "b=2", "--data", "c=3", NULL);
	lim = defaults();
	lim.max_entries = 2;
	list_input(many, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_non_null(strstr(l.err.msg, "--max-entries"));
	listing_release(&l);
	lim.max_entries = 3;        /* exactly at the limit is fine */
	list_input(many, &lim, &l);
	assert_int_equal(l.rc, CS_OK);
	listing_release(&l);

	/* incompressible data does not trip the ratio */
	char *media = xasprintf("%s/media.zip", tmp);
	mk(media, "--random", "media/v.mp4=3000000", NULL);
	lim = defaults();
	list_input(media, &lim, &l);
	assert_int_equal(l.rc, CS_OK);
	assert_int_equal(row(&l, "media/v.mp4")->size, 3000000);
	listing_release(&l);
	free(bomb);
	free(many);
	free(media);
}

static void test_source__bad_inputs(void **state)
{
	(void)state;
	struct source_limits lim = defaults();
	struct listing l;
	/* not an archive */
	char *txt = xasprintf("%s/notes.txt", tmp);
	tu_write(txt, "just text\nnot an archive\n", 25);
	list_input(txt, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_int_equal(l.err.status, EXIT_INPUT);
	assert_non_null(strstr(l.err.msg, "notes.txt"));
	listing_release(&l);
	/* truncated mid-entry */
	char *full = xasprintf("%s/full.zip", tmp);
	char *cut = xasprintf("%s/cut.zip", tmp);
	mk(full, "--random", "a.bin=200000", "--random", "b.bin=200000", NULL);
	size_t n;
	char *bytes = tu_read(full, &n);
	tu_write(cut, bytes, n - 150000);
	free(bytes);
	list_input(cut, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_int_equal(l.err.status, EXIT_INPUT);
	assert_non_null(strstr(l.err.msg, "cut.zip"));
	listing_release(&l);
	/* missing */
	char *missing = xasprintf("%s/nope.zip", tmp);
	list_input(missing, &lim, &l);
	assert_int_equal(l.rc, CS_FATAL);
	assert_non_null(strstr(l.err.msg, "nope.zip"));
	listing_release(&l);
	free(txt);
	free(full);
	free(cut);
	free(missing);
}

static void test_source__input_never_modified(void **state)
{
	(void)state;
	char *zip = xasprintf("%s/keep.zip", tmp);
	mk(zip, "--data", "data/tweets.js=window.YTD.tweets.part0 = []", NULL);
	struct stat before, after;
	size_t n1, n2;
	char *b1 = tu_read(zip, &n1);
	assert_int_equal(stat(zip, &before), 0);
	struct source_limits lim = defaults();
	struct listing l;
	list_input(zip, &lim, &l);
	listing_release(&l);
	/* and through the binary, end to end */
	assert_int_equal(tu_run(NULL, NULL, "inspect", zip, NULL), 0);
	assert_int_equal(stat(zip, &after), 0);
	char *b2 = tu_read(zip, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(b1, b2, n1);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(before.st_atime, after.st_atime);  /* O_NOATIME */
	free(b1);
	free(b2);
	free(zip);
}

static void test_source__inspect_cli(void **state)
{
	(void)state;
	char *zip = xasprintf("%s/cli.zip", tmp);
	mk(zip, "--data", "x/data/tweets.js=window.YTD.tweets.part0 = []", "--data", "x/data/hello.txt=hello",
	   NULL);
	char *out = NULL, *err = NULL;
	assert_int_equal(tu_run(&out, &err, "inspect", zip, NULL), 0);
	assert_non_null(strstr(out, SHA_HELLO "           5  -              x/data/hello.txt"));
	assert_non_null(strstr(out, "layout    twitter-2022"));
	free(out);
	free(err);
	assert_int_equal(tu_run(&out, &err, "inspect", "--json", zip, NULL), 0);
	json_error_t je;
	json_t *j = json_loads(out, 0, &je);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "platform")), "twitter");
	assert_string_equal(json_string_value(json_object_get(j, "layout")), "twitter-2022");
	assert_int_equal(json_integer_value(json_object_get(j, "entries")), 2);
	json_t *src = json_array_get(json_object_get(j, "sources"), 0);
	assert_string_equal(json_string_value(json_object_get(src, "mime")), "application/zip");
	assert_non_null(json_object_get(json_object_get(j, "counts"), "connection"));
	json_decref(j);
	free(out);
	free(err);
	/* --max-element holds for inspect as for scan: a 4 KiB element over a
	 * 1K limit is skipped, and the warning says so */
	char *big = xmalloc(4096);
	memset(big, 'a', 4095);
	big[4095] = '\0';
	char *arg = xasprintf("x/data/tweets.js=window.YTD.tweets.part0 = [{\"tweet\": "
			      "{\"id_str\": \"1\", \"full_text\": \"%s\"}}]", big);
	char *zip2 = xasprintf("%s/cli-big.zip", tmp);
	mk(zip2, "--data", arg, NULL);
	assert_int_equal(tu_run(&out, &err, "inspect", "--json", zip2, NULL), 0);
	assert_null(strstr(out, "element-too-large"));
	free(out);
	free(err);
	assert_int_equal(tu_run(&out, &err, "inspect", "--json", "--max-element", "1K", zip2, NULL), 0);
	assert_non_null(strstr(out, "element-too-large"));
	free(out);
	free(err);
	free(zip2);
	free(arg);
	free(big);
	/* errors: one line naming the input, the SPEC's statuses */
	assert_int_equal(tu_run(NULL, &err, "inspect", "/nonexistent/x.zip", NULL), 3);
	assert_non_null(strstr(err, "conductscan: cannot open '/nonexistent/x.zip'"));
	free(err);
	assert_int_equal(tu_run(NULL, &err, "inspect", "--tz", "Mars/Olympus", zip, NULL), 2);
	assert_non_null(strstr(err, "unknown time zone 'Mars/Olympus'"));
	free(err);
	assert_int_equal(tu_run(NULL, &err, "inspect", "--max-ratio", "lots", zip, NULL), 2);
	free(err);
	assert_int_equal(tu_run(NULL, &err, "frobnicate", NULL), 2);
	free(err);
	free(zip);
}

int main(void)
{
	xalloc_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source__zip_tar_7z_and_folder_hashes),
		cmocka_unit_test(test_source__hostile_names_recorded_not_used),
		cmocka_unit_test(test_source__nested_archive),
		cmocka_unit_test(test_source__limits),
		cmocka_unit_test(test_source__bad_inputs),
		cmocka_unit_test(test_source__input_never_modified),
		cmocka_unit_test(test_source__inspect_cli),
	};
	return cmocka_run_group_tests_name("source", tests, setup, teardown);
}

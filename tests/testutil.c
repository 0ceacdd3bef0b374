#define _XOPEN_SOURCE 700
#include "tests/testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scanner/xalloc.h"

static char *slurp_fd(int fd)
{
	struct buf b = BUF_INIT(0);
	char tmp[65536];
	ssize_t n;
	while ((n = read(fd, tmp, sizeof tmp)) > 0)
		buf_add(&b, tmp, (size_t)n);
	return buf_detach(&b, NULL);
}

int tu_runv(char **out, char **err, const char *const *argv)
{
	char outpath[] = "/tmp/cs-out-XXXXXX", errpath[] = "/tmp/cs-err-XXXXXX";
	int ofd = mkstemp(outpath), efd = mkstemp(errpath);
	if (ofd < 0 || efd < 0)
		return -1;
	unlink(outpath);
	unlink(errpath);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(ofd, 1);
		dup2(efd, 2);
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		const char *bin = getenv("CS_BIN");
		execv(bin ? bin : "./conductscan", (char *const *)argv);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	lseek(ofd, 0, SEEK_SET);
	lseek(efd, 0, SEEK_SET);
	char *o = slurp_fd(ofd), *e = slurp_fd(efd);
	close(ofd);
	close(efd);
	if (out)
		*out = o;
	else
		free(o);
	if (err)
		*err = e;
	else
		free(e);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int tu_run(char **out, char **err, const char *arg, ...)
{
	const char *argv[64];
	size_t n = 0;
	argv[n++] = "conductscan";
	va_list ap;
	va_start(ap, arg);
	for (const char *a = arg; a && n < 63; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return tu_runv(out, err, argv);
}

char *tu_tmpdir(void)
{
	const char *t = getenv("TMPDIR");
	char *path = xasprintf("%s/cs-test-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(path)) {
		free(path);
		return NULL;
	}
	return path;
}

static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(p);
}

void tu_rmrf(const char *path)
{
	if (path)
		nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void tu_write(const char *path, const void *p, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

char *tu_read(const char *path, size_t *n)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	struct buf b = BUF_INIT(0);
	char tmp[65536];
	ssize_t r;
	while ((r = read(fd, tmp, sizeof tmp)) > 0)
		buf_add(&b, tmp, (size_t)r);
	close(fd);
	return buf_detach(&b, n);
}

void tu_sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char md[32];
	unsigned int len = 0;
	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

char *tu_sample(const char *name)
{
	const char *d = getenv("CS_SAMPLES");
	return xasprintf("%s/%s", d && *d ? d : "samples/built", name);
}

char *tu_tool(const char *name)
{
	const char *d = getenv("CS_TOOLS");
	return xasprintf("%s/%s", d && *d ? d : "build/default/tools", name);
}

int tu_items_emit(void *arg, struct item *it)
{
	struct tu_items *l = arg;
	/* Keep the raw bytes: they are borrowed from the parser. */
	if (it->raw) {
		unsigned char *copy = xmalloc(it->raw_len + 1);
		memcpy(copy, it->raw, it->raw_len);
		it->raw = copy;
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = it;
	return 0;
}

void tu_items_release(struct tu_items *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free((void *)l->v[i]->raw);
		item_release(l->v[i]);
		free(l->v[i]);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

struct item *tu_items_find(const struct tu_items *l, enum item_kind kind, const char *id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i]->kind == kind && l->v[i]->id && strcmp(l->v[i]->id, id) == 0)
			return l->v[i];
	return NULL;
}

size_t tu_items_count(const struct tu_items *l, enum item_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->v[i]->kind == kind;
	return n;
}

struct format_ctx *tu_parse_buffer(const struct format_ops *ops, const char *entry,
				   const void *p, size_t n, struct tu_items *items, int *rc)
{
	struct format_ctx *fc = format_ctx_new(tu_items_emit, items, NULL, NULL, 0);
	format_ctx_set_source(fc, 0, "test-input");
	format_ctx_set_entry(fc, 0, entry);
	struct entry_stream *s = entry_stream_from_memory(p, n);
	int r = ops->parse(fc, s);
	entry_stream_free(s);
	if (rc)
		*rc = r;
	return fc;
}

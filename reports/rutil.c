#include "reports/rutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "scanner/xalloc.h"

FILE *rutil_create(const char *dir, const char *rel, char **path, struct cs_error *err)
{
	*path = xasprintf("%s/%s", dir, rel);
	int fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create '%s': %s", *path, strerror(errno));
		return NULL;
	}
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create '%s': %s", *path, strerror(errno));
		close(fd);
		return NULL;
	}
	return f;
}

int rutil_close(FILE *f, const char *path, struct cs_error *err)
{
	if (!f)
		return CS_OK;
	int e = 0;
	if (fflush(f) != 0)
		e = errno ? errno : EIO;
	else if (ferror(f))
		e = EIO;
	if (fclose(f) != 0 && !e)
		e = errno ? errno : EIO;
	if (e) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(e));
		return CS_FATAL;
	}
	return CS_OK;
}

int rutil_write_file(const char *dir, const char *rel, const void *p, size_t n,
		     struct cs_error *err)
{
	char *path = NULL;
	int rc = CS_FATAL;
	FILE *f = rutil_create(dir, rel, &path, err);
	if (!f)
		goto out;
	if (n && fwrite(p, 1, n, f) != n) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
		fclose(f);
		goto out;
	}
	rc = rutil_close(f, path, err);
out:
	free(path);
	return rc;
}

void rutil_sha256(const void *p, size_t n, unsigned char md[32])
{
	unsigned int len = 0;
	EVP_Digest(p, n, md, &len, EVP_sha256(), NULL);
}

int rutil_sha256_file(const char *path, unsigned char md[32])
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	unsigned char *blk = xmalloc(1 << 16);
	ssize_t r;
	int rc = 0;
	for (;;) {
		r = read(fd, blk, 1 << 16);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		EVP_DigestUpdate(ctx, blk, (size_t)r);
	}
	int saved = errno;
	if (r < 0)
		rc = -1;
	unsigned int len = 0;
	EVP_DigestFinal_ex(ctx, md, &len);
	EVP_MD_CTX_free(ctx);
	free(blk);
	close(fd);
	errno = saved;
	return rc;
}

void rutil_hex(const unsigned char md[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

static void add_escaped(struct buf *b, unsigned char c)
{
	buf_addf(b, "\\x%02X", c);
}

char *rutil_clean(const char *s, size_t len, bool xml)
{
	if (!s)
		return NULL;
	struct buf b = BUF_INIT(0);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;
	buf_add(&b, "", 0);
	while (i < len) {
		utf8proc_int32_t cp = -1;
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
		if (n <= 0 || cp < 0) {
			add_escaped(&b, p[i]);
			i++;
			continue;
		}
		if (xml && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
			    cp == 0xFFFF)) {
			for (utf8proc_ssize_t k = 0; k < n; k++)
				add_escaped(&b, p[i + (size_t)k]);
		} else {
			buf_add(&b, p + i, (size_t)n);
		}
		i += (size_t)n;
	}
	return buf_detach(&b, NULL);
}

void rutil_csv_cell(struct buf *b, const char *s)
{
	if (!s || !*s)
		return;
	char *c = rutil_cleans(s, false);
	bool guard = strchr("=+-@\t\r", c[0]) != NULL;
	bool quote = strpbrk(c, ",\"\r\n") != NULL;
	if (quote)
		buf_adds(b, "\"");
	if (guard)
		buf_adds(b, "'");
	for (const char *q = c; *q; q++) {
		if (*q == '"')
			buf_adds(b, "\"\"");
		else
			buf_add(b, q, 1);
	}
	if (quote)
		buf_adds(b, "\"");
	free(c);
}

const char *rutil_severity_name(enum severity s)
{
	static const char *const names[] = {"info", "low", "medium", "high"};
	return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *root, const char *rel, struct strlist *files, struct strlist *others,
		int fail_status, struct cs_error *err)
{
	char *path = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	int rc = CS_FATAL;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct strlist names = STRLIST_INIT;
	if (!d) {
		cs_error_set(err, fail_status, "cannot read folder '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto out;
	}
	struct dirent *de;
	errno = 0;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strlist_push(&names, de->d_name);
	}
	if (errno) {
		cs_error_set(err, fail_status, "cannot read folder '%s': %s", path, strerror(errno));
		goto out;
	}
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		struct stat st;
		char *sub = *rel ? xasprintf("%s/%s", rel, names.v[i]) : xstrdup(names.v[i]);
		if (fstatat(dirfd(d), names.v[i], &st, AT_SYMLINK_NOFOLLOW) != 0) {
			cs_error_set(err, fail_status, "cannot read '%s/%s': %s", root, sub,
				     strerror(errno));
			free(sub);
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			int r = walk(root, sub, files, others, fail_status, err);
			free(sub);
			if (r != CS_OK)
				goto out;
		} else if (S_ISREG(st.st_mode)) {
			strlist_push_nodup(files, sub);
		} else if (others) {
			strlist_push_nodup(others, sub);
		} else {
			cs_error_set(err, fail_status, "unexpected non-file '%s/%s'", root, sub);
			free(sub);
			goto out;
		}
	}
	rc = CS_OK;
out:
	if (d)
		closedir(d);
	strlist_release(&names);
	free(path);
	return rc;
}

int rutil_list_files(const char *dir, struct strlist *files, struct strlist *others,
		     int fail_status, struct cs_error *err)
{
	int rc = walk(dir, "", files, others, fail_status, err);
	/* Folder-by-folder order is not bytewise order of whole paths
	 * ("a-b" < "a/b" but the folder "a" sorts first): sort once more. */
	if (files->n)
		qsort(files->v, files->n, sizeof *files->v, cmp_str);
	if (others && others->n)
		qsort(others->v, others->n, sizeof *others->v, cmp_str);
	return rc;
}

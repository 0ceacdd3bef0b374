#define _GNU_SOURCE     /* O_TMPFILE */
#include "scanner/spool.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/xalloc.h"

struct spool {
	int fd;
	pthread_mutex_t lock;
	uint64_t end;
	struct cs_error err;
	char *dir;
};

/* The folder out_dir is in ("." for "out"). New string. */
static char *dir_of(const char *out_dir)
{
	size_t len = strlen(out_dir);
	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	char *p = xmemdupz(out_dir, len);
	char *slash = strrchr(p, '/');
	if (!slash) {
		free(p);
		return xstrdup(".");
	}
	if (slash == p)
		slash[1] = '\0';
	else
		*slash = '\0';
	return p;
}

static int open_unlinked(const char *dir)
{
#ifdef O_TMPFILE
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL))
		return fd;
#endif
	/* a file system without O_TMPFILE: a name for an instant only */
	char *path = xasprintf("%s/.conductscan-spool-XXXXXX", dir);
	int fd2 = mkostemp(path, O_CLOEXEC);
	if (fd2 >= 0)
		unlink(path);
	free(path);
	return fd2;
}

struct spool *spool_new(const char *out_dir, struct cs_error *err)
{
	char *dir = dir_of(out_dir);
	int fd = open_unlinked(dir);
	if (fd < 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create a temporary file beside '%s': %s",
			     out_dir, strerror(errno));
		free(dir);
		return NULL;
	}
	struct spool *s = xcalloc(1, sizeof *s);
	s->fd = fd;
	s->dir = dir;
	pthread_mutex_init(&s->lock, NULL);
	return s;
}

static int fail(struct spool *s, const char *what, int e)
{
	pthread_mutex_lock(&s->lock);
	cs_error_set(&s->err, EXIT_OUTPUT, "cannot %s the spool file in '%s': %s", what, s->dir,
		     e ? strerror(e) : "short transfer");
	pthread_mutex_unlock(&s->lock);
	return CS_FATAL;
}

int spool_put(struct spool *s, const void *p, size_t n, uint64_t *off)
{
	pthread_mutex_lock(&s->lock);
	bool failed = s->err.status != 0;
	*off = s->end;
	s->end += n;
	pthread_mutex_unlock(&s->lock);
	if (failed)
		return CS_FATAL;
	const char *b = p;
	for (size_t done = 0; done < n;) {
		ssize_t w = pwrite(s->fd, b + done, n - done, (off_t)(*off + done));
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return fail(s, "write", w < 0 ? errno : ENOSPC);
		done += (size_t)w;
	}
	return CS_OK;
}

int spool_get(struct spool *s, uint64_t off, void *p, size_t n)
{
	char *b = p;
	for (size_t done = 0; done < n;) {
		ssize_t r = pread(s->fd, b + done, n - done, (off_t)(off + done));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return fail(s, "read", r < 0 ? errno : 0);
		done += (size_t)r;
	}
	return CS_OK;
}

const struct cs_error *spool_error(const struct spool *s)
{
	return &s->err;
}

uint64_t spool_size(const struct spool *s)
{
	return s->end;
}

void spool_free(struct spool *s)
{
	if (!s)
		return;
	close(s->fd);
	pthread_mutex_destroy(&s->lock);
	free(s->dir);
	free(s);
}

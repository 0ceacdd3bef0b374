/*
 * The bundle folder: written whole in a temporary folder beside --out and
 * renamed into place, so a failure or an interrupt never leaves a partial
 * bundle, and an occupied --out is never touched.
 */
#define _GNU_SOURCE
#include "reports/bundle.h"
#include "reports/sums.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "reports/rutil.h"
#include "scanner/xalloc.h"

/* ---- removal without following links, async-signal-safe ----------------- */

/* The temporary folder in progress, for the signal handler.  Written only
 * with SIGINT/SIGTERM blocked; `armed` is set after the path is complete. */
static char cleanup_path[PATH_MAX];
static volatile sig_atomic_t cleanup_armed;

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/*
 * Removes everything inside the folder open as dfd, then nothing else.
 * Only openat, getdents64, unlinkat, lseek and close: all plain system
 * calls, safe in a signal handler (readdir and nftw are not: they may
 * allocate).  A link is unlinked, never followed (O_NOFOLLOW on every open).
 * Depth is bounded: the bundle is two levels deep.
 */
static void clear_dir_at(int dfd, int depth)
{
	char dbuf[4096] __attribute__((aligned(8)));
	for (int pass = 0; pass < 64; pass++) {
		int removed = 0, seen = 0;
		if (lseek(dfd, 0, SEEK_SET) != 0)
			return;
		for (;;) {
			long n = syscall(SYS_getdents64, dfd, dbuf, sizeof dbuf);
			if (n <= 0)
				break;
			for (long off = 0; off < n;) {
				struct linux_dirent64 *de = (struct linux_dirent64 *)(dbuf + off);
				off += de->d_reclen;
				const char *name = de->d_name;
				if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
					continue;
				seen++;
				if (unlinkat(dfd, name, 0) == 0) {
					removed++;
					continue;
				}
				if ((errno == EISDIR || errno == EPERM) && depth < 8) {
					int sub = openat(dfd, name,
							 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
					if (sub >= 0) {
						clear_dir_at(sub, depth + 1);
						close(sub);
					}
					if (unlinkat(dfd, name, AT_REMOVEDIR) == 0)
						removed++;
				}
			}
		}
		if (!seen || !removed)
			return;
	}
}

static void remove_tree(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		clear_dir_at(fd, 0);
		close(fd);
		rmdir(path);
	} else if (errno == ENOTDIR || errno == ELOOP) {
		unlink(path);
	}
}

void bundle_cleanup_now(void)
{
	if (cleanup_armed) {
		cleanup_armed = 0;
		remove_tree(cleanup_path);
	}
}

void bundle_abort_current(void)
{
	bundle_cleanup_now();
}

static void on_signal(int sig)
{
	bundle_cleanup_now();
	_exit(128 + sig);
}

void bundle_install_signal_cleanup(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGINT);
	sigaddset(&sa.sa_mask, SIGTERM);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void block_signals(sigset_t *old)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &s, old);
}

static void restore_signals(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* ---- begin, commit, abort ----------------------------------------------- */

/* out_dir without trailing slashes, split into parent and base. */
static int split_out(const char *out_dir, char **parent, char **base, struct cs_error *err)
{
	size_t len = strlen(out_dir);
	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	char *p = xmemdupz(out_dir, len);
	char *slash = strrchr(p, '/');
	const char *b = slash ? slash + 1 : p;
	if (!*b || !strcmp(b, ".") || !strcmp(b, "..") || !strcmp(p, "/")) {
		cs_error_set(err, EXIT_USAGE, "cannot write bundle '%s': name a new folder", out_dir);
		free(p);
		return CS_FATAL;
	}
	*base = xstrdup(b);
	if (!slash)
		*parent = xstrdup(".");
	else if (slash == p)
		*parent = xstrdup("/");
	else
		*parent = xmemdupz(p, (size_t)(slash - p));
	free(p);
	return CS_OK;
}

/* 1 empty folder, 0 does not exist, -1 occupied (err set). */
static int out_state(const char *out_dir, struct cs_error *err)
{
	struct stat st;
	if (lstat(out_dir, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		cs_error_set(err, EXIT_OUTPUT, "cannot write bundle '%s': %s", out_dir,
			     strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		cs_error_set(err, EXIT_USAGE, "cannot write bundle '%s': it exists and is not a folder",
			     out_dir);
		return -1;
	}
	DIR *d = opendir(out_dir);
	if (!d) {
		cs_error_set(err, EXIT_USAGE, "cannot write bundle '%s': %s", out_dir,
			     strerror(errno));
		return -1;
	}
	struct dirent *de;
	int empty = 1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	if (!empty) {
		cs_error_set(err, EXIT_USAGE,
			     "cannot write bundle '%s': the folder exists and is not empty", out_dir);
		return -1;
	}
	return 1;
}

static mode_t dir_mode;

int bundle_check_out(const char *out_dir, struct cs_error *err)
{
	char *parent = NULL, *base = NULL;
	int rc = split_out(out_dir, &parent, &base, err);
	if (rc == CS_OK && out_state(out_dir, err) < 0)
		rc = CS_FATAL;
	free(parent);
	free(base);
	return rc;
}

int bundle_begin(const char *out_dir, char **tmp, struct cs_error *err)
{
	char *parent = NULL, *base = NULL;
	int rc = CS_FATAL;
	*tmp = NULL;
	if (split_out(out_dir, &parent, &base, err) != CS_OK)
		goto out;
	if (out_state(out_dir, err) < 0)
		goto out;
	mode_t mask = umask(077);
	umask(mask);
	dir_mode = 0777 & ~mask;

	char *path = xasprintf("%s/.%s.tmp-XXXXXX", parent, base);
	if (strlen(path) >= sizeof cleanup_path) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create a folder beside '%s': path too long",
			     out_dir);
		free(path);
		goto out;
	}
	sigset_t old;
	block_signals(&old);
	if (!mkdtemp(path)) {
		restore_signals(&old);
		cs_error_set(err, EXIT_OUTPUT, "cannot create a folder beside '%s': %s", out_dir,
			     strerror(errno));
		free(path);
		goto out;
	}
	memcpy(cleanup_path, path, strlen(path) + 1);
	cleanup_armed = 1;
	restore_signals(&old);
	*tmp = path;
	rc = CS_OK;
out:
	free(parent);
	free(base);
	return rc;
}

static int sync_path(const char *path, bool dir, struct cs_error *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
	if (fd < 0 || fsync(fd) != 0) {
		/* Some file systems cannot fsync a folder: that is not a failure. */
		if (fd >= 0 && dir && (errno == EINVAL || errno == ENOTSUP)) {
			close(fd);
			return CS_OK;
		}
		cs_error_set(err, EXIT_OUTPUT, "cannot sync '%s': %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return CS_FATAL;
	}
	close(fd);
	return CS_OK;
}

/*
 * Everything written under tmp on stable storage before the rename, with
 * one syncfs(2) of its file system: opening and fsyncing each file was two
 * system calls and a journal commit per exhibit (200,000 of each for as
 * many exhibits, seconds of system time, minutes on a disk that honours
 * every flush).  syncfs also writes what others have dirtied on that file
 * system, a cost bounded by the kernel's dirty limits.  Where the call
 * fails, each file and folder is fsynced as before.
 */
static int sync_each(const char *tmp, struct cs_error *err)
{
	struct strlist files = STRLIST_INIT;
	int rc = rutil_list_files(tmp, &files, NULL, EXIT_OUTPUT, err);
	for (size_t i = 0; rc == CS_OK && i < files.n; i++) {
		char *p = xasprintf("%s/%s", tmp, files.v[i]);
		rc = sync_path(p, false, err);
		free(p);
	}
	if (rc == CS_OK) {
		char *ex = xasprintf("%s/exhibits", tmp);
		struct stat st;
		if (lstat(ex, &st) == 0 && S_ISDIR(st.st_mode))
			rc = sync_path(ex, true, err);
		free(ex);
	}
	if (rc == CS_OK)
		rc = sync_path(tmp, true, err);
	strlist_release(&files);
	return rc;
}

static int sync_tree(const char *tmp, struct cs_error *err)
{
	int fd = open(tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && syncfs(fd) == 0) {
		close(fd);
		return CS_OK;
	}
	if (fd >= 0)
		close(fd);
	return sync_each(tmp, err);
}

int bundle_commit(const char *tmp, const char *out_dir, struct cs_error *err)
{
	char *parent = NULL, *base = NULL;
	int rc = CS_FATAL;
	if (split_out(out_dir, &parent, &base, err) != CS_OK)
		goto out;
	if (sync_tree(tmp, err) != CS_OK)
		goto out;
	if (chmod(tmp, dir_mode) != 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot set the mode of '%s': %s", tmp,
			     strerror(errno));
		goto out;
	}
	if (out_state(out_dir, err) < 0)
		goto out;
	sigset_t old;
	block_signals(&old);
	/* rename(2) replaces an empty folder atomically; a folder that became
	 * occupied meanwhile makes it fail and stays untouched. */
	if (rename(tmp, out_dir) != 0) {
		int e = errno;
		restore_signals(&old);
		if (e == ENOTEMPTY || e == EEXIST || e == ENOTDIR)
			cs_error_set(err, EXIT_USAGE,
				     "cannot write bundle '%s': the folder exists and is not empty",
				     out_dir);
		else
			cs_error_set(err, EXIT_OUTPUT, "cannot rename '%s' to '%s': %s", tmp, out_dir,
				     strerror(e));
		goto out;
	}
	cleanup_armed = 0;
	restore_signals(&old);
	rc = sync_path(parent, true, err);
out:
	free(parent);
	free(base);
	return rc;
}

void bundle_abort(const char *tmp)
{
	if (!tmp)
		return;
	sigset_t old;
	block_signals(&old);
	if (cleanup_armed && !strcmp(cleanup_path, tmp))
		cleanup_armed = 0;
	restore_signals(&old);
	remove_tree(tmp);
}

/* ---- the whole bundle --------------------------------------------------- */

static const struct report_ops *test_writer;

void bundle_set_test_writer(const struct report_ops *w)
{
	test_writer = w;
}

static bool format_enabled(const char *formats, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = formats; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && !memcmp(p, name, n))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

int bundle_check_formats(const char *formats, struct cs_error *err)
{
	if (!formats || !strcmp(formats, "none"))
		return CS_OK;
	size_t nw;
	const struct report_ops *const *w = report_writers(&nw);
	for (const char *p = formats; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bool known = len == 0;
		for (size_t i = 0; i < nw && !known; i++)
			known = w[i]->format && strlen(w[i]->format) == len &&
				!memcmp(w[i]->format, p, len);
		if (!known) {
			cs_error_set(err, EXIT_USAGE,
				     "unknown --format '%.*s': the choices are html and csv", (int)len,
				     p);
			return CS_FATAL;
		}
		if (!end)
			break;
		p = end + 1;
	}
	return CS_OK;
}

/* Messages name the temporary folder; the user knows only --out. */
static void rename_in_message(struct cs_error *err, const char *tmp, const char *out_dir)
{
	char *at = strstr(err->msg, tmp);
	if (!at)
		return;
	struct buf b = BUF_INIT(0);
	buf_add(&b, err->msg, (size_t)(at - err->msg));
	buf_adds(&b, out_dir);
	buf_adds(&b, at + strlen(tmp));
	size_t n = b.len < sizeof err->msg - 1 ? b.len : sizeof err->msg - 1;
	memcpy(err->msg, b.p, n);
	err->msg[n] = '\0';
	buf_release(&b);
}

int bundle_write_all(const struct bundle_data *d, const char *out_dir, bool html, bool csv,
		     char seal[65], struct cs_error *err)
{
	const char *formats = html && csv ? "html,csv" : html ? "html" : csv ? "csv" : "";
	return bundle_write_formats(d, out_dir, formats, seal, err);
}

int bundle_write_formats(const struct bundle_data *d, const char *out_dir, const char *formats,
			 char seal[65], struct cs_error *err)
{
	char *tmp = NULL;
	int rc = CS_FATAL;
	seal[0] = '\0';
	if (!formats)
		formats = "html,csv";
	if (!strcmp(formats, "none"))
		formats = "";
	if (bundle_check_formats(formats, err) != CS_OK)
		return CS_FATAL;
	if (bundle_begin(out_dir, &tmp, err) != CS_OK)
		return CS_FATAL;
	size_t nw;
	const struct report_ops *const *w = report_writers(&nw);
	for (size_t i = 0; i < nw; i++) {
		if (w[i]->format && !format_enabled(formats, w[i]->format))
			continue;
		if (w[i]->write(d, tmp, err) != CS_OK)
			goto out;
	}
	if (test_writer && test_writer->write(d, tmp, err) != CS_OK)
		goto out;
	if (sums_write(tmp, err) != CS_OK || sums_seal(tmp, seal, err) != CS_OK)
		goto out;
	if (bundle_commit(tmp, out_dir, err) != CS_OK)
		goto out;
	rc = CS_OK;
out:
	if (rc != CS_OK) {
		if (!err->status)
			cs_error_set(err, EXIT_OUTPUT, "cannot write bundle '%s'", out_dir);
		rename_in_message(err, tmp, out_dir);
		bundle_abort(tmp);
		seal[0] = '\0';
	}
	free(tmp);
	return rc;
}

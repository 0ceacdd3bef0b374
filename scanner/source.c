#define _GNU_SOURCE     /* O_NOATIME */
#include "scanner/source.h"

#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "scanner/buf.h"
#include "scanner/xalloc.h"

#define HEAD_MAX 4096u
#define READ_BLOCK (64u * 1024u)
/* Entries a folder may be nested: deeper is recorded, not walked. */
#define MAX_DIR_DEPTH 128
/* An entry's ratio is checked once it has produced this much. */
#define RATIO_FLOOR (1u << 20)

void source_limits_default(struct source_limits *l)
{
	l->max_entry_size = 8ull << 30;
	l->max_total = 64ull << 30;
	l->max_entries = 1000000;
	l->max_ratio = 200;
	l->max_depth = 2;
}

const char *entry_type_name(enum entry_type t)
{
	static const char *const names[] = {"file", "dir", "symlink", "hardlink", "other"};
	return (unsigned)t < sizeof names / sizeof *names ? names[t] : "other";
}

void sha256_hex(const unsigned char md[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
}

/* A name as recorded: UTF-8 kept; other bytes, control characters and '\'
 * written \xNN, so every name is printable and maps back to its bytes. */
static char *escape_name(const char *raw)
{
	struct buf b = BUF_INIT(0);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)raw;
	size_t len = strlen(raw);
	while (len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		if (n <= 0 || cp < 0x20 || cp == 0x7f || cp == '\\') {
			buf_addf(&b, "\\x%02x", *p);
			n = 1;
		} else {
			buf_add(&b, p, (size_t)n);
		}
		p += n;
		len -= (size_t)n;
	}
	return buf_detach(&b, NULL);
}

static int open_readonly(const char *path, int extra)
{
	/* O_NOATIME keeps even the access time; only the owner (or root) may
	 * ask for it, so fall back without it. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOATIME | extra);
	if (fd < 0 && errno == EPERM)
		fd = open(path, O_RDONLY | O_CLOEXEC | extra);
	return fd;
}

/* ---- the source ------------------------------------------------------ */

struct level {
	struct archive *a;
	char *prefix;           /* "outer.zip!" for nested archives, "" at the top */
	int spool_fd;           /* the nested archive's temporary copy, or -1 */
	unsigned depth;
	bool broken;            /* a nested archive that failed: skip the rest */
};

struct dir_item {
	char *rel;              /* path relative to the folder, as the bytes are */
	enum entry_type type;
	int64_t size;
	int64_t mtime;
	char *link;
};

struct hasher {
	pthread_t thread;
	bool running;
	int fd;
	unsigned char md[32];
	int64_t size;
	uint64_t local_headers;
	int error;              /* errno of a failed read, 0 */
};

struct source {
	char *input;
	unsigned index;
	const struct source_limits *lim;
	struct warnings *w;
	uint64_t *total_read;
	uint64_t *entries_read;
	struct source_info info;
	magic_t magic;
	bool is_dir;

	/* folder */
	struct dir_item *dir;
	size_t n_dir, dir_cap, dir_next;
	EVP_MD_CTX *dir_md;     /* over "sha256  path\n" of each file: the folder's hash */
	int fd;                 /* the folder's current file */

	/* archive */
	int input_fd;
	struct level stack[16];
	int top;                /* index of the innermost level */
	uint64_t local_headers; /* zip local file headers seen in the raw file */
	struct hasher hasher;   /* the INPUT's own hash, on its own thread */
	bool listed_checked;
	bool unopened_archives; /* nested too deep: their headers are not entries */
	bool unhashed;          /* source_open_unhashed: no hasher thread, no info */

	/* the current entry */
	bool have_entry;
	struct source_entry cur;
	char *cur_path;
	char *cur_link;
	bool readable;          /* has data to read */
	EVP_MD_CTX *md;
	uint64_t read_bytes;
	int64_t compressed_start;
	unsigned char head[HEAD_MAX];
	size_t head_len, head_served;
	bool at_end;
	bool failed;
	char errmsg[1100];
	bool fatal;
	struct cs_error *fatal_err;
	struct cs_error own_err;
	int spool_fd;           /* writing the current entry to a spool, or -1 */
	bool nest;
	bool opened;            /* the last finished entry was pushed as a nested archive */
	struct entry_stream *stream;
};

static void src_warn(struct source *s, int64_t offset, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void src_warn(struct source *s, int64_t offset, const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	warnings_vadd(s->w, s->index, s->input, s->have_entry ? *s->entries_read - 1 : UINT32_MAX,
		      s->have_entry ? s->cur_path : NULL, offset, code, fmt, ap);
	va_end(ap);
}

static struct archive *new_reader(void)
{
	struct archive *a = archive_read_new();
	archive_read_support_filter_all(a);
	/* Not format_all: mtree and raw would take any text file for an
	 * archive of lines. */
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_7zip(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_rar(a);
	archive_read_support_format_rar5(a);
	return a;
}

/*
 * Zip local file headers ("PK\3\4", a plausible version and name length)
 * starting in p[0, starts) with their 30 fixed bytes inside p[0, n).  A zip
 * whose central directory lists fewer entries than it has local headers
 * holds data that libarchive (reading by the directory) never shows: the
 * subject can hide entries that way.  Counting costs nothing while the file
 * is hashed; stored zips inside the zip have headers too, and are counted
 * among the entries when they are opened.
 */
static uint64_t count_local_headers(const unsigned char *p, size_t n, size_t starts)
{
	uint64_t c = 0;
	for (size_t i = 0; i < starts && i + 30 <= n; i++) {
		const unsigned char *q = memchr(p + i, 'P', starts - i);
		if (!q)
			break;
		i = (size_t)(q - p);
		if (i + 30 > n)
			break;
		unsigned version = q[4] | q[5] << 8, name_len = q[26] | q[27] << 8;
		if (q[1] == 'K' && q[2] == 3 && q[3] == 4 && version <= 100 && name_len >= 1 &&
		    name_len <= 4096)
			c++;
	}
	return c;
}

/*
 * The INPUT file itself is hashed on a thread of its own with pread(2),
 * while libarchive reads the same file through its own offset: the two
 * passes overlap instead of doubling the reading time of a large export.
 * The results are taken when the thread is joined (hasher_join).
 */

static void *hash_main(void *p)
{
	struct hasher *h = p;
	unsigned char carry[64];
	size_t carry_n = 0;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char *blk = xmalloc(READ_BLOCK);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	int64_t total = 0;
	for (;;) {
		ssize_t n = pread(h->fd, blk, READ_BLOCK, total);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			h->error = errno;
			break;
		}
		if (n == 0)
			break;
		EVP_DigestUpdate(md, blk, (size_t)n);
		if (carry_n) {      /* headers that start in the last block's tail */
			size_t k = (size_t)n < 29 ? (size_t)n : 29;
			memcpy(carry + carry_n, blk, k);
			h->local_headers += count_local_headers(carry, carry_n + k, carry_n);
		}
		h->local_headers += count_local_headers(blk, (size_t)n, (size_t)n);
		carry_n = (size_t)n < 29 ? (size_t)n : 29;
		memcpy(carry, blk + n - carry_n, carry_n);
		total += n;
	}
	unsigned int mdlen = 0;
	EVP_DigestFinal_ex(md, h->md, &mdlen);
	h->size = total;
	free(blk);
	EVP_MD_CTX_free(md);
	return NULL;
}

/* Types the INPUT from its first bytes and starts hashing it (unless the
 * source only copies entries out: source_open_unhashed). */
static int hash_file(struct source *s, int fd, struct cs_error *err)
{
	unsigned char head[HEAD_MAX];
	ssize_t n;
	do
		n = pread(fd, head, sizeof head, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		cs_error_set(err, EXIT_INPUT, "cannot read '%s': %s", s->input, strerror(errno));
		return CS_FATAL;
	}
	const char *m = magic_buffer(s->magic, head, (size_t)n);
	s->info.mime = xstrdup(m ? m : "application/octet-stream");
	s->hasher.fd = fd;
	if (s->unhashed)
		return CS_OK;
	if (pthread_create(&s->hasher.thread, NULL, hash_main, &s->hasher) == 0)
		s->hasher.running = true;
	else
		hash_main(&s->hasher);      /* no thread: the same work, in turn */
	return CS_OK;
}

/* Waits for the INPUT's hash; CS_FATAL (EXIT_INPUT) if it could not be read. */
static int hasher_join(struct source *s, struct cs_error *err)
{
	if (s->hasher.running) {
		pthread_join(s->hasher.thread, NULL);
		s->hasher.running = false;
		memcpy(s->info.sha256, s->hasher.md, 32);
		s->info.size = s->hasher.size;
		s->local_headers = s->hasher.local_headers;
	}
	if (s->hasher.error) {
		cs_error_set(err, EXIT_INPUT, "cannot read '%s': %s", s->input,
			     strerror(s->hasher.error));
		return CS_FATAL;
	}
	return CS_OK;
}

static int cmp_bytes(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks a folder in bytewise-sorted order, never following links. */
static int walk(struct source *s, const char *root, const char *rel, int depth, struct cs_error *err)
{
	char *path = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	int rc = CS_OK;
	char **names = NULL;
	size_t n = 0, cap = 0;
	DIR *d = opendir(path);
	if (!d) {
		if (*rel) {
			warnings_add(s->w, s->index, s->input, UINT32_MAX, rel, -1, "unreadable",
				     "folder could not be read: %s", strerror(errno));
			goto out;
		}
		cs_error_set(err, EXIT_INPUT, "cannot open '%s': %s", s->input, strerror(errno));
		rc = CS_FATAL;
		goto out;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		names = xgrow(names, &cap, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof *names, cmp_bytes);
	for (size_t i = 0; i < n && rc == CS_OK; i++) {
		char *crel = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		char *cpath = xasprintf("%s/%s", root, crel);
		struct stat st;
		if (lstat(cpath, &st) != 0) {
			warnings_add(s->w, s->index, s->input, UINT32_MAX, crel, -1, "unreadable",
				     "cannot stat: %s", strerror(errno));
			free(crel);
			free(cpath);
			continue;
		}
		if (s->n_dir >= s->lim->max_entries) {
			cs_error_set(err, EXIT_INPUT,
				     "input '%s' has more than %llu entries (limit --max-entries)",
				     s->input, (unsigned long long)s->lim->max_entries);
			rc = CS_FATAL;
			free(crel);
			free(cpath);
			break;
		}
		s->dir = xgrow(s->dir, &s->dir_cap, s->n_dir + 1, sizeof *s->dir);
		struct dir_item *it = &s->dir[s->n_dir++];
		memset(it, 0, sizeof *it);
		it->rel = crel;
		it->mtime = (int64_t)st.st_mtime;
		it->size = (int64_t)st.st_size;
		if (S_ISREG(st.st_mode)) {
			it->type = ENTRY_FILE;
		} else if (S_ISDIR(st.st_mode)) {
			it->type = ENTRY_DIR;
			it->size = 0;
			if (depth >= MAX_DIR_DEPTH)
				warnings_add(s->w, s->index, s->input, UINT32_MAX, crel, -1, "limit-depth",
					     "folder nested deeper than %d levels was not walked",
					     MAX_DIR_DEPTH);
			else
				rc = walk(s, root, crel, depth + 1, err);
		} else if (S_ISLNK(st.st_mode)) {
			it->type = ENTRY_SYMLINK;
			it->size = 0;
			char target[4096];
			ssize_t tl = readlink(cpath, target, sizeof target - 1);
			if (tl >= 0) {
				target[tl] = '\0';
				it->link = xstrdup(target);
			}
		} else {
			it->type = ENTRY_OTHER;     /* devices and FIFOs are never opened */
			it->size = 0;
		}
		free(cpath);
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(path);
	return rc;
}

static struct source *open_source(const char *input, unsigned source_index,
				  const struct source_limits *lim, struct warnings *w,
				  uint64_t *total_read, uint64_t *entries_read, bool unhashed,
				  struct cs_error *err)
{
	struct source *s = xcalloc(1, sizeof *s);
	s->unhashed = unhashed;
	s->input = xstrdup(input);
	s->index = source_index;
	s->lim = lim;
	s->w = w;
	s->total_read = total_read;
	s->entries_read = entries_read;
	s->fd = -1;
	s->input_fd = -1;
	s->spool_fd = -1;
	s->top = -1;
	s->info.path = xstrdup(input);
	s->md = EVP_MD_CTX_new();
	s->magic = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
	if (!s->magic || magic_load(s->magic, NULL) != 0) {
		cs_error_set(err, EXIT_INPUT, "cannot load the libmagic database: %s",
			     s->magic ? magic_error(s->magic) : "out of memory");
		goto fail;
	}

	struct stat st;
	if (stat(input, &st) != 0) {
		cs_error_set(err, EXIT_INPUT, "cannot open '%s': %s", input, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		s->is_dir = true;
		s->info.type = "directory";
		s->info.mime = xstrdup("inode/directory");
		s->dir_md = EVP_MD_CTX_new();
		EVP_DigestInit_ex(s->dir_md, EVP_sha256(), NULL);
		if (walk(s, input, "", 0, err) != CS_OK)
			goto fail;
		return s;
	}
	if (!S_ISREG(st.st_mode)) {
		cs_error_set(err, EXIT_INPUT, "not a supported export '%s': not a file or folder", input);
		goto fail;
	}
	s->info.type = "file";
	s->input_fd = open_readonly(input, 0);
	if (s->input_fd < 0) {
		cs_error_set(err, EXIT_INPUT, "cannot open '%s': %s", input, strerror(errno));
		goto fail;
	}
	if (hash_file(s, s->input_fd, err) != CS_OK)
		goto fail;
	if (lseek(s->input_fd, 0, SEEK_SET) != 0) {
		cs_error_set(err, EXIT_INPUT, "cannot read '%s': %s", input, strerror(errno));
		goto fail;
	}
	struct archive *a = new_reader();
	if (archive_read_open_fd(a, s->input_fd, READ_BLOCK) != ARCHIVE_OK) {
		cs_error_set(err, EXIT_INPUT, "not a supported export '%s': %s", input,
			     archive_error_string(a) ? archive_error_string(a) : "not an archive");
		archive_read_free(a);
		goto fail;
	}
	s->top = 0;
	s->stack[0] = (struct level){a, xstrdup(""), -1, 0, false};
	return s;
fail:
	source_close(s);
	return NULL;
}

struct source *source_open(const char *input, unsigned source_index,
			   const struct source_limits *lim, struct warnings *w,
			   uint64_t *total_read, uint64_t *entries_read, struct cs_error *err)
{
	return open_source(input, source_index, lim, w, total_read, entries_read, false, err);
}

struct source *source_open_unhashed(const char *input, const struct source_limits *lim,
				    struct warnings *w, uint64_t *total_read,
				    uint64_t *entries_read, struct cs_error *err)
{
	return open_source(input, 0, lim, w, total_read, entries_read, true, err);
}

void source_get_info(const struct source *s, struct source_info *info)
{
	*info = s->info;
}

/* ---- reading the current entry --------------------------------------- */

static void fail_entry(struct source *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail_entry(struct source *s, const char *fmt, ...)
{
	if (s->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
	va_end(ap);
	s->failed = true;
	s->at_end = true;
}

static void fatal(struct source *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fatal(struct source *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cs_error_vset(s->fatal_err, EXIT_INPUT, fmt, ap);
	va_end(ap);
	s->fatal = true;
	s->failed = true;
	s->at_end = true;
	snprintf(s->errmsg, sizeof s->errmsg, "%s", s->fatal_err->msg);
}

/* Every byte read passes here: hashed, counted against the limits, spooled
 * when the entry is an archive to open. */
static int take(struct source *s, const void *p, size_t n)
{
	EVP_DigestUpdate(s->md, p, n);
	s->read_bytes += n;
	*s->total_read += n;
	if (s->read_bytes > s->lim->max_entry_size) {
		fatal(s, "entry '%s' of '%s' is larger than %llu bytes (limit --max-entry-size)",
		      s->cur_path, s->input, (unsigned long long)s->lim->max_entry_size);
		return -1;
	}
	if (*s->total_read > s->lim->max_total) {
		fatal(s, "input '%s' unpacks to more than %llu bytes at entry '%s' (limit --max-total)",
		      s->input, (unsigned long long)s->lim->max_total, s->cur_path);
		return -1;
	}
	if (!s->is_dir && s->read_bytes >= RATIO_FLOOR && s->compressed_start >= 0) {
		struct archive *a = s->stack[0].a;
		int64_t used = archive_filter_bytes(a, -1) - s->compressed_start;
		/* Nested archives are measured against their own spool. */
		if (s->top > 0)
			used = archive_filter_bytes(s->stack[s->top].a, -1) - s->compressed_start;
		if (used < 1)
			used = 1;
		if (s->read_bytes / (uint64_t)used > s->lim->max_ratio) {
			fatal(s, "entry '%s' of '%s' expands more than %llu times (limit --max-ratio): "
				 "a decompression bomb?",
			      s->cur_path, s->input, (unsigned long long)s->lim->max_ratio);
			return -1;
		}
	}
	if (s->spool_fd >= 0) {
		const char *q = p;
		size_t left = n;
		while (left) {
			ssize_t wr = write(s->spool_fd, q, left);
			if (wr < 0 && errno == EINTR)
				continue;
			if (wr <= 0) {
				src_warn(s, -1, "spool", "nested archive could not be spooled: %s",
					 strerror(errno));
				close(s->spool_fd);
				s->spool_fd = -1;
				s->nest = false;
				break;
			}
			q += wr;
			left -= (size_t)wr;
		}
	}
	return 0;
}

/* Reads from the backend (folder file or archive) into buf. */
static ssize_t raw_read(struct source *s, void *buf, size_t n)
{
	if (s->at_end || !s->readable)
		return 0;
	ssize_t r;
	if (s->is_dir) {
		do
			r = read(s->fd, buf, n);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			fail_entry(s, "%s", strerror(errno));
			return -1;
		}
	} else {
		struct archive *a = s->stack[s->top].a;
		r = archive_read_data(a, buf, n);
		if (r < 0) {
			const char *msg = archive_error_string(a);
			if (r == ARCHIVE_WARN) {
				/* e.g. a bad CRC: what is stored was read and hashed */
				src_warn(s, (int64_t)s->read_bytes, "archive-warning", "%s",
					 msg ? msg : "archive warning");
				return raw_read(s, buf, n);
			}
			if (r == ARCHIVE_FATAL && s->top == 0) {
				fatal(s, "cannot read archive '%s' at entry '%s': %s", s->input,
				      s->cur_path, msg ? msg : "corrupt archive");
				return -1;
			}
			fail_entry(s, "%s", msg ? msg : "corrupt entry");
			if (r == ARCHIVE_FATAL)
				s->stack[s->top].broken = true;
			return -1;
		}
	}
	if (r == 0) {
		s->at_end = true;
		return 0;
	}
	if (take(s, buf, (size_t)r) < 0)
		return -1;
	return r;
}

static ssize_t stream_read(void *impl, void *buf, size_t n, const char **errmsg)
{
	struct source *s = impl;
	if (s->head_served < s->head_len) {
		size_t k = s->head_len - s->head_served;
		if (k > n)
			k = n;
		memcpy(buf, s->head + s->head_served, k);
		s->head_served += k;
		return (ssize_t)k;
	}
	ssize_t r = raw_read(s, buf, n);
	if (r < 0)
		*errmsg = s->errmsg;
	return r;
}

static const struct entry_stream_backend stream_backend = {stream_read};

static bool looks_like_archive(const unsigned char *h, size_t n)
{
	if (n >= 4 && memcmp(h, "PK\3\4", 4) == 0)
		return true;
	if (n >= 4 && memcmp(h, "PK\5\6", 4) == 0)
		return true;
	if (n >= 2 && h[0] == 0x1f && h[1] == 0x8b)
		return true;
	if (n >= 6 && memcmp(h, "7z\xBC\xAF\x27\x1C", 6) == 0)
		return true;
	if (n >= 6 && memcmp(h, "\xFD" "7zXZ\0", 6) == 0)
		return true;
	if (n >= 3 && memcmp(h, "BZh", 3) == 0)
		return true;
	if (n >= 262 && memcmp(h + 257, "ustar", 5) == 0)
		return true;
	return false;
}

static int spool_open(void)
{
	const char *t = getenv("TMPDIR");
	char *path = xasprintf("%s/conductscan-nested-XXXXXX", t && *t ? t : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);       /* gone when closed, whatever happens */
	free(path);
	return fd;
}

/* Reads the head and decides whether the entry is an archive to open. */
static void start_entry(struct source *s)
{
	EVP_DigestInit_ex(s->md, EVP_sha256(), NULL);
	s->read_bytes = 0;
	s->head_len = s->head_served = 0;
	s->at_end = false;
	s->failed = false;
	s->errmsg[0] = '\0';
	s->nest = false;
	s->compressed_start = s->is_dir ? -1 : archive_filter_bytes(s->stack[s->top].a, -1);
	if (!s->readable)
		return;
	while (s->head_len < HEAD_MAX) {
		ssize_t r = raw_read(s, s->head + s->head_len, HEAD_MAX - s->head_len);
		if (r <= 0)
			break;
		s->head_len += (size_t)r;
	}
	if (s->fatal || s->failed || !looks_like_archive(s->head, s->head_len))
		return;
	if (s->cur.depth >= s->lim->max_depth) {
		s->unopened_archives = true;
		src_warn(s, 0, "limit-depth",
			 "archive nested %u deep was hashed as a file but not opened (limit --max-depth %u)",
			 s->cur.depth + 1, s->lim->max_depth);
		return;
	}
	if (s->top + 1 >= (int)(sizeof s->stack / sizeof *s->stack))
		return;
	s->spool_fd = spool_open();
	if (s->spool_fd < 0) {
		src_warn(s, 0, "spool", "nested archive not opened: no temporary file: %s",
			 strerror(errno));
		return;
	}
	s->nest = true;
	if (write(s->spool_fd, s->head, s->head_len) != (ssize_t)s->head_len) {
		close(s->spool_fd);
		s->spool_fd = -1;
		s->nest = false;
	}
}

static void clear_entry(struct source *s)
{
	if (s->spool_fd >= 0) {
		close(s->spool_fd);
		s->spool_fd = -1;
	}
	free(s->cur_path);
	free(s->cur_link);
	s->cur_path = s->cur_link = NULL;
	if (s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
	if (s->stream) {
		entry_stream_free(s->stream);
		s->stream = NULL;
	}
	s->have_entry = false;
}

static void pop_level(struct source *s)
{
	struct level *l = &s->stack[s->top];
	archive_read_free(l->a);
	free(l->prefix);
	if (l->spool_fd >= 0)
		close(l->spool_fd);
	s->top--;
}

static int next_dir(struct source *s, struct cs_error *err)
{
	if (s->dir_next >= s->n_dir)
		return 0;
	struct dir_item *it = &s->dir[s->dir_next++];
	s->cur_path = escape_name(it->rel);
	s->cur.type = it->type;
	s->cur.declared_size = it->type == ENTRY_FILE ? it->size : 0;
	s->cur.mtime = it->mtime;
	s->cur.has_mtime = true;
	s->cur_link = it->link ? escape_name(it->link) : NULL;
	s->cur.depth = 0;
	s->readable = false;
	if (it->type == ENTRY_FILE) {
		char *path = xasprintf("%s/%s", s->input, it->rel);
		s->fd = open_readonly(path, O_NOFOLLOW | O_NONBLOCK);
		if (s->fd < 0)
			src_warn(s, -1, "unreadable", "entry could not be opened: %s", strerror(errno));
		else
			s->readable = true;
		free(path);
	}
	(void)err;
	return 1;
}

/* At the end of a zip INPUT: more local headers than entries read means
 * entries its central directory does not list, which were not read. */
static void check_listed(struct source *s)
{
	if (s->listed_checked || s->top != 0 || s->unhashed)
		return;
	s->listed_checked = true;
	struct cs_error ignored = {0};
	hasher_join(s, &ignored);      /* a read error is reported by source_finish_info */
	struct archive *a = s->stack[0].a;
	if ((archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) != ARCHIVE_FORMAT_ZIP ||
	    s->local_headers <= s->info.entries)
		return;
	warnings_add(s->w, s->index, s->input, UINT32_MAX, NULL, -1, "zip-unlisted",
		     "the zip has %llu local file headers but only %llu entries were read: "
		     "entries its central directory does not list were not examined%s",
		     (unsigned long long)s->local_headers, (unsigned long long)s->info.entries,
		     s->unopened_archives ? " (or they belong to archives nested too deep to open)" : "");
}

static int next_archive(struct source *s, struct cs_error *err)
{
	for (;;) {
		if (s->top < 0)
			return 0;
		struct level *l = &s->stack[s->top];
		struct archive_entry *ae;
		int r = l->broken ? ARCHIVE_EOF : archive_read_next_header(l->a, &ae);
		if (r == ARCHIVE_EOF) {
			if (s->top == 0) {
				check_listed(s);
				return 0;
			}
			pop_level(s);
			continue;
		}
		if (r == ARCHIVE_FATAL || r == ARCHIVE_FAILED || r == ARCHIVE_RETRY) {
			const char *msg = archive_error_string(l->a);
			if (s->top == 0) {
				cs_error_set(err, EXIT_INPUT, "cannot read archive '%s': %s", s->input,
					     msg ? msg : "corrupt archive");
				return -1;
			}
			warnings_add(s->w, s->index, s->input, UINT32_MAX, l->prefix, -1, "bad-archive",
				     "nested archive could not be read further: %s",
				     msg ? msg : "corrupt archive");
			pop_level(s);
			continue;
		}
		if (r == ARCHIVE_WARN) {
			const char *msg = archive_error_string(l->a);
			warnings_add(s->w, s->index, s->input, UINT32_MAX, l->prefix, -1,
				     "archive-warning", "%s", msg ? msg : "archive warning");
		}
		const char *name = archive_entry_pathname_utf8(ae);
		if (!name)
			name = archive_entry_pathname(ae);
		if (!name)
			name = "";
		char *esc = escape_name(name);
		s->cur_path = xasprintf("%s%s", l->prefix, esc);
		free(esc);
		s->cur.depth = l->depth;
		s->cur.has_mtime = archive_entry_mtime_is_set(ae);
		s->cur.mtime = s->cur.has_mtime ? (int64_t)archive_entry_mtime(ae) : 0;
		s->cur.declared_size = archive_entry_size_is_set(ae) ? archive_entry_size(ae) : -1;
		s->readable = false;
		const char *hl = archive_entry_hardlink(ae);
		const char *sl = archive_entry_symlink(ae);
		mode_t ft = archive_entry_filetype(ae);
		if (hl) {
			s->cur.type = ENTRY_HARDLINK;
			s->cur_link = escape_name(hl);
		} else if (sl || ft == AE_IFLNK) {
			s->cur.type = ENTRY_SYMLINK;
			s->cur_link = escape_name(sl ? sl : "");
		} else if (ft == AE_IFDIR) {
			s->cur.type = ENTRY_DIR;
		} else if (ft == AE_IFREG || ft == 0) {
			s->cur.type = ENTRY_FILE;
			s->readable = true;
		} else {
			s->cur.type = ENTRY_OTHER;
		}
		s->cur.encrypted = archive_entry_is_encrypted(ae);
		if (s->cur.encrypted)
			s->readable = false;
		return 1;
	}
}

int source_next(struct source *s, const struct source_entry **e, struct cs_error *err)
{
	clear_entry(s);
	s->fatal_err = err;
	if (*s->entries_read >= s->lim->max_entries) {
		int more = s->is_dir ? s->dir_next < s->n_dir : 1;
		if (more && !s->is_dir) {
			/* Peek: is there really another entry? */
			more = 0;
			if (s->top >= 0) {
				struct archive_entry *ae;
				more = archive_read_next_header(s->stack[s->top].a, &ae) == ARCHIVE_OK;
			}
		}
		if (more) {
			cs_error_set(err, EXIT_INPUT,
				     "input '%s' has more than %llu entries (limit --max-entries)",
				     s->input, (unsigned long long)s->lim->max_entries);
			return -1;
		}
		return 0;
	}
	int r = s->is_dir ? next_dir(s, err) : next_archive(s, err);
	if (r <= 0)
		return r;
	s->have_entry = true;
	(*s->entries_read)++;
	s->cur.index = (unsigned)s->info.entries++;
	s->cur.path = s->cur_path;
	s->cur.link = s->cur_link;
	if (s->cur.encrypted)
		src_warn(s, -1, "encrypted", "entry is encrypted and was not read");
	start_entry(s);
	if (s->fatal)
		return -1;
	s->stream = entry_stream_new(&stream_backend, s, s->cur.declared_size);
	*e = &s->cur;
	return 1;
}

const unsigned char *source_head(struct source *s, size_t *n)
{
	*n = s->head_len;
	return s->head;
}

struct entry_stream *source_stream(struct source *s)
{
	return s->stream;
}

int source_entry_opened(const struct source *s)
{
	return s->opened;
}

int source_entry_finish(struct source *s, struct manifest_row *row, struct cs_error *err)
{
	s->fatal_err = err;
	s->opened = false;
	unsigned char *blk = xmalloc(READ_BLOCK);
	/* what the format left unread: served from the head first */
	s->head_served = s->head_len;
	while (!s->at_end && raw_read(s, blk, READ_BLOCK) > 0)
		;
	free(blk);
	memset(row, 0, sizeof *row);
	row->source = s->index;
	row->path = xstrdup(s->cur_path);
	row->type = s->cur.type;
	row->mtime = s->cur.mtime;
	row->has_mtime = s->cur.has_mtime;
	row->link = s->cur_link ? xstrdup(s->cur_link) : NULL;
	row->size = (int64_t)s->read_bytes;
	if (s->fatal) {
		if (s->spool_fd >= 0)
			close(s->spool_fd);
		s->spool_fd = -1;
		return CS_FATAL;
	}
	unsigned int mdlen = 0;
	EVP_DigestFinal_ex(s->md, row->sha256, &mdlen);
	row->hashed = s->readable && !s->failed;
	if (s->readable) {
		const char *m = magic_buffer(s->magic, s->head, s->head_len);
		row->mime = xstrdup(m ? m : "application/octet-stream");
	}
	if (s->is_dir && row->type == ENTRY_FILE) {
		s->info.size += row->size;
		char hex[65];
		sha256_hex(row->sha256, hex);
		char *line = xasprintf("%s  %s\n", row->hashed ? hex : "-", row->path);
		EVP_DigestUpdate(s->dir_md, line, strlen(line));
		free(line);
	}
	int rc = CS_OK;
	if (s->failed) {
		src_warn(s, (int64_t)s->read_bytes, "unreadable",
			 "entry could not be read past byte %llu: %s; its hash covers only what was read",
			 (unsigned long long)s->read_bytes, s->errmsg);
		rc = CS_FAILED;
	}
	if (s->nest && s->spool_fd >= 0 && !s->failed) {
		int fd = s->spool_fd;
		s->spool_fd = -1;
		struct archive *a = new_reader();
		if (lseek(fd, 0, SEEK_SET) != 0 || archive_read_open_fd(a, fd, READ_BLOCK) != ARCHIVE_OK) {
			src_warn(s, 0, "bad-archive", "looks like an archive but could not be opened: %s",
				 archive_error_string(a) ? archive_error_string(a) : "unknown format");
			archive_read_free(a);
			close(fd);
		} else {
			s->top++;
			s->stack[s->top] = (struct level){a, xasprintf("%s!", s->cur_path), fd,
							  s->cur.depth + 1, false};
			s->opened = true;
		}
	} else if (s->spool_fd >= 0) {
		close(s->spool_fd);
		s->spool_fd = -1;
	}
	return rc;
}

void source_close(struct source *s)
{
	if (!s)
		return;
	if (s->hasher.running) {
		pthread_join(s->hasher.thread, NULL);
		s->hasher.running = false;
	}
	clear_entry(s);
	while (s->top >= 0)
		pop_level(s);
	if (s->input_fd >= 0)
		close(s->input_fd);
	if (s->spool_fd >= 0)
		close(s->spool_fd);
	for (size_t i = 0; i < s->n_dir; i++) {
		free(s->dir[i].rel);
		free(s->dir[i].link);
	}
	free(s->dir);
	if (s->dir_md)
		EVP_MD_CTX_free(s->dir_md);
	EVP_MD_CTX_free(s->md);
	if (s->magic)
		magic_close(s->magic);
	free(s->input);
	free(s->info.path);
	free(s->info.mime);
	free(s);
}

/* The folder's hash, or the file's from its thread, once every entry has
 * been read. */
int source_finish_info(struct source *s, struct cs_error *err)
{
	if (s->is_dir && s->dir_md) {
		unsigned int n = 0;
		EVP_DigestFinal_ex(s->dir_md, s->info.sha256, &n);
		EVP_MD_CTX_free(s->dir_md);
		s->dir_md = NULL;
	}
	return s->is_dir ? CS_OK : hasher_join(s, err);
}

int source_copy_entry(const char *input, const char *entry_path, const struct source_limits *lim,
		      int out_fd, unsigned char sha256[32], struct cs_error *err)
{
	struct warnings w = {0};
	uint64_t total = 0, entries = 0;
	struct source_limits unbounded = *lim;
	unbounded.max_entries = (uint64_t)-1;
	int rc = CS_FATAL;
	struct source *s = source_open_unhashed(input, &unbounded, &w, &total, &entries, err);
	if (!s)
		goto out;
	const struct source_entry *e;
	int r;
	unsigned char *blk = xmalloc(READ_BLOCK);
	while ((r = source_next(s, &e, err)) == 1) {
		if (strcmp(e->path, entry_path) != 0) {
			/* An archive that holds the target must be finished to be
			 * opened; anything else is skipped unread. */
			size_t lp = strlen(e->path);
			struct manifest_row row;
			if (strncmp(entry_path, e->path, lp) == 0 && entry_path[lp] == '!') {
				if (source_entry_finish(s, &row, err) == CS_FATAL) {
					r = -1;
					break;
				}
				free(row.path);
				free(row.mime);
				free(row.link);
			}
			continue;
		}
		EVP_MD_CTX *md = EVP_MD_CTX_new();
		EVP_DigestInit_ex(md, EVP_sha256(), NULL);
		ssize_t n;
		struct entry_stream *in = source_stream(s);
		rc = CS_OK;
		while ((n = entry_stream_read(in, blk, READ_BLOCK)) > 0) {
			EVP_DigestUpdate(md, blk, (size_t)n);
			for (ssize_t off = 0; off < n;) {
				ssize_t wr = write(out_fd, blk + off, (size_t)(n - off));
				if (wr < 0 && errno == EINTR)
					continue;
				if (wr <= 0) {
					cs_error_set(err, EXIT_OUTPUT, "cannot write a copy of '%s': %s",
						     entry_path, strerror(errno));
					rc = CS_FATAL;
					break;
				}
				off += wr;
			}
			if (rc != CS_OK)
				break;
		}
		if (n < 0 && rc == CS_OK) {
			cs_error_set(err, EXIT_INPUT, "cannot read entry '%s' of '%s': %s", entry_path,
				     input, entry_stream_error(in));
			rc = CS_FATAL;
		}
		unsigned int mdlen = 0;
		EVP_DigestFinal_ex(md, sha256, &mdlen);
		EVP_MD_CTX_free(md);
		break;
	}
	free(blk);
	if (r == 0)
		cs_error_set(err, EXIT_INPUT, "entry '%s' is no longer in '%s'", entry_path, input);
out:
	source_close(s);
	warnings_release(&w);
	return rc;
}

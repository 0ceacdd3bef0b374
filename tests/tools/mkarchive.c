/*
 * mkarchive: builds the test and sample archives, deterministically.
 *
 *   mkarchive -o OUT [-C DIR [PATH...]] [--file NAME=SRC] [--data NAME=TEXT]
 *             [--symlink NAME=TARGET] [--hardlink NAME=TARGET]
 *             [--zeros NAME=BYTES] [--random NAME=BYTES] [--store]
 *             [--encrypt PASSPHRASE]
 *
 * The format follows OUT's name: .zip, .tar, .tar.gz/.tgz, .7z.  -C adds
 * a folder's files (bytewise-sorted, ".sample" markers left out) under
 * their relative names; the other options add entries with any name at all,
 * "../x" and "/etc/x" included: the hostile archives the tests need.  Every
 * entry has the same mtime (SOURCE_DATE_EPOCH, else 2024-01-01), owner 0
 * and mode 0644, so the same tree always gives the same bytes.
 *
 * --encrypt (zip only) encrypts every entry with ZipCrypto and that
 * passphrase: the encrypted export a subject might hand over.
 */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static time_t mtime_all = 1704067200;

static void die(const char *what, struct archive *a)
{
	fprintf(stderr, "mkarchive: %s: %s\n", what, a ? archive_error_string(a) : "");
	exit(1);
}

static void add_bytes(struct archive *a, const char *name, const void *p, size_t n, int type,
		      const char *link)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_mtime(e, mtime_all, 0);
	archive_entry_set_uid(e, 0);
	archive_entry_set_gid(e, 0);
	if (type == AE_IFLNK) {
		archive_entry_set_filetype(e, AE_IFLNK);
		archive_entry_set_perm(e, 0777);
		archive_entry_set_symlink(e, link);
		archive_entry_set_size(e, 0);
	} else if (type == 1) {
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_hardlink(e, link);
		archive_entry_set_size(e, 0);
	} else {
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)n);
	}
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die(name, a);
	if (n && archive_write_data(a, p, n) != (la_ssize_t)n)
		die(name, a);
	archive_entry_free(e);
}

static void add_generated(struct archive *a, const char *name, size_t n, int random)
{
	struct archive_entry *e = archive_entry_new();
	archive_entry_set_pathname(e, name);
	archive_entry_set_mtime(e, mtime_all, 0);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, (la_int64_t)n);
	if (archive_write_header(a, e) != ARCHIVE_OK)
		die(name, a);
	static char blk[65536];
	unsigned long long x = 88172645463325252ull;
	for (size_t done = 0; done < n;) {
		size_t k = n - done < sizeof blk ? n - done : sizeof blk;
		if (random)
			for (size_t i = 0; i < k; i++) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				blk[i] = (char)x;
			}
		else
			memset(blk, 0, k);
		if (archive_write_data(a, blk, k) != (la_ssize_t)k)
			die(name, a);
		done += k;
	}
	archive_entry_free(e);
}

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	size_t cap = 65536, len = 0;
	char *p = malloc(cap);
	size_t r;
	while ((r = fread(p + len, 1, cap - len, f)) > 0) {
		len += r;
		if (len == cap)
			p = realloc(p, cap *= 2);
	}
	fclose(f);
	*n = len;
	return p;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_tree(struct archive *a, const char *root, const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		exit(1);
	}
	char *names[4096];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < 4096)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, ".sample"))
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof *names, cmp);
	for (size_t i = 0; i < n; i++) {
		char crel[4096], cpath[8192];
		snprintf(crel, sizeof crel, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		snprintf(cpath, sizeof cpath, "%s/%s", root, crel);
		struct stat st;
		if (lstat(cpath, &st) != 0) {
			perror(cpath);
			exit(1);
		}
		if (S_ISDIR(st.st_mode)) {
			add_tree(a, root, crel);
		} else if (S_ISREG(st.st_mode)) {
			size_t len;
			char *p = read_file(cpath, &len);
			add_bytes(a, crel, p, len, 0, NULL);
			free(p);
		}
		free(names[i]);
	}
}

static int ends_with(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && strcmp(s + a - b, suf) == 0;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *passphrase = NULL;
	int store = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--store"))
			store = 1;
		else if (!strcmp(argv[i], "--encrypt") && i + 1 < argc)
			passphrase = argv[++i];
	}
	if (!out) {
		fprintf(stderr, "usage: mkarchive -o OUT [-C DIR [PATH...]] [--file NAME=SRC] ...\n");
		return 2;
	}
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde)
		mtime_all = (time_t)strtoll(sde, NULL, 10);
	struct archive *a = archive_write_new();
	if (ends_with(out, ".zip")) {
		archive_write_set_format_zip(a);
		if (store)
			archive_write_set_options(a, "zip:compression=store");
		if (passphrase) {
			if (archive_write_set_options(a, "zip:encryption=zipcrypt") != ARCHIVE_OK ||
			    archive_write_set_passphrase(a, passphrase) != ARCHIVE_OK)
				die("--encrypt", a);
		}
	} else if (ends_with(out, ".7z")) {
		archive_write_set_format_7zip(a);
	} else if (ends_with(out, ".tar.gz") || ends_with(out, ".tgz")) {
		archive_write_set_format_pax_restricted(a);
		archive_write_add_filter_gzip(a);
		archive_write_set_options(a, "gzip:!timestamp");
	} else {
		archive_write_set_format_gnutar(a);     /* takes any bytes as a name */
	}
	if (archive_write_open_filename(a, out) != ARCHIVE_OK)
		die(out, a);
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i];
		if (!strcmp(opt, "-o")) {
			i++;
			continue;
		}
		if (!strcmp(opt, "--store"))
			continue;
		if (!strcmp(opt, "--encrypt")) {
			i++;
			continue;
		}
		if (!strcmp(opt, "-C") && i + 1 < argc) {
			const char *root = argv[++i];
			int any = 0;
			while (i + 1 < argc && argv[i + 1][0] != '-') {
				const char *rel = argv[++i];
				add_tree(a, root, strcmp(rel, ".") ? rel : "");
				any = 1;
			}
			if (!any)
				add_tree(a, root, "");
			continue;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "mkarchive: %s needs NAME=VALUE\n", opt);
			return 2;
		}
		char *spec = argv[++i];
		char *eq = strchr(spec, '=');
		if (!eq) {
			fprintf(stderr, "mkarchive: %s needs NAME=VALUE\n", opt);
			return 2;
		}
		*eq = '\0';
		const char *name = spec, *val = eq + 1;
		if (!strcmp(opt, "--file")) {
			size_t len;
			char *p = read_file(val, &len);
			add_bytes(a, name, p, len, 0, NULL);
			free(p);
		} else if (!strcmp(opt, "--data")) {
			add_bytes(a, name, val, strlen(val), 0, NULL);
		} else if (!strcmp(opt, "--symlink")) {
			add_bytes(a, name, NULL, 0, AE_IFLNK, val);
		} else if (!strcmp(opt, "--hardlink")) {
			add_bytes(a, name, NULL, 0, 1, val);
		} else if (!strcmp(opt, "--zeros") || !strcmp(opt, "--random")) {
			add_generated(a, name, (size_t)strtoull(val, NULL, 10), !strcmp(opt, "--random"));
		} else {
			fprintf(stderr, "mkarchive: unknown option %s\n", opt);
			return 2;
		}
	}
	if (archive_write_close(a) != ARCHIVE_OK)
		die(out, a);
	archive_write_free(a);
	return 0;
}

/*
 * exhibits/: each exhibit's original bytes (E0001.json or E0001.html) and
 * the media attached to it (E0001-1.jpg), copied out of the INPUT and
 * checked against the hash recorded when the entry was read.
 */
#define _GNU_SOURCE     /* qsort_r */
#include "reports/report.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/rutil.h"
#include "scanner/source.h"
#include "scanner/xalloc.h"

#define RAW_BLOCK (1u << 16)

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

char *exhibit_file_name(const struct exhibit *ex)
{
	const char *entry = exhibit_entry(ex) ? exhibit_entry(ex) : "";
	bool html = ends_with_ci(entry, ".html") || ends_with_ci(entry, ".htm");
	return xasprintf("exhibits/%s.%s", ex->id, html ? "html" : "json");
}

/* The extension of the entry's last component, made safe for a file name. */
static void safe_ext(const char *entry, char ext[9])
{
	const char *base = path_basename(entry);
	const char *dot = strrchr(base, '.');
	size_t n = 0;
	bool ok = dot && dot != base;
	for (const char *p = dot ? dot + 1 : ""; ok && *p; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			continue;
		if (n == 8) {
			ok = false;
			break;
		}
		ext[n++] = c;
	}
	if (!ok || n == 0) {
		memcpy(ext, "bin", 4);
		return;
	}
	ext[n] = '\0';
}

char *exhibit_attachment_name(const struct exhibit *ex, size_t index)
{
	if (!ex->item || index >= ex->item->n_attachments)
		return NULL;
	if (ex->attachment_files)
		return ex->attachment_files[index] ? xstrdup(ex->attachment_files[index]) : NULL;
	const struct item_attachment *a = &ex->item->attachments[index];
	if (!a->entry)
		return NULL;
	char ext[9];
	safe_ext(a->entry, ext);
	return xasprintf("exhibits/%s-%zu.%s", ex->id, index + 1, ext);
}

/* A name the pipeline set must stay inside exhibits/. */
static bool safe_name(const char *rel)
{
	if (strncmp(rel, "exhibits/", 9) != 0)
		return false;
	const char *b = rel + 9;
	return *b && *b != '.' && !strchr(b, '/') && !strpbrk(b, "\\\n\r");
}

/*
 * Attachments are copied in one pass over each INPUT that has any: an
 * archive cannot be read from the middle, so copying entry by entry
 * (source_copy_entry) would decompress the archive once per attachment.
 * The pass reads entries exactly as the scan did (source_entry_finish
 * included, so nested archives are opened the same way) and copies each
 * wanted entry to every file made for it, hashing what it writes; the hash
 * must equal the one recorded when the entry was read, else the input
 * changed during the run (EXIT_INPUT).
 */
struct copy_job {
	unsigned source;
	char *entry;                /* a copy: the item is loaded only while jobs are listed */
	char *rel;                  /* "exhibits/E0001-1.jpg" */
	unsigned char want[32];     /* the recorded SHA-256 */
	bool done;
};

static int cmp_job(const void *a, const void *b)
{
	const struct copy_job *x = a, *y = b;
	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	int c = strcmp(x->entry, y->entry);
	if (c)
		return c;
	return strcmp(x->rel, y->rel);
}

/* Manifest rows by path, for the row of each attachment's entry: the first
 * in reading order, as the pipeline matched it. */
static int cmp_row_index(const void *a, const void *b, void *arg)
{
	const struct manifest_row *m = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(m[x].path ? m[x].path : "", m[y].path ? m[y].path : "");
	return c ? c : (x < y ? -1 : x > y);
}

static const struct manifest_row *find_row(const struct bundle_data *d, const size_t *idx,
					   const char *entry)
{
	size_t lo = 0, hi = d->n_manifest;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = d->manifest[idx[mid]].path ? d->manifest[idx[mid]].path : "";
		if (strcmp(p, entry) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->n_manifest && d->manifest[idx[lo]].path &&
	    !strcmp(d->manifest[idx[lo]].path, entry))
		return &d->manifest[idx[lo]];
	return NULL;
}

static int collect_jobs(const struct bundle_data *d, struct copy_job **jobs, size_t *n,
			struct cs_error *err)
{
	size_t cap = 0, *idx = xcalloc(d->n_manifest + 1, sizeof *idx);
	int rc = CS_FATAL;
	for (size_t i = 0; i < d->n_manifest; i++)
		idx[i] = i;
	if (d->n_manifest)
		qsort_r(idx, d->n_manifest, sizeof *idx, cmp_row_index, d->manifest);
	*jobs = NULL;
	*n = 0;
	for (size_t i = 0; i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		if (!exhibit_has_attachments(ex))
			continue;
		if (exhibit_load(ex, 1, err) != CS_OK)
			goto out;
		for (size_t k = 0; k < ex->item->n_attachments; k++) {
			const struct item_attachment *a = &ex->item->attachments[k];
			char *rel = exhibit_attachment_name(ex, k);
			if (!rel || !a->entry) {
				free(rel);
				continue;
			}
			if (!safe_name(rel)) {
				cs_error_set(err, EXIT_OUTPUT,
					     "cannot write attachment '%s': not a bundle name", rel);
				free(rel);
				exhibit_unload(ex);
				goto out;
			}
			const struct manifest_row *row = find_row(d, idx, a->entry);
			unsigned si = row ? row->source : ex->item->source_index;
			if (si >= d->n_sources) {
				cs_error_set(err, EXIT_INPUT, "cannot copy attachment '%s': no such input",
					     a->entry);
				free(rel);
				exhibit_unload(ex);
				goto out;
			}
			*jobs = xgrow(*jobs, &cap, *n + 1, sizeof **jobs);
			struct copy_job *j = &(*jobs)[(*n)++];
			j->source = si;
			j->entry = xstrdup(a->entry);
			j->rel = rel;
			memcpy(j->want, row && row->hashed ? row->sha256 : a->sha256, 32);
			j->done = false;
		}
		exhibit_unload(ex);
	}
	if (*n)
		qsort(*jobs, *n, sizeof **jobs, cmp_job);
	rc = CS_OK;
out:
	free(idx);
	return rc;
}

/* Copies the current entry to the files of jobs [first, last). */
static int copy_current(struct source *src, const char *input, struct copy_job *jobs,
			size_t first, size_t last, const char *dir, struct cs_error *err)
{
	size_t nf = last - first;
	int *fds = xcalloc(nf, sizeof *fds);
	char **paths = xcalloc(nf, sizeof *paths);
	unsigned char *blk = xmalloc(1 << 16);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int rc = CS_FATAL;
	for (size_t f = 0; f < nf; f++)
		fds[f] = -1;
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (size_t f = 0; f < nf; f++) {
		paths[f] = xasprintf("%s/%s", dir, jobs[first + f].rel);
		fds[f] = open(paths[f], O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
		if (fds[f] < 0) {
			cs_error_set(err, EXIT_OUTPUT, "cannot create '%s': %s", paths[f],
				     strerror(errno));
			goto out;
		}
	}
	struct entry_stream *in = source_stream(src);
	ssize_t r;
	while ((r = entry_stream_read(in, blk, 1 << 16)) > 0) {
		EVP_DigestUpdate(md, blk, (size_t)r);
		for (size_t f = 0; f < nf; f++)
			for (ssize_t off = 0; off < r;) {
				ssize_t w = write(fds[f], blk + off, (size_t)(r - off));
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0) {
					cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': %s", paths[f],
						     w < 0 ? strerror(errno) : "short write");
					goto out;
				}
				off += w;
			}
	}
	if (r < 0) {
		cs_error_set(err, EXIT_INPUT, "cannot read entry '%s' of '%s': %s", jobs[first].entry,
			     input, entry_stream_error(in));
		goto out;
	}
	unsigned char got[32];
	unsigned int len = 0;
	EVP_DigestFinal_ex(md, got, &len);
	for (size_t f = 0; f < nf; f++) {
		if (memcmp(got, jobs[first + f].want, 32) != 0) {
			char h1[65], h2[65];
			rutil_hex(jobs[first + f].want, h1);
			rutil_hex(got, h2);
			cs_error_set(err, EXIT_INPUT,
				     "input '%s' changed during the run: entry '%s' had SHA-256 %s, "
				     "now %s",
				     input, jobs[first].entry, h1, h2);
			goto out;
		}
		jobs[first + f].done = true;
	}
	rc = CS_OK;
out:
	for (size_t f = 0; f < nf; f++) {
		if (fds[f] >= 0 && close(fds[f]) != 0 && rc == CS_OK) {
			cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': %s", paths[f],
				     strerror(errno));
			rc = CS_FATAL;
		}
		free(paths[f]);
	}
	EVP_MD_CTX_free(md);
	free(blk);
	free(paths);
	free(fds);
	return rc;
}

/* The first of jobs [first, last) (sorted by entry) not before `path`. */
static size_t first_at_or_after(const struct copy_job *jobs, size_t first, size_t last,
				const char *path)
{
	size_t lo = first, hi = last;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(jobs[mid].entry, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether a job of [from, last) wants an entry of the archive `path`
 * ("path!inner"): such names sort together, just after `path` itself. */
static bool holds_wanted(const struct copy_job *jobs, size_t from, size_t last, const char *path)
{
	size_t n = strlen(path);
	char *prefix = xasprintf("%s!", path);
	size_t i = first_at_or_after(jobs, from, last, prefix);
	free(prefix);
	return i < last && strncmp(jobs[i].entry, path, n) == 0 && jobs[i].entry[n] == '!';
}

/*
 * One pass over input `si` for jobs [first, last), all of that input.  The
 * INPUT is not hashed again and entries nothing is wanted from are skipped
 * unread: each copy is checked against the hash recorded in the first pass.
 */
static int copy_from_source(const struct bundle_data *d, unsigned si, struct copy_job *jobs,
			    size_t first, size_t last, const char *dir,
			    const struct source_limits *lim, struct cs_error *err)
{
	const char *input = d->sources[si].path;
	struct warnings w = {0};
	uint64_t total = 0, entries = 0;
	int rc = CS_FATAL;
	struct source *src = source_open_unhashed(input, lim, &w, &total, &entries, err);
	if (!src)
		goto out;
	const struct source_entry *e;
	int r = 0;
	size_t left = last - first;
	while (left && (r = source_next(src, &e, err)) == 1) {
		/* the jobs of this entry: a run in the sorted array */
		size_t lo = first_at_or_after(jobs, first, last, e->path), end = lo;
		while (end < last && !strcmp(jobs[end].entry, e->path) && !jobs[end].done)
			end++;
		if (end > lo && e->type == ENTRY_FILE) {
			if (copy_current(src, input, jobs, lo, end, dir, err) != CS_OK)
				goto out;
			left -= end - lo;
		} else if (!holds_wanted(jobs, end, last, e->path)) {
			continue;   /* skipped unread: nothing wanted is in it */
		}
		/* finished, so that an archive holding wanted entries is opened */
		struct manifest_row row;
		int fr = source_entry_finish(src, &row, err);
		free(row.path);
		free(row.mime);
		free(row.link);
		if (fr == CS_FATAL)
			goto out;
	}
	if (left && r < 0)
		goto out;
	for (size_t j = first; j < last; j++)
		if (!jobs[j].done) {
			cs_error_set(err, EXIT_INPUT,
				     "input '%s' changed during the run: entry '%s' is no longer in it",
				     input, jobs[j].entry);
			goto out;
		}
	rc = CS_OK;
out:
	if (src)
		source_close(src);
	warnings_release(&w);
	return rc;
}

static int copy_attachments(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	struct copy_job *jobs = NULL;
	size_t n = 0;
	struct source_limits deflim;
	const struct source_limits *lim = d->limits;
	int rc = CS_FATAL;
	if (!lim) {
		source_limits_default(&deflim);
		lim = &deflim;
	}
	if (collect_jobs(d, &jobs, &n, err) != CS_OK)
		goto out;
	for (size_t i = 0; i < n;) {
		size_t end = i;
		while (end < n && jobs[end].source == jobs[i].source)
			end++;
		if (copy_from_source(d, jobs[i].source, jobs, i, end, dir, lim, err) != CS_OK)
			goto out;
		i = end;
	}
	rc = CS_OK;
out:
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].entry);
		free(jobs[i].rel);
	}
	free(jobs);
	return rc;
}

/*
 * exhibits/E0001.json: the item's bytes as read, from the spool a block at
 * a time (an item can be as large as --max-element).  If they no longer
 * hash to the recorded value, something in between is wrong.
 */
static int write_raw(const struct exhibit *ex, const char *dir, const char *rel,
		     unsigned char *blk, struct cs_error *err)
{
	char *path = NULL;
	FILE *f = rutil_create(dir, rel, &path, err);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int rc = CS_FATAL;
	if (!f || !md)
		goto out;
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	size_t len = ex->item->raw_len;
	for (size_t off = 0; off < len;) {
		size_t n = len - off < RAW_BLOCK ? len - off : RAW_BLOCK;
		if (exhibit_raw_read(ex, off, blk, n, err) != CS_OK)
			goto out;
		EVP_DigestUpdate(md, blk, n);
		if (fwrite(blk, 1, n, f) != n) {
			cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
			goto out;
		}
		off += n;
	}
	unsigned char got[32];
	EVP_DigestFinal_ex(md, got, NULL);
	if (ex->item->raw_len && memcmp(got, ex->item->sha256, 32) != 0) {
		cs_error_set(err, EXIT_INPUT,
			     "cannot write exhibit %s: its bytes do not match the SHA-256 recorded "
			     "for them", ex->id);
		goto out;
	}
	rc = rutil_close(f, path, err);
	f = NULL;
out:
	if (f)
		fclose(f);
	EVP_MD_CTX_free(md);
	free(path);
	return rc;
}

static int write_exhibits(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	char *sub = xasprintf("%s/exhibits", dir);
	unsigned char *blk = xmalloc(RAW_BLOCK);
	int rc = CS_FATAL;
	if (mkdir(sub, 0777) != 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create folder '%s': %s", sub, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		/* the strings are not written here: one byte of each */
		if (exhibit_load(ex, 1, err) != CS_OK)
			goto out;
		char *rel = exhibit_file_name(ex);
		int r = write_raw(ex, dir, rel, blk, err);
		free(rel);
		exhibit_unload(ex);
		if (r != CS_OK)
			goto out;
	}
	if (copy_attachments(d, dir, err) != CS_OK)
		goto out;
	rc = CS_OK;
out:
	free(blk);
	free(sub);
	return rc;
}

const struct report_ops report_exhibits = {"exhibits", NULL, write_exhibits};

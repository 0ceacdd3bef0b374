/*
 * exhibits/: each exhibit's original bytes (E0001.json or E0001.html) and
 * the media attached to it (E0001-1.jpg), copied out of the INPUT and
 * checked against the hash recorded when the entry was read.
 */
#include "reports/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reports/rutil.h"
#include "scanner/source.h"
#include "scanner/xalloc.h"

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

char *exhibit_file_name(const struct exhibit *ex)
{
	const char *entry = ex->item && ex->item->entry ? ex->item->entry : "";
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

static const struct manifest_row *find_row(const struct bundle_data *d, const char *entry)
{
	for (size_t i = 0; i < d->n_manifest; i++)
		if (d->manifest[i].path && !strcmp(d->manifest[i].path, entry))
			return &d->manifest[i];
	return NULL;
}

static int copy_attachment(const struct bundle_data *d, const struct exhibit *ex, size_t k,
			   const char *dir, const struct source_limits *lim, struct cs_error *err)
{
	const struct item_attachment *a = &ex->item->attachments[k];
	char *rel = exhibit_attachment_name(ex, k);
	char *path = NULL;
	int fd = -1, rc = CS_FATAL;
	if (!rel || !a->entry) {
		rc = CS_OK;
		goto out;
	}
	if (!safe_name(rel)) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write attachment '%s': not a bundle name", rel);
		goto out;
	}
	const struct manifest_row *row = find_row(d, a->entry);
	unsigned si = row ? row->source : ex->item->source_index;
	if (si >= d->n_sources) {
		cs_error_set(err, EXIT_INPUT, "cannot copy attachment '%s': no such input", a->entry);
		goto out;
	}
	const char *input = d->sources[si].path;
	const unsigned char *want = row && row->hashed ? row->sha256 : a->sha256;
	path = xasprintf("%s/%s", dir, rel);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
	if (fd < 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create '%s': %s", path, strerror(errno));
		goto out;
	}
	unsigned char md[32];
	if (source_copy_entry(input, a->entry, lim, fd, md, err) != CS_OK)
		goto out;
	if (memcmp(md, want, 32) != 0 || (row && memcmp(md, a->sha256, 32) != 0)) {
		char h1[65], h2[65];
		rutil_hex(want, h1);
		rutil_hex(md, h2);
		cs_error_set(err, EXIT_INPUT,
			     "input '%s' changed during the run: entry '%s' had SHA-256 %s, now %s",
			     input, a->entry, h1, h2);
		goto out;
	}
	rc = CS_OK;
out:
	if (fd >= 0 && close(fd) != 0 && rc == CS_OK) {
		cs_error_set(err, EXIT_OUTPUT, "cannot write '%s': %s", path, strerror(errno));
		rc = CS_FATAL;
	}
	free(rel);
	free(path);
	return rc;
}

static int write_exhibits(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	char *sub = xasprintf("%s/exhibits", dir);
	int rc = CS_FATAL;
	struct source_limits deflim;
	const struct source_limits *lim = d->limits;
	if (!lim) {
		source_limits_default(&deflim);
		lim = &deflim;
	}
	if (mkdir(sub, 0777) != 0) {
		cs_error_set(err, EXIT_OUTPUT, "cannot create folder '%s': %s", sub, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		if (!ex->item)
			continue;
		/* The exhibit is the item's bytes as read: if they no longer
		 * hash to the recorded value, something in between is wrong. */
		if (ex->item->raw) {
			unsigned char md[32];
			rutil_sha256(ex->item->raw, ex->item->raw_len, md);
			if (memcmp(md, ex->item->sha256, 32) != 0) {
				cs_error_set(err, EXIT_INPUT,
					     "cannot write exhibit %s: its bytes do not match the "
					     "SHA-256 recorded for them",
					     ex->id);
				goto out;
			}
		}
		char *rel = exhibit_file_name(ex);
		int r = rutil_write_file(dir, rel, ex->item->raw ? ex->item->raw : (const void *)"",
					 ex->item->raw ? ex->item->raw_len : 0, err);
		free(rel);
		if (r != CS_OK)
			goto out;
		for (size_t k = 0; k < ex->item->n_attachments; k++)
			if (copy_attachment(d, ex, k, dir, lim, err) != CS_OK)
				goto out;
	}
	rc = CS_OK;
out:
	free(sub);
	return rc;
}

const struct report_ops report_exhibits = {"exhibits", NULL, write_exhibits};

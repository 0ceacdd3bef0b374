/*
 * conductscan verify: the bundle against its SHA256SUMS, and optionally
 * the INPUTs against the sources findings.json records.
 *
 * Only files found by walking the bundle (links never followed) are ever
 * opened: a SHA256SUMS line naming "../x" or "/etc/x" cannot make verify
 * read outside the bundle, it is simply reported missing.
 */
#include "reports/verify.h"

#include "reports/report.h"
#include "reports/sums.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reports/rutil.h"
#include "scanner/source.h"
#include "scanner/xalloc.h"

#define SUMS_MAX (256u << 20)

struct listed {
	char *path;
	unsigned char md[32];
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int parse_hex(const char *s, unsigned char md[32])
{
	for (int i = 0; i < 32; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		md[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* One line of sha256sum's output: "<hex>  <path>" or "<hex> *<path>", or
 * the same after a '\' when the name holds '\' or a newline (escaped). */
static int parse_line(char *line, struct listed *out)
{
	bool escaped = line[0] == '\\';
	if (escaped)
		line++;
	if (strlen(line) < 67 || parse_hex(line, out->md) != 0 || line[64] != ' ' ||
	    (line[65] != ' ' && line[65] != '*'))
		return -1;
	const char *name = line + 66;
	struct buf b = BUF_INIT(0);
	buf_add(&b, "", 0);
	for (const char *p = name; *p; p++) {
		if (escaped && *p == '\\') {
			if (p[1] == 'n')
				buf_adds(&b, "\n");
			else if (p[1] == '\\')
				buf_adds(&b, "\\");
			else {
				buf_release(&b);
				return -1;
			}
			p++;
			continue;
		}
		buf_add(&b, p, 1);
	}
	out->path = buf_detach(&b, NULL);
	return 0;
}

static int find(const struct strlist *sorted, const char *s)
{
	size_t lo = 0, hi = sorted->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(sorted->v[mid], s);
		if (!c)
			return (int)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static void say(FILE *out, const char *what, const char *path)
{
	char *c = rutil_cleans(path, true);
	/* Newlines and tabs are legal in names but would forge report lines. */
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = '?';
	fprintf(out, "%s: %s\n", what, c);
	free(c);
}

int verify_bundle(const char *dir, FILE *out, int *status, struct cs_error *err)
{
	char *sums_path = xasprintf("%s/SHA256SUMS", dir);
	char *text = NULL;
	struct listed *v = NULL;
	size_t n = 0, cap = 0;
	struct strlist files = STRLIST_INIT, others = STRLIST_INIT;
	bool *seen = NULL;
	int rc = CS_FATAL;
	size_t changed = 0, missing = 0, unlisted = 0, malformed = 0, intact = 0;
	*status = EXIT_CLEAN;

	struct stat st;
	if (lstat(sums_path, &st) != 0 || !S_ISREG(st.st_mode)) {
		cs_error_set(err, EXIT_INPUT, "cannot verify '%s': %s", dir,
			     errno == ENOENT ? "no SHA256SUMS: not a bundle, or its list was removed"
					     : "SHA256SUMS is not a regular file");
		goto out;
	}
	if ((uint64_t)st.st_size > SUMS_MAX) {
		cs_error_set(err, EXIT_INPUT, "cannot verify '%s': SHA256SUMS is too large", dir);
		goto out;
	}
	FILE *f = fopen(sums_path, "rb");
	if (!f) {
		cs_error_set(err, EXIT_INPUT, "cannot read '%s': %s", sums_path, strerror(errno));
		goto out;
	}
	struct buf b = BUF_INIT(SUMS_MAX);
	char blk[65536];
	size_t r;
	while ((r = fread(blk, 1, sizeof blk, f)) > 0)
		if (buf_add(&b, blk, r) != 0)
			break;
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		buf_release(&b);
		cs_error_set(err, EXIT_INPUT, "cannot read '%s'", sums_path);
		goto out;
	}
	size_t len;
	text = buf_detach(&b, &len);

	if (rutil_list_files(dir, &files, &others, EXIT_INPUT, err) != CS_OK)
		goto out;
	seen = xcalloc(files.n + 1, sizeof *seen);

	size_t lineno = 0;
	for (char *line = text, *next; line < text + len; line = next) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		next = nl ? nl + 1 : text + len;
		if (nl)
			*nl = '\0';
		lineno++;
		size_t ll = (size_t)((nl ? nl : text + len) - line);
		if (ll == 0 && !nl)
			break;
		struct listed item = {NULL, {0}};
		/* an embedded NUL: the line is not what it seems */
		if (strlen(line) != ll || parse_line(line, &item) != 0) {
			fprintf(out, "malformed: SHA256SUMS line %zu\n", lineno);
			malformed++;
			continue;
		}
		v = xgrow(v, &cap, n + 1, sizeof *v);
		v[n++] = item;
	}

	for (size_t i = 0; i < n; i++) {
		int at = find(&files, v[i].path);
		if (at < 0) {
			if (find(&others, v[i].path) >= 0) {
				say(out, "changed (not a regular file)", v[i].path);
				changed++;
			} else {
				say(out, "missing", v[i].path);
				missing++;
			}
			continue;
		}
		seen[at] = true;
		char *p = xasprintf("%s/%s", dir, files.v[at]);
		unsigned char md[32];
		int hr = rutil_sha256_file(p, md);
		free(p);
		if (hr != 0) {
			say(out, "unreadable", v[i].path);
			changed++;
		} else if (memcmp(md, v[i].md, 32) != 0) {
			say(out, "changed", v[i].path);
			changed++;
		} else {
			intact++;
		}
	}
	for (size_t i = 0; i < files.n; i++)
		if (!seen[i] && strcmp(files.v[i], "SHA256SUMS") != 0) {
			say(out, "unlisted", files.v[i]);
			unlisted++;
		}
	for (size_t i = 0; i < others.n; i++) {
		bool listed = false;
		for (size_t j = 0; j < n && !listed; j++)
			listed = !strcmp(v[j].path, others.v[i]);
		if (!listed) {
			say(out, "unlisted (not a regular file)", others.v[i]);
			unlisted++;
		}
	}

	char seal[65];
	if (sums_seal(dir, seal, err) != CS_OK)
		goto out;
	if (changed || missing || unlisted || malformed || n == 0) {
		*status = EXIT_FINDINGS;
		fprintf(out, "bundle '%s' FAILED verification: %zu listed, %zu intact, %zu changed, "
			     "%zu missing, %zu unlisted, %zu malformed line(s)\n",
			dir, n, intact, changed, missing, unlisted, malformed);
	} else {
		fprintf(out, "bundle '%s' verified: all %zu listed files intact, none unlisted\n", dir, n);
	}
	fprintf(out, "seal %s\n", seal);
	rc = CS_OK;
out:
	for (size_t i = 0; i < n; i++)
		free(v[i].path);
	free(v);
	free(seen);
	free(text);
	free(sums_path);
	strlist_release(&files);
	strlist_release(&others);
	return rc;
}

/* A folder INPUT is hashed the way the source layer hashed it at scan time:
 * over its entries' "sha256  path" lines. */
static int hash_folder(const char *input, unsigned char md[32], struct cs_error *err)
{
	struct source_limits lim;
	struct warnings w = {0};
	uint64_t total = 0, entries = 0;
	int rc = CS_FATAL;
	source_limits_default(&lim);
	struct source *s = source_open(input, 0, &lim, &w, &total, &entries, err);
	if (!s)
		goto out;
	const struct source_entry *e;
	int r;
	while ((r = source_next(s, &e, err)) == 1) {
		struct manifest_row row;
		int fr = source_entry_finish(s, &row, err);
		free(row.path);
		free(row.mime);
		free(row.link);
		if (fr == CS_FATAL)
			goto out;
	}
	if (r < 0)
		goto out;
	if (source_finish_info(s, err) != CS_OK)
		goto out;
	struct source_info info;
	source_get_info(s, &info);
	memcpy(md, info.sha256, 32);
	rc = CS_OK;
out:
	if (s)
		source_close(s);
	warnings_release(&w);
	return rc;
}

int verify_inputs(const char *dir, const char *const *inputs, size_t n, FILE *out, int *status,
		  struct cs_error *err)
{
	char *path = xasprintf("%s/findings.json", dir);
	json_error_t jerr;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	int rc = CS_FATAL;
	*status = EXIT_CLEAN;
	json_t *sources = root ? json_object_get(root, "sources") : NULL;
	if (!json_is_array(sources)) {
		cs_error_set(err, EXIT_INPUT, "cannot read the sources recorded in '%s': %s", path,
			     root ? "no \"sources\" array" : jerr.text);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		unsigned char md[32];
		char hex[65];
		if (stat(inputs[i], &st) != 0) {
			cs_error_set(err, EXIT_INPUT, "cannot open '%s': %s", inputs[i], strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (hash_folder(inputs[i], md, err) != CS_OK)
				goto out;
		} else if (rutil_sha256_file(inputs[i], md) != 0) {
			cs_error_set(err, EXIT_INPUT, "cannot read '%s': %s", inputs[i], strerror(errno));
			goto out;
		}
		rutil_hex(md, hex);
		size_t k;
		json_t *src;
		const char *match = NULL;
		json_array_foreach(sources, k, src) {
			const char *h = json_string_value(json_object_get(src, "sha256"));
			if (h && !strcmp(h, hex)) {
				match = json_string_value(json_object_get(src, "path"));
				if (!match)
					match = "";
				break;
			}
		}
		char *shown = rutil_cleans(inputs[i], true);
		if (match) {
			char *rec = rutil_cleans(match, true);
			fprintf(out, "input '%s' matches recorded source %zu '%s' (sha256 %s)\n", shown,
				k + 1, rec, hex);
			free(rec);
		} else {
			fprintf(out, "input '%s' MATCHES NO recorded source (sha256 %s)\n", shown, hex);
			*status = EXIT_FINDINGS;
		}
		free(shown);
	}
	rc = CS_OK;
out:
	json_decref(root);
	free(path);
	return rc;
}

int verify_run(const char *dir, const char *const *inputs, size_t n, FILE *out, int *status,
	       struct cs_error *err)
{
	int st_bundle = EXIT_CLEAN, st_inputs = EXIT_CLEAN;
	if (verify_bundle(dir, out, &st_bundle, err) != CS_OK)
		return CS_FATAL;
	if (n && verify_inputs(dir, inputs, n, out, &st_inputs, err) != CS_OK)
		return CS_FATAL;
	*status = st_bundle != EXIT_CLEAN ? st_bundle : st_inputs;
	return CS_OK;
}

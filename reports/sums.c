/*
 * SHA256SUMS: the hash of every other file of the bundle, in exactly the
 * format `sha256sum -c` checks, and the seal (the SHA-256 of SHA256SUMS).
 */
#include "reports/sums.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "reports/rutil.h"
#include "scanner/xalloc.h"

int sums_write(const char *dir, struct cs_error *err)
{
	struct strlist files = STRLIST_INIT;
	struct buf b = BUF_INIT(0);
	int rc = CS_FATAL;
	if (rutil_list_files(dir, &files, NULL, EXIT_OUTPUT, err) != CS_OK)
		goto out;
	for (size_t i = 0; i < files.n; i++) {
		const char *rel = files.v[i];
		if (!strcmp(rel, "SHA256SUMS"))
			continue;
		/* sha256sum escapes such names with a backslash; the tool
		 * makes every name itself, so one is a defect, not data. */
		if (strpbrk(rel, "\\\n\r")) {
			cs_error_set(err, EXIT_OUTPUT, "cannot list '%s/%s' in SHA256SUMS: bad name",
				     dir, rel);
			goto out;
		}
		char *path = xasprintf("%s/%s", dir, rel);
		unsigned char md[32];
		char hex[65];
		if (rutil_sha256_file(path, md) != 0) {
			cs_error_set(err, EXIT_OUTPUT, "cannot read '%s': %s", path, strerror(errno));
			free(path);
			goto out;
		}
		free(path);
		rutil_hex(md, hex);
		buf_addf(&b, "%s  %s\n", hex, rel);
	}
	rc = rutil_write_file(dir, "SHA256SUMS", b.p ? b.p : "", b.len, err);
out:
	strlist_release(&files);
	buf_release(&b);
	return rc;
}

int sums_seal(const char *dir, char hex[65], struct cs_error *err)
{
	char *path = xasprintf("%s/SHA256SUMS", dir);
	unsigned char md[32];
	int rc = CS_OK;
	if (rutil_sha256_file(path, md) != 0) {
		cs_error_set(err, EXIT_INPUT, "cannot read '%s': %s", path, strerror(errno));
		hex[0] = '\0';
		rc = CS_FATAL;
	} else {
		rutil_hex(md, hex);
	}
	free(path);
	return rc;
}

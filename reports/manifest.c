/*
 * manifest.csv: one row per entry of every input, in the order read
 * (RFC 4180, CRLF line ends, cells guarded against formula injection).
 */
#include "reports/report.h"

#include <stdlib.h>

#include "reports/rutil.h"
#include "scanner/timez.h"

static int write_manifest(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	struct buf b = BUF_INIT(0);
	buf_adds(&b, "source,path,size,sha256,mime,mtime\r\n");
	for (size_t i = 0; i < d->n_manifest; i++) {
		const struct manifest_row *r = &d->manifest[i];
		char hex[65], t[TIMEZ_BUFSZ];
		rutil_csv_cell(&b, r->source < d->n_sources ? d->sources[r->source].path : NULL);
		buf_adds(&b, ",");
		rutil_csv_cell(&b, r->path);
		buf_addf(&b, ",%lld,", (long long)r->size);
		if (r->hashed) {
			rutil_hex(r->sha256, hex);
			buf_adds(&b, hex);
		}
		buf_adds(&b, ",");
		rutil_csv_cell(&b, r->mime);
		buf_adds(&b, ",");
		if (r->has_mtime)
			buf_adds(&b, timez_utc(r->mtime, t));
		buf_adds(&b, "\r\n");
	}
	int rc = rutil_write_file(dir, "manifest.csv", b.p, b.len, err);
	buf_release(&b);
	return rc;
}

const struct report_ops report_manifest = {"manifest", NULL, write_manifest};

/*
 * findings.csv: one row per finding, in findings.json's order, for a
 * spreadsheet (RFC 4180, CRLF line ends, cells guarded against formula
 * injection: a spreadsheet must never evaluate a hostile post).
 */
#include "reports/report.h"

#include <stdlib.h>

#include "reports/rutil.h"
#include "scanner/timez.h"

static void cell_sep(struct buf *b, const char *s)
{
	rutil_csv_cell(b, s);
	buf_adds(b, ",");
}

/* Row by row to the file, each exhibit's bulk loaded for its rows only. */
static int write_csv(const struct bundle_data *d, const char *dir, struct cs_error *err)
{
	char *path = NULL;
	struct buf b = BUF_INIT(0);
	int rc = CS_FATAL;
	FILE *f = rutil_create(dir, "findings.csv", &path, err);
	if (!f)
		goto out;
	buf_adds(&b, "exhibit,created_at,local_time,category,severity,rule,kind,platform,id,author,"
		     "text,url,clauses,sha256\r\n");
	for (size_t i = 0; i < d->n_exhibits; i++) {
		const struct exhibit *ex = &d->exhibits[i];
		char utc[TIMEZ_BUFSZ] = "", local[TIMEZ_BUFSZ] = "", hex[65];
		if (exhibit_load(ex, 0, err) != CS_OK)
			goto out;
		const struct item *it = ex->item;
		if (it->time_source != ITEM_TIME_NONE) {
			timez_utc(it->created_at, utc);
			timez_local(it->created_at, local);
		}
		rutil_hex(it->sha256, hex);
		for (size_t j = 0; j < ex->findings.n; j++) {
			const struct finding *fi = &ex->findings.v[j];
			struct buf clauses = BUF_INIT(0);
			for (size_t k = 0; k < fi->n_citations; k++) {
				if (k)
					buf_adds(&clauses, "; ");
				buf_adds(&clauses, fi->citations[k].clause ? fi->citations[k].clause : "");
			}
			cell_sep(&b, ex->id);
			cell_sep(&b, utc);
			cell_sep(&b, local);
			cell_sep(&b, fi->category);
			cell_sep(&b, rutil_severity_name(fi->severity));
			cell_sep(&b, fi->rule);
			cell_sep(&b, item_kind_name(it->kind));
			cell_sep(&b, it->platform);
			cell_sep(&b, it->id);
			cell_sep(&b, it->author);
			cell_sep(&b, it->text);
			cell_sep(&b, it->url);
			cell_sep(&b, clauses.p);
			rutil_csv_cell(&b, hex);
			buf_adds(&b, "\r\n");
			buf_release(&clauses);
			if (b.len && fwrite(b.p, 1, b.len, f) != b.len)
				break;
			buf_reset(&b);
		}
		exhibit_unload(ex);
	}
	if (b.len)
		fwrite(b.p, 1, b.len, f);
	rc = rutil_close(f, path, err);
	f = NULL;
out:
	if (f)
		fclose(f);
	buf_release(&b);
	free(path);
	return rc;
}

const struct report_ops report_csv = {"csv", "csv", write_csv};

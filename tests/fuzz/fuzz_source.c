/*
 * Fuzz harness: the source layer (scanner/source.c, libarchive) on raw
 * archive bytes.  The input is written to a file, opened with source_open
 * and every entry iterated the way the pipeline does: the head, the
 * stream read to its end (every other entry only partly, so
 * source_entry_finish drains the rest), then the registry's choice.
 * Limits are small so that bombs and nesting reach their checks quickly.
 */
#include "tests/fuzz/fuzz.h"

#include "formats/registry.h"
#include "scanner/source.h"
#include "scanner/warnings.h"

static char *source_file;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!source_file)
		source_file = fuzz_tmp("input.zip");
	fuzz_write(source_file, data, size);

	struct source_limits lim;
	source_limits_default(&lim);
	lim.max_entry_size = 8u << 20;
	lim.max_total = 32u << 20;
	lim.max_entries = 2000;
	lim.max_depth = 2;
	struct warnings w = {0};
	struct cs_error err = {0};
	uint64_t total = 0, entries = 0;
	struct source *s = source_open(source_file, 0, &lim, &w, &total, &entries, &err);
	if (!s)
		goto out;
	const struct source_entry *e;
	int r;
	unsigned k = 0;
	while ((r = source_next(s, &e, &err)) == 1) {
		if (!e->path)
			abort();
		size_t hn = 0;
		const unsigned char *head = source_head(s, &hn);
		const struct format_ops *tie = NULL;
		(void)registry_choose(e->path, head, hn, &tie);
		struct entry_stream *st = source_stream(s);
		char buf[8192];
		ssize_t n;
		uint64_t got = 0;
		while (st && (k++ & 1) == 0 && (n = entry_stream_read(st, buf, sizeof buf)) > 0)
			got += (uint64_t)n;
		struct manifest_row row;
		memset(&row, 0, sizeof row);
		int fr = source_entry_finish(s, &row, &err);
		if (row.hashed && got > (uint64_t)row.size)
			abort();       /* more handed out than recorded */
		free(row.path);
		free(row.mime);
		free(row.link);
		if (fr == CS_FATAL)
			break;
	}
	struct cs_error ferr = {0};
	source_finish_info(s, &ferr);
	struct source_info info;
	source_get_info(s, &info);
	source_close(s);
out:
	warnings_release(&w);
	return 0;
}

#include "scanner/inspect.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/xalloc.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static void print_json(const struct pipeline_result *r, FILE *out)
{
	json_t *o = json_object();
	json_object_set_new(o, "sources", report_json_sources(r->sources, r->n_sources));
	json_object_set_new(o, "platform", str_or_null(r->platform));
	const char *layout = NULL;
	for (size_t i = 0; i < r->n_sources && !layout; i++)
		layout = r->sources[i].layout;
	json_object_set_new(o, "layout", str_or_null(layout));
	json_object_set_new(o, "entries", json_integer((json_int_t)r->entries));
	json_object_set_new(o, "account", report_json_account(&r->account, r->platform));
	json_object_set_new(o, "counts", report_json_counts(r->counts));
	json_object_set_new(o, "warnings", report_json_warnings(&r->warnings));
	json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(o);
}

static void print_text(const struct pipeline_result *r, FILE *out)
{
	for (size_t i = 0; i < r->n_sources; i++) {
		const struct source_info *s = &r->sources[i];
		char hex[65];
		sha256_hex(s->sha256, hex);
		uint64_t parsed = 0;
		for (size_t m = 0; m < r->n_manifest; m++)
			parsed += r->manifest[m].source == i && r->manifest[m].format;
		fprintf(out, "input %zu: %s\n", i + 1, s->path);
		fprintf(out, "  type      %s, %lld bytes, %s\n", s->type, (long long)s->size,
			s->mime ? s->mime : "-");
		fprintf(out, "  sha256    %s%s\n", hex,
			strcmp(s->type, "directory") == 0 ? " (of its entries' sha256 lines)" : "");
		fprintf(out, "  platform  %s\n", s->platform ? s->platform : "not recognised");
		fprintf(out, "  layout    %s\n", s->layout ? s->layout : "not recognised");
		fprintf(out, "  entries   %llu, %llu parsed\n", (unsigned long long)s->entries,
			(unsigned long long)parsed);
	}
	const struct account *a = &r->account;
	fprintf(out, "account\n");
	fprintf(out, "  handle        %s\n", a->handle ? a->handle : "-");
	fprintf(out, "  display name  %s\n", a->display_name ? a->display_name : "-");
	for (size_t i = 0; i < a->emails.n; i++)
		fprintf(out, "  email         %s\n", a->emails.v[i]);
	if (a->bio)
		fprintf(out, "  bio           %s\n", a->bio);
	for (size_t i = 0; i < a->n_work; i++)
		fprintf(out, "  work          %s%s%s\n", a->work[i].employer ? a->work[i].employer : "-",
			a->work[i].title ? ", " : "", a->work[i].title ? a->work[i].title : "");
	fprintf(out, "items\n ");
	for (int k = 0; k < ITEM_KIND_COUNT; k++)
		fprintf(out, " %s %llu", item_kind_name((enum item_kind)k), (unsigned long long)r->counts[k]);
	fputc('\n', out);
	fprintf(out, "warnings (%zu)\n", r->warnings.n);
	for (size_t i = 0; i < r->warnings.n; i++) {
		const struct warning *w = &r->warnings.v[i];
		fprintf(out, "  %s", w->entry ? w->entry : w->source_path ? w->source_path : "");
		if (w->offset >= 0)
			fprintf(out, " @%lld", (long long)w->offset);
		fprintf(out, " [%s] %s\n", w->code, w->message);
	}
	fprintf(out, "entries (sha256, size, parser, path)\n");
	for (size_t m = 0; m < r->n_manifest; m++) {
		const struct manifest_row *row = &r->manifest[m];
		char hex[65];
		if (row->hashed)
			sha256_hex(row->sha256, hex);
		else
			snprintf(hex, sizeof hex, "%-64s", row->type == ENTRY_FILE ? "(not read)" :
				 entry_type_name(row->type));
		fprintf(out, "%s  %10lld  %-13s  %s", hex, (long long)row->size,
			row->format ? row->format : "-", row->path);
		if (row->link)
			fprintf(out, " -> %s", row->link);
		fputc('\n', out);
	}
}

int inspect_run(const char *const *inputs, size_t n, const struct source_limits *lim,
		size_t element_cap, bool json, FILE *out, struct cs_error *err)
{
	struct pipeline_opts o = {.inputs = inputs, .n_inputs = n, .limits = *lim,
				  .element_cap = element_cap};
	struct pipeline_result r;
	int rc = pipeline_run(&o, &r, err);
	if (rc == CS_OK) {
		if (json)
			print_json(&r, out);
		else
			print_text(&r, out);
		if (!r.platform) {
			cs_error_set(err, EXIT_INPUT,
				     "not a supported export '%s': no Twitter or Facebook layout recognised",
				     inputs[0]);
			rc = CS_FATAL;
		}
	}
	pipeline_result_release(&r);
	return rc;
}

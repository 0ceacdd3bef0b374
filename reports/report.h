#ifndef CS_REPORT_H
#define CS_REPORT_H
/*
 * What a finished scan hands to the writers, and the interface every
 * output implements.
 *
 * One writer per output file, one file per writer in reports/, one row in
 * reports/registry.c.  Writers are given the bundle's temporary folder
 * (reports/bundle.c owns it: created beside --out, renamed into place at
 * the end, removed on any failure) and write their own file there.  They
 * read struct bundle_data and change nothing in it.  SHA256SUMS is written
 * last, over every other file.
 *
 * Everything in bundle_data is already in its final order: sources in
 * argv order, manifest rows in reading order, warnings by position,
 * exhibits by the SPEC's exhibit order, each exhibit's findings by rule id.
 * A writer never sorts, so -j can never change what it writes.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "formats/format.h"
#include "scanner/error.h"
#include "scanner/policy/policy.h"
#include "scanner/warnings.h"

enum entry_type { ENTRY_FILE, ENTRY_DIR, ENTRY_SYMLINK, ENTRY_HARDLINK, ENTRY_OTHER };
const char *entry_type_name(enum entry_type t);

/* One INPUT (findings.json `sources[]`). */
struct source_info {
	char *path;                 /* as given on the command line */
	const char *type;           /* "file" or "directory" */
	int64_t size;               /* bytes of the file; for a folder the sum of its files */
	unsigned char sha256[32];   /* of the file; for a folder, of its manifest rows */
	char *mime;
	const char *platform;       /* "twitter", "facebook", or NULL when not recognised */
	const char *layout;         /* SPEC layout name, or NULL */
	uint64_t entries;
};

/* One entry of an input (manifest.csv, evidence.xml `fileobject`). */
struct manifest_row {
	unsigned source;            /* index into sources */
	char *path;                 /* as recorded; \xNN for non-UTF-8; "outer.zip!inner" */
	enum entry_type type;
	int64_t size;               /* bytes read (uncompressed) */
	unsigned char sha256[32];
	bool hashed;                /* false: not read (encrypted, a link, over a limit) */
	char *mime;                 /* libmagic on the first bytes; NULL if not read */
	int64_t mtime;
	bool has_mtime;
	const char *format;         /* the format that parsed it; NULL: no parser claimed it */
	char *link;                 /* a link's target, as recorded (never followed) */
	uint64_t items;             /* items the format emitted from it */
};

/* One piece of evidence: an item and every finding on it. */
struct exhibit {
	char id[16];                /* "E0001" */
	struct item *item;          /* with raw bytes kept: item->raw/raw_len are owned here */
	struct finding_list findings;
	/* Files made for attachments, relative to the bundle ("exhibits/E0001-1.jpg");
	 * NULL where the attachment's entry was not found. */
	char **attachment_files;
};

struct source_limits;

struct scope {
	bool has_from, has_to;
	int64_t from, to;           /* UTC seconds, inclusive */
	unsigned kinds;             /* bit per enum item_kind; 0: every kind */
};

struct bundle_data {
	/* the run */
	const char *tool_name, *tool_version;
	int64_t started, finished;  /* SOURCE_DATE_EPOCH when set */
	char **command;             /* argv as recorded (without -j, --progress, -q) */
	size_t n_command;
	const char *mode;           /* "investigation" or "self-audit" */
	const char *timezone;
	struct scope scope;
	const char *policy_id, *policy_title, *policy_sha256;
	const char *org_name, *org_sha256;      /* NULL without --org */
	const char *case_reference, *case_investigator, *case_subject;  /* "" when not given */

	struct source_info *sources;
	size_t n_sources;
	struct manifest_row *manifest;
	size_t n_manifest;

	const char *platform;
	struct account *account;
	bool self_identified;
	struct strlist self_identification;     /* exhibit ids */

	uint64_t counts[ITEM_KIND_COUNT];       /* items read, in scope or not */
	uint64_t out_of_scope[ITEM_KIND_COUNT]; /* items counted but not judged */
	struct warnings *warnings;

	struct exhibit *exhibits;
	size_t n_exhibits;
	/* the worst severity of any finding, for the exit status; -1: none */
	int worst_severity;

	/* --template: an XSLT file for report.html; NULL: the mode's default
	 * (templates/report.xsl, or self-audit.xsl for "self-audit"). */
	const char *template_path;
	/* Limits for copying attachment entries out of the INPUTs; NULL: the
	 * defaults (source_limits_default). */
	const struct source_limits *limits;
};

/* An output.  `formats`: which --format names turn it on (NULL: always). */
struct report_ops {
	const char *name;           /* "json", "csv", "xml", "html", "exhibits", "manifest" */
	const char *format;         /* --format value that enables it, or NULL: always written */
	/* Writes into dir (the temporary bundle folder).  CS_OK or CS_FATAL
	 * with err set (EXIT_OUTPUT for write errors). */
	int (*write)(const struct bundle_data *d, const char *dir, struct cs_error *err);
};

/* The writers in the order they run (evidence.xml before report.html,
 * which is made from it); SHA256SUMS is not among them (bundle.c). */
const struct report_ops *const *report_writers(size_t *n);

/*
 * Names the writers share, so findings.json, evidence.xml, report.html and
 * the exhibits folder always agree.  Both are new strings (caller frees).
 *
 * exhibit_file_name: "exhibits/E0001.html" when the item's entry ends in
 * .html or .htm (any case), else "exhibits/E0001.json".
 *
 * exhibit_attachment_name: the file made for attachment `index` (from 0)
 * of the exhibit's item: ex->attachment_files[index] when the pipeline set
 * it, else "exhibits/E0001-<index+1>.<ext>" when the attachment's entry was
 * found, ext from the entry's last component ([a-z0-9] only, lowercased,
 * at most 8 characters, else "bin"); NULL when the entry was not found.
 */
char *exhibit_file_name(const struct exhibit *ex);
char *exhibit_attachment_name(const struct exhibit *ex, size_t index);

/* ---- the bundle folder (reports/bundle.c) ---------------------------- */

/*
 * Checks --format's list ("html,csv", "", "none", "csv"): every name must
 * enable some writer.  EXIT_USAGE otherwise.  NULL is the SPEC default.
 */
int bundle_check_formats(const char *formats, struct cs_error *err);

/*
 * Writes the whole bundle atomically: bundle_begin, every writer that is
 * always on or whose format is enabled, SHA256SUMS, bundle_commit.  On any
 * failure the temporary folder is removed and out_dir is left as it was.
 * seal: the SHA-256 of SHA256SUMS in lowercase hex, to print at the end.
 * CS_OK, or CS_FATAL with err: EXIT_USAGE (occupied --out, unknown format,
 * a stylesheet that cannot be used), EXIT_INPUT (an attachment changed
 * during the run), EXIT_OUTPUT (cannot create or write).
 *
 * bundle_write_formats takes --format's comma list (NULL: "html,csv"; ""
 * or "none": only the files always written); bundle_write_all the two
 * switches the SPEC has today.
 */
int bundle_write_formats(const struct bundle_data *d, const char *out_dir, const char *formats,
			 char seal[65], struct cs_error *err);
int bundle_write_all(const struct bundle_data *d, const char *out_dir, bool html, bool csv,
		     char seal[65], struct cs_error *err);

/* Refuses, before anything is read, an out_dir that bundle_begin would
 * refuse (EXIT_USAGE: exists and is not an empty folder; no name). */
int bundle_check_out(const char *out_dir, struct cs_error *err);

/*
 * The steps bundle_write_all takes, for callers that want them apart.
 *
 * bundle_begin: refuses (EXIT_USAGE, nothing touched) an out_dir that
 * exists and is not an empty folder (a link to one is refused too), then
 * creates the temporary folder "<parent>/.<base>.tmp-XXXXXX" beside it
 * (*tmp: a new string) and arms the signal cleanup with it.
 * bundle_commit: fsyncs every file and folder, renames tmp to out_dir
 * (replacing an empty out_dir; refused if out_dir became occupied), fsyncs
 * the parent and disarms the cleanup.  On failure the caller aborts.
 * bundle_abort: removes tmp recursively, never following links, and
 * disarms the cleanup.  tmp NULL is a no-op.
 */
int bundle_begin(const char *out_dir, char **tmp, struct cs_error *err);
int bundle_commit(const char *tmp, const char *out_dir, struct cs_error *err);
void bundle_abort(const char *tmp);

/*
 * SIGINT and SIGTERM remove the temporary folder in progress and exit
 * 130 / 143.  The handler itself does the removal with async-signal-safe
 * calls only (openat, getdents64, unlinkat on a path kept in a static
 * buffer), so it works even while the main flow is blocked in a write;
 * a flag polled by the main flow would not.  Call once, early in main.
 */
void bundle_install_signal_cleanup(void);
/* Removes the temporary folder in progress, if any (async-signal-safe):
 * for the out-of-memory handler.  bundle_abort_current is the same. */
void bundle_cleanup_now(void);
void bundle_abort_current(void);

/* Test hook: a writer run after the enabled ones (NULL: none). */
void bundle_set_test_writer(const struct report_ops *w);

/* ---- SHA256SUMS (reports/sums.c) -------------------------------------- */

/* Writes dir/SHA256SUMS: "<hex>  <path>\n" for every regular file below
 * dir except SHA256SUMS, sorted bytewise by relative path; anything else
 * than files and folders (a link) is EXIT_OUTPUT. */
int sums_write(const char *dir, struct cs_error *err);
/* The seal: lowercase hex SHA-256 of dir/SHA256SUMS. */
int sums_seal(const char *dir, char hex[65], struct cs_error *err);

/* ---- conductscan verify (reports/verify.c) ---------------------------- */

/*
 * Re-hashes every file SHA256SUMS lists and prints to out one line per file
 * changed, missing, not a regular file, or present but unlisted, then a
 * summary and "seal <hex>".  CS_OK with *status EXIT_CLEAN (intact) or
 * EXIT_FINDINGS (any problem, a malformed SHA256SUMS line included);
 * CS_FATAL with EXIT_INPUT when dir has no readable SHA256SUMS.  Only
 * files found by walking dir (links never followed) are ever opened, so a
 * listed "../x" cannot read outside the bundle.
 */
int verify_bundle(const char *dir, FILE *out, int *status, struct cs_error *err);
/*
 * Re-hashes each INPUT (a file's bytes; a folder as the source layer
 * hashes it) and matches it by hash to the sources recorded in
 * dir/findings.json, printing one line per INPUT.  *status EXIT_FINDINGS
 * when any INPUT matches no recorded source.  CS_FATAL: EXIT_INPUT when
 * findings.json or an INPUT cannot be read.
 */
int verify_inputs(const char *dir, const char *const *inputs, size_t n, FILE *out, int *status,
		  struct cs_error *err);
/* `conductscan verify BUNDLE [INPUT...]`: verify_bundle, then, when n > 0,
 * verify_inputs; *status EXIT_FINDINGS if either found a problem. */
int verify_run(const char *dir, const char *const *inputs, size_t n, FILE *out, int *status,
	       struct cs_error *err);

#endif

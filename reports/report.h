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
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

struct exhibit_stow;        /* scanner/exhibits.c */

/* One piece of evidence: an item and every finding on it. */
struct exhibit {
	char id[16];                /* "E0001" */
	/* The item and its findings.  With a stow, both are in the scan's
	 * spool file (scanner/exhibits.h, exhibit_stow) and are here only
	 * between exhibit_load and exhibit_unload: item NULL and findings
	 * empty otherwise.  Without one (stow NULL) they are always here;
	 * item is never NULL and raw/raw_len are owned. */
	struct item *item;
	struct finding_list findings;
	struct exhibit_stow *stow;
	/* Files made for attachments, relative to the bundle ("exhibits/E0001-1.jpg");
	 * NULL where the attachment's entry was not found.  May be left NULL
	 * as a whole: the writers then name the files with
	 * exhibit_attachment_name() (below), which is what they use anyway. */
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

/*
 * The SPEC's JSON shapes that findings.json and `inspect --json` share
 * (reports/json.c), as new references: sources[], the account without its
 * self-identification keys, counts per kind, warnings[].  Strings that are
 * not UTF-8 are shown with \xNN.
 */
json_t *report_json_sources(const struct source_info *sources, size_t n);
json_t *report_json_account(const struct account *a, const char *platform);
json_t *report_json_counts(const uint64_t counts[ITEM_KIND_COUNT]);
json_t *report_json_warnings(const struct warnings *w);

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

/*
 * evidence.xml's document, written to dir/rel as it is made (never whole
 * in memory).  o NULL: evidence.xml itself.  The copies report.html's
 * stylesheet is applied to (reports/html.c, templates/README.md):
 *   quote > 0: each of an exhibit's strings (text, context, match,
 *     author, ...) is cut to its first `quote` bytes (at a character) and
 *     says how many it left out in @omitted;
 *   light: exhibits without text, context, match and citation elements
 *     (the frame of a report made in parts, which shows none of them);
 *   exhibits_only: only the head (creator, run, sources, account) and
 *     the exhibits [first, last): one part of the report's exhibits;
 *   self_id_only: of the exhibits, only those in self_identification,
 *     with their id and self_identification findings alone
 *     (exhibits/@count still counts all): the frame of a stylesheet that
 *     makes its index in parts too, which then holds no tree per exhibit.
 */
struct report_xml_opts {
	size_t quote;
	bool light;
	bool exhibits_only;
	size_t first, last;
	bool self_id_only;
};
int report_xml_write(const struct bundle_data *d, const char *dir, const char *rel,
		     const struct report_xml_opts *o, struct cs_error *err);

/*
 * An exhibit's item and findings, for the writers, one exhibit at a time,
 * so that a bundle of many exhibits, or of large ones, is written in
 * bounded memory (issue 7).  A writer calls exhibit_load before it reads
 * ex->item or ex->findings and exhibit_unload when done with them.  All
 * are no-ops or plain reads for an exhibit without a stow.
 *
 * exhibit_load: reads the exhibit's record back into ex->item and
 * ex->findings, cutting each of the item's strings that say what it is
 * (text, context, author, url, ...; not id, in_reply_to, source, entry) to
 * at most `max` bytes (0: whole; a writer that quotes a prefix cuts it at
 * a character itself), until exhibit_unload frees them again.  Raw bytes
 * are never loaded: exhibit_raw_read reads n of them at off (item->raw
 * when there is no stow; the exhibit must be loaded).  exhibit_full_length:
 * the whole byte length of one of the loaded item's string fields
 * (&ex->item->text), whole or cut.  exhibit_entry: the item's entry path,
 * loaded or not; exhibit_has_attachments: whether the item has any, loaded
 * or not (so that a writer of attachments loads only those).  CS_OK, or CS_FATAL with EXIT_OUTPUT when the spool
 * cannot be read.
 */
int exhibit_load(const struct exhibit *ex, size_t max, struct cs_error *err);
void exhibit_unload(const struct exhibit *ex);
int exhibit_raw_read(const struct exhibit *ex, uint64_t off, void *p, size_t n,
		     struct cs_error *err);
size_t exhibit_full_length(const struct exhibit *ex, char *const *field);
const char *exhibit_entry(const struct exhibit *ex);
bool exhibit_has_attachments(const struct exhibit *ex);

/* The bundle folder, SHA256SUMS and verify have their own headers; they
 * are included here too, so that report.h alone gives the whole interface
 * of reports/. */
#include "reports/bundle.h"
#include "reports/sums.h"
#include "reports/verify.h"

#endif

#ifndef CS_POLICY_INT_H
#define CS_POLICY_INT_H
/*
 * The policy engine's own records, shared by its files (policy.c: packs;
 * org.c: the org profile; engine.c: matching).  Nothing outside
 * scanner/policy/ includes this.
 */
#include <stdbool.h>
#include <stddef.h>

#include "scanner/buf.h"
#include "scanner/policy/lexicon.h"
#include "scanner/policy/norm.h"
#include "scanner/policy/policy.h"
#include "scanner/policy/rx.h"

/* Built-in detectors a rule may name ("detector": "nhs_number"). */
enum detector {
	DET_NONE,
	DET_UK_PHONE,
	DET_NHS_NUMBER,
	DET_NI_NUMBER,
	DET_ADDRESS,
	DET_DATE_OF_BIRTH,
	DET_EMAIL,
	DET_SERVICE_USER,
	DET_LIKED,
	DET_WORKING_HOURS,
	DET_ABSENCE,
	DET_ORG_HASHTAG,
	/* account level: engine_account only */
	DET_SELF_IDENTIFICATION,
	DET_MISSING_DISCLAIMER,
	DET_WORK_EMAIL,
};

/* A rule's expressions: n sources compiled as n_rx patterns (equal).
 * memo[i]: for a source that other rules of the pack use too, its slot in
 * the engine's per-item memo of matches (policy.n_memo slots), else -1. */
struct rx_list {
	struct rx *v;
	char **src;
	int *memo;
	size_t n, n_rx;
};

enum scope { SCOPE_ALL, SCOPE_RESTRICTED, SCOPE_UNRESTRICTED };

struct rule {
	char *id;
	char *category;
	char *summary;
	enum severity severity;
	unsigned kinds;             /* bit per enum item_kind */
	struct rx_list patterns;    /* triggers, on the normalised text */
	struct rx_list with;        /* one must also match, anywhere */
	struct rx_list unless;      /* none may match */
	bool lexicon;               /* lexicon hits are triggers */
	struct strlist groups;      /* ... of these groups (empty: all) */
	int min_severity, max_severity;
	size_t min_hits;            /* at least this many trigger spans */
	enum detector detector;
	struct strlist near;        /* a target of one of these classes ... */
	size_t window;              /* ... within this many bytes of a trigger */
	bool reply;                 /* a reply to the org's handle counts as near the org */
	enum scope scope;
	struct citation *cit;       /* strings borrowed from the pack's clauses */
	size_t n_cit;
};

struct clause {
	char *id, *section, *quote;
	char *policy;               /* the source (seed policy) id it quotes */
};

struct pack_source {
	char *id, *file, *title, *date;
};

struct target_def {
	char *name;
	struct strlist patterns;
};

struct policy {
	char *id, *title, *file;
	char sha256[65];
	struct pack_source *sources;
	size_t n_sources;
	struct clause *clauses;
	size_t n_clauses;
	struct rule *rules;         /* sorted by id */
	size_t n_rules;
	struct lexicon *lx;
	struct norm_fold *fold;
	struct target_def *targets;
	size_t n_targets;
	struct strlist lexicon_files;
	size_t max_matches;         /* per finding */
	size_t max_text;            /* bytes of an item's text examined */
	size_t n_memo;              /* expressions used by more than one list */
};

struct absence {
	char from[11], to[11];      /* YYYY-MM-DD, inclusive */
	char *reason;
};

struct org {
	char *file, *name;
	char sha256[65];
	char *timezone;
	struct strlist aliases, handles, email_domains, hashtags;
	struct strlist colleagues, managers, councillors, service_users;   /* names as written */
	struct strlist suppliers, partners;
	bool has_hours;
	unsigned days;              /* bit 0 = Sunday (struct tm's tm_wday) */
	int start, end;             /* minutes after midnight */
	int (*breaks)[2];
	size_t n_breaks;
	struct absence *absences;
	size_t n_absences;
	bool restricted;
};

/* Reads a whole file (cap 16 MiB): 0, or -1 with errno. */
int policy_read_file(const char *path, char **data, size_t *len);
/* Lowercase hex SHA-256 of bytes. */
void policy_sha256_hex(const void *p, size_t n, char hex[65]);

/* A pattern matching a person by the SPEC's rule (full name either order,
 * or title and surname; never one name alone), over normalised text,
 * appended to b. */
void org_person_pattern(const char *name, const struct norm_fold *fold, struct buf *b);
/* Appends an escaped normalised literal. */
void org_literal_pattern(const char *s, const struct norm_fold *fold, struct buf *b);

#endif

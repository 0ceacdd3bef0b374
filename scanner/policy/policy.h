#ifndef CS_POLICY_H
#define CS_POLICY_H
/*
 * The policy engine: packs, the org profile, and the findings they give.
 * (Issue 5 owns this folder; this header is the interface the pipeline and
 * the reports rely on.  Extend it; keep these names.)
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "formats/format.h"
#include "scanner/error.h"

enum severity { SEV_INFO, SEV_LOW, SEV_MEDIUM, SEV_HIGH };
const char *severity_name(enum severity s);

struct match_span {
	size_t start, end;          /* UTF-8 byte offsets into item.text, [start, end) */
};

struct citation {
	const char *policy;         /* pack id ("tameside"); borrowed from the pack */
	const char *clause;         /* "tameside-3" */
	const char *section;
	const char *quote;          /* verbatim from the seed */
};

/* One rule's finding on one item. */
struct finding {
	const char *category;       /* SPEC category; borrowed from the pack */
	const char *rule;           /* rule id */
	enum severity severity;
	char *summary;              /* one line a person reads first; owned */
	struct match_span *matches; /* owned; at most the pack's cap */
	size_t n_matches;
	size_t matches_omitted;
	const struct citation *citations;   /* borrowed from the pack */
	size_t n_citations;
};

struct finding_list {
	struct finding *v;
	size_t n, cap;
};
void finding_list_release(struct finding_list *l);

struct policy;      /* a loaded pack with its lexicons */
struct org;         /* a loaded org profile */
struct engine;      /* compiled matchers for one run */

/* id: a shipped pack id, or a file (contains '/' or ends in ".json").
 * Errors are EXIT_USAGE naming the file and the key. */
struct policy *policy_load(const char *id_or_file, struct cs_error *err);
void policy_free(struct policy *p);
const char *policy_id(const struct policy *p);
const char *policy_title(const struct policy *p);
/* Lowercase hex SHA-256 over the pack file and its lexicons in load order. */
const char *policy_sha256(const struct policy *p);

struct org *org_load(const char *file, struct cs_error *err);
void org_free(struct org *o);
const char *org_name(const struct org *o);
const char *org_sha256(const struct org *o);
/* The profile's working_hours.timezone, or NULL. */
const char *org_timezone(const struct org *o);

/* o may be NULL (generic "the council" detection only). */
struct engine *engine_new(const struct policy *p, const struct org *o, struct cs_error *err);
void engine_free(struct engine *e);

/* Judges one item: appends its findings (rule id order) to out.  Thread-
 * safe for distinct `out` lists: one engine serves every worker. */
int engine_item(struct engine *e, const struct item *it, struct finding_list *out);

/* After all items: account-level findings (self_identification,
 * missing_disclaimer, work_email) on the profile items given, and whether
 * the account is self-identified. */
int engine_account(struct engine *e, const struct account *a, struct item *const *profile_items,
		   size_t n_profile_items, struct finding_list *per_item_out /* n_profile_items lists */,
		   bool *self_identified);

/* `conductscan policies` and `conductscan policies ID`. */
int policies_list(FILE *out, struct cs_error *err);
int policies_show(const char *id, FILE *out, struct cs_error *err);

#endif

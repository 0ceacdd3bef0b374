#ifndef CS_POLICY_H
#define CS_POLICY_H
/*
 * The policy engine: packs, the org profile, and the findings they give.
 * (Issue 5 owns this folder; this header is the interface the pipeline and
 * the reports rely on.  Extend it; keep these names.)
 *
 * A pack (policies/<id>.json, format in policies/README.md) holds clauses
 * quoted verbatim from a council's policy and rules that cite them; its
 * lexicons and fold table sit beside it.  Loading compiles every pattern and
 * lexicon once (PCRE2, JIT where it can); engine_new() adds what the org
 * profile names (the organisation, its people by the name rule, suppliers,
 * partners, hashtags, email domains).  Each item's text is normalised once
 * (scanner/policy/norm.h) with a map back to the original bytes, so every
 * match span is the exact original UTF-8 of item.text.
 *
 * Files: policy.c (packs, `conductscan policies`), org.c (the org profile
 * and the name rule), norm.c (normalisation), lexicon.c (word lists), rx.c
 * (PCRE2), engine.c (matching); policy_int.h is their shared record.
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
 * safe for distinct `out` lists: one engine serves every worker.  Only the
 * first `limits.text_bytes` of the text are examined (the summary says so).
 * Likes and shares are judged by the pack's liked_content rule: the text
 * they carry is scored by the content rules.  Account-level rules
 * (self_identification on profiles, missing_disclaimer, work_email) are
 * left to engine_account().  A self_identification finding on any item is
 * remembered for engine_account().  Returns CS_OK. */
int engine_item(struct engine *e, const struct item *it, struct finding_list *out);

/* After all items: account-level findings (self_identification,
 * missing_disclaimer, work_email) on the profile items given, and whether
 * the account is self-identified (by a profile field or by any item judged
 * before).  Findings are appended to per_item_out[i] for profile_items[i],
 * each list sorted by rule id; the missing disclaimer rests on the bio (or
 * the first profile item), an account email in an org domain that no profile
 * item shows on the "email" field (or the first).  a may be NULL.  Content
 * rules on free-text profile fields are engine_item()'s.  Returns CS_OK. */
int engine_account(struct engine *e, const struct account *a, struct item *const *profile_items,
		   size_t n_profile_items, struct finding_list *per_item_out /* n_profile_items lists */,
		   bool *self_identified);

/* `conductscan policies` and `conductscan policies ID`. */
int policies_list(FILE *out, struct cs_error *err);
int policies_show(const char *id, FILE *out, struct cs_error *err);

#endif

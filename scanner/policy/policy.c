#include "scanner/policy/policy.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/datadir.h"
#include "scanner/policy/policy_int.h"
#include "scanner/xalloc.h"

#define READ_CAP (16u << 20)

static const char *const categories[] = {
	"derogatory", "offensive_language", "harassment", "confidential", "personal_data",
	"political", "speaking_for_council", "supplier_comment", "liked_inappropriate",
	"service_user_connection", "missing_disclaimer", "work_email", "work_time_use",
	"absence_activity", "self_identification", NULL
};

static const struct {
	const char *name;
	enum detector det;
} detectors[] = {
	{ "uk_phone", DET_UK_PHONE },
	{ "nhs_number", DET_NHS_NUMBER },
	{ "ni_number", DET_NI_NUMBER },
	{ "street_address", DET_ADDRESS },
	{ "date_of_birth", DET_DATE_OF_BIRTH },
	{ "email_address", DET_EMAIL },
	{ "service_user", DET_SERVICE_USER },
	{ "liked_content", DET_LIKED },
	{ "working_hours", DET_WORKING_HOURS },
	{ "absence", DET_ABSENCE },
	{ "org_hashtag", DET_ORG_HASHTAG },
	{ "self_identification", DET_SELF_IDENTIFICATION },
	{ "missing_disclaimer", DET_MISSING_DISCLAIMER },
	{ "work_email", DET_WORK_EMAIL },
};

const char *severity_name(enum severity s)
{
	switch (s) {
	case SEV_INFO: return "info";
	case SEV_LOW: return "low";
	case SEV_MEDIUM: return "medium";
	case SEV_HIGH: return "high";
	}
	return "info";
}

static int severity_parse(const char *s)
{
	for (int i = SEV_INFO; i <= SEV_HIGH; i++)
		if (strcmp(s, severity_name((enum severity)i)) == 0)
			return i;
	return -1;
}

void finding_list_release(struct finding_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].summary);
		free(l->v[i].matches);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

int policy_read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT(READ_CAP);
	char tmp[8192];
	size_t n;
	int rc = -1;

	if (!f)
		return -1;
	while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
		if (buf_add(&b, tmp, n) < 0) {
			errno = EFBIG;
			goto out;
		}
	}
	if (ferror(f))
		goto out;
	buf_add(&b, "", 0);
	*data = buf_detach(&b, len);
	rc = 0;
out:
	buf_release(&b);
	fclose(f);
	return rc;
}

void policy_sha256_hex(const void *p, size_t n, char hex[65])
{
	unsigned char md[32];
	unsigned int l = 0;
	EVP_Digest(p, n, md, &l, EVP_sha256(), NULL);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

/* ---- loading ---------------------------------------------------------- */

struct ld {
	const char *file;
	struct cs_error *err;
};

static int bad(struct ld *ld, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int bad(struct ld *ld, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	cs_error_set(ld->err, EXIT_USAGE, "cannot load pack '%s': %s", ld->file, what);
	return -1;
}

static int check_keys(struct ld *ld, json_t *obj, const char *path, const char *const *allowed)
{
	const char *key;
	json_t *v;
	if (!json_is_object(obj))
		return bad(ld, "'%s' must be an object", path);
	json_object_foreach(obj, key, v) {
		const char *const *a;
		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (!*a) {
			char full[300];
			if (*path)
				snprintf(full, sizeof full, "%s.%s", path, key);
			else
				snprintf(full, sizeof full, "%s", key);
			return bad(ld, "unknown key '%s'", full);
		}
	}
	return 0;
}

/* obj[key] as a string: *out borrowed (NULL when absent and optional). */
static int get_str(struct ld *ld, json_t *obj, const char *path, const char *key, bool required,
		   const char **out)
{
	char full[300];
	json_t *v = json_object_get(obj, key);
	snprintf(full, sizeof full, "%s%s%s", path, *path ? "." : "", key);
	*out = NULL;
	if (!v) {
		if (required)
			return bad(ld, "missing key '%s'", full);
		return 0;
	}
	if (!json_is_string(v))
		return bad(ld, "'%s' must be a string", full);
	*out = json_string_value(v);
	return 0;
}

static int get_strlist(struct ld *ld, json_t *obj, const char *path, const char *key,
		       struct strlist *out)
{
	char full[300];
	json_t *v = json_object_get(obj, key), *e;
	size_t i;
	snprintf(full, sizeof full, "%s%s%s", path, *path ? "." : "", key);
	if (!v)
		return 0;
	if (!json_is_array(v))
		return bad(ld, "'%s' must be an array of strings", full);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return bad(ld, "'%s' must be an array of strings", full);
		strlist_push(out, json_string_value(e));
	}
	return 0;
}

/* Each pattern is compiled and matched on its own: an error names it, and
 * PCRE2 keeps each one's required-literal shortcut (a single alternation of
 * a rule's patterns measured slower). */
static int compile_list(struct ld *ld, const char *path, const struct strlist *src,
			struct rx_list *out)
{
	int rc = -1;

	out->v = xcalloc(src->n + 1, sizeof *out->v);
	out->src = xcalloc(src->n + 1, sizeof *out->src);
	out->memo = xcalloc(src->n + 1, sizeof *out->memo);
	for (size_t i = 0; i < src->n; i++) {
		char msg[300];
		if (rx_compile(&out->v[out->n], src->v[i], msg, sizeof msg) != 0) {
			char full[700];
			snprintf(full, sizeof full, "pattern '%s[%zu]' does not compile: %s", path, i, msg);
			cs_error_set(ld->err, EXIT_USAGE, "cannot load pack '%s': %s", ld->file, full);
			goto out;
		}
		out->src[out->n] = xstrdup(src->v[i]);
		out->n++;
	}
	rc = 0;
out:
	out->n_rx = out->n;     /* so that a failed list still frees what compiled */
	return rc;
}

static void rx_list_release(struct rx_list *l)
{
	for (size_t i = 0; i < l->n_rx; i++)
		rx_release(&l->v[i]);
	for (size_t i = 0; i < l->n; i++)
		free(l->src[i]);
	free(l->v);
	free(l->src);
	free(l->memo);
	memset(l, 0, sizeof *l);
}

static const struct clause *find_clause(const struct policy *p, const char *id)
{
	for (size_t i = 0; i < p->n_clauses; i++)
		if (strcmp(p->clauses[i].id, id) == 0)
			return &p->clauses[i];
	return NULL;
}

static int load_match(struct ld *ld, struct policy *p, struct rule *r, json_t *m, const char *path)
{
	static const char *const keys[] = { "patterns", "lexicon", "detector", "near", "with",
					    "unless", "scope", "min_matches", NULL };
	static const char *const lex_keys[] = { "groups", "min_severity", "max_severity", NULL };
	static const char *const near_keys[] = { "targets", "window", "reply", NULL };
	struct strlist tmp = STRLIST_INIT;
	char sub[300];
	const char *s;
	int rc = -1;

	if (check_keys(ld, m, path, keys) < 0)
		goto out;
	snprintf(sub, sizeof sub, "%s.patterns", path);
	if (get_strlist(ld, m, path, "patterns", &tmp) < 0 ||
	    compile_list(ld, sub, &tmp, &r->patterns) < 0)
		goto out;
	strlist_release(&tmp);
	snprintf(sub, sizeof sub, "%s.with", path);
	if (get_strlist(ld, m, path, "with", &tmp) < 0 ||
	    compile_list(ld, sub, &tmp, &r->with) < 0)
		goto out;
	strlist_release(&tmp);
	snprintf(sub, sizeof sub, "%s.unless", path);
	if (get_strlist(ld, m, path, "unless", &tmp) < 0 ||
	    compile_list(ld, sub, &tmp, &r->unless) < 0)
		goto out;
	json_t *lex = json_object_get(m, "lexicon");
	r->min_severity = 1;
	r->max_severity = 4;
	if (lex) {
		snprintf(sub, sizeof sub, "%s.lexicon", path);
		if (check_keys(ld, lex, sub, lex_keys) < 0 || get_strlist(ld, lex, sub, "groups", &r->groups) < 0)
			goto out;
		json_t *mn = json_object_get(lex, "min_severity"), *mx = json_object_get(lex, "max_severity");
		if (mn && !json_is_integer(mn)) {
			bad(ld, "'%s.min_severity' must be an integer", sub);
			goto out;
		}
		if (mx && !json_is_integer(mx)) {
			bad(ld, "'%s.max_severity' must be an integer", sub);
			goto out;
		}
		if (mn)
			r->min_severity = (int)json_integer_value(mn);
		if (mx)
			r->max_severity = (int)json_integer_value(mx);
		r->lexicon = true;
	}
	if (get_str(ld, m, path, "detector", false, &s) < 0)
		goto out;
	if (s) {
		size_t i;
		for (i = 0; i < sizeof detectors / sizeof detectors[0]; i++)
			if (strcmp(detectors[i].name, s) == 0)
				break;
		if (i == sizeof detectors / sizeof detectors[0]) {
			snprintf(sub, sizeof sub, "%s.detector", path);
			bad(ld, "unknown detector in '%s'", sub);
			goto out;
		}
		r->detector = detectors[i].det;
	}
	json_t *near = json_object_get(m, "near");
	r->window = 80;
	if (near) {
		snprintf(sub, sizeof sub, "%s.near", path);
		if (check_keys(ld, near, sub, near_keys) < 0 || get_strlist(ld, near, sub, "targets", &r->near) < 0)
			goto out;
		json_t *w = json_object_get(near, "window"), *rp = json_object_get(near, "reply");
		if (w && (!json_is_integer(w) || json_integer_value(w) < 0)) {
			bad(ld, "'%s.window' must be a non-negative integer", sub);
			goto out;
		}
		if (w)
			r->window = (size_t)json_integer_value(w);
		if (rp && !json_is_boolean(rp)) {
			bad(ld, "'%s.reply' must be true or false", sub);
			goto out;
		}
		r->reply = rp && json_is_true(rp);
		for (size_t i = 0; i < r->near.n; i++) {
			size_t k;
			for (k = 0; k < p->n_targets; k++)
				if (strcmp(p->targets[k].name, r->near.v[i]) == 0)
					break;
			if (k == p->n_targets) {
				bad(ld, "'%s.targets' names an unknown target class", sub);
				goto out;
			}
		}
	}
	if (get_str(ld, m, path, "scope", false, &s) < 0)
		goto out;
	if (s) {
		if (strcmp(s, "all") == 0)
			r->scope = SCOPE_ALL;
		else if (strcmp(s, "politically_restricted") == 0)
			r->scope = SCOPE_RESTRICTED;
		else if (strcmp(s, "not_politically_restricted") == 0)
			r->scope = SCOPE_UNRESTRICTED;
		else {
			snprintf(sub, sizeof sub, "%s.scope", path);
			bad(ld, "'%s' must be all, politically_restricted or not_politically_restricted", sub);
			goto out;
		}
	}
	json_t *mm = json_object_get(m, "min_matches");
	r->min_hits = 1;
	if (mm) {
		if (!json_is_integer(mm) || json_integer_value(mm) < 1) {
			snprintf(sub, sizeof sub, "%s.min_matches", path);
			bad(ld, "'%s' must be a positive integer", sub);
			goto out;
		}
		r->min_hits = (size_t)json_integer_value(mm);
	}
	if (!r->patterns.n && !r->lexicon && r->detector == DET_NONE) {
		bad(ld, "'%s' has no patterns, lexicon or detector", path);
		goto out;
	}
	rc = 0;
out:
	strlist_release(&tmp);
	return rc;
}

static int load_rule(struct ld *ld, struct policy *p, struct rule *r, json_t *o, size_t idx)
{
	static const char *const keys[] = { "id", "category", "severity", "kinds", "summary", "match",
					    "clauses", "note", NULL };
	char path[64];
	const char *id, *cat, *sev, *sum;
	struct strlist kinds = STRLIST_INIT, cl = STRLIST_INIT;
	int rc = -1;

	snprintf(path, sizeof path, "rules[%zu]", idx);
	if (check_keys(ld, o, path, keys) < 0 || get_str(ld, o, path, "id", true, &id) < 0 ||
	    get_str(ld, o, path, "category", true, &cat) < 0 ||
	    get_str(ld, o, path, "severity", true, &sev) < 0 ||
	    get_str(ld, o, path, "summary", false, &sum) < 0 ||
	    get_strlist(ld, o, path, "kinds", &kinds) < 0 || get_strlist(ld, o, path, "clauses", &cl) < 0)
		goto out;
	r->id = xstrdup(id);
	const char *const *c;
	for (c = categories; *c; c++)
		if (strcmp(*c, cat) == 0)
			break;
	if (!*c) {
		bad(ld, "unknown category in '%s.category'", path);
		goto out;
	}
	r->category = xstrdup(cat);
	int sv = severity_parse(sev);
	if (sv < 0) {
		bad(ld, "'%s.severity' must be info, low, medium or high", path);
		goto out;
	}
	r->severity = (enum severity)sv;
	r->summary = xstrdup(sum ? sum : cat);
	if (!json_object_get(o, "kinds")) {
		bad(ld, "missing key '%s.kinds'", path);
		goto out;
	}
	for (size_t i = 0; i < kinds.n; i++) {
		int k = item_kind_parse(kinds.v[i]);
		if (k < 0) {
			bad(ld, "unknown item kind in '%s.kinds'", path);
			goto out;
		}
		r->kinds |= 1u << k;
	}
	if (cl.n == 0) {
		bad(ld, "'%s.clauses' must cite at least one clause", path);
		goto out;
	}
	r->cit = xcalloc(cl.n, sizeof *r->cit);
	for (size_t i = 0; i < cl.n; i++) {
		const struct clause *k = find_clause(p, cl.v[i]);
		if (!k) {
			char what[400];
			snprintf(what, sizeof what, "'%s.clauses' cites unknown clause '%s'", path, cl.v[i]);
			bad(ld, "%s", what);
			goto out;
		}
		r->cit[r->n_cit].policy = k->policy;
		r->cit[r->n_cit].clause = k->id;
		r->cit[r->n_cit].section = k->section;
		r->cit[r->n_cit].quote = k->quote;
		r->n_cit++;
	}
	json_t *m = json_object_get(o, "match");
	char mp[80];
	snprintf(mp, sizeof mp, "%s.match", path);
	if (!m) {
		bad(ld, "missing key '%s'", mp);
		goto out;
	}
	if (load_match(ld, p, r, m, mp) < 0)
		goto out;
	rc = 0;
out:
	strlist_release(&kinds);
	strlist_release(&cl);
	return rc;
}

static void rule_release(struct rule *r)
{
	free(r->id);
	free(r->category);
	free(r->summary);
	rx_list_release(&r->patterns);
	rx_list_release(&r->with);
	rx_list_release(&r->unless);
	strlist_release(&r->groups);
	strlist_release(&r->near);
	free(r->cit);
}

static int rule_cmp(const void *a, const void *b)
{
	return strcmp(((const struct rule *)a)->id, ((const struct rule *)b)->id);
}

static char *dir_of(const char *file)
{
	const char *slash = strrchr(file, '/');
	return slash ? xmemdupz(file, (size_t)(slash - file)) : xstrdup(".");
}

static int load_source(struct ld *ld, json_t *o, const char *path, struct pack_source *s,
		       const char *default_id)
{
	static const char *const keys[] = { "id", "file", "title", "date", NULL };
	const char *id, *file, *title, *date;
	if (check_keys(ld, o, path, keys) < 0 || get_str(ld, o, path, "id", false, &id) < 0 ||
	    get_str(ld, o, path, "file", true, &file) < 0 || get_str(ld, o, path, "title", false, &title) < 0 ||
	    get_str(ld, o, path, "date", false, &date) < 0)
		return -1;
	if (!id && !default_id)
		return bad(ld, "missing key '%s.id'", path);
	s->id = xstrdup(id ? id : default_id);
	s->file = xstrdup(file);
	s->title = xstrdup(title ? title : "");
	s->date = xstrdup(date ? date : "");
	return 0;
}

/* The same expression in several rules' lists ("we ... at" in speaking
 * for the council and self-identification) is matched once per item: each
 * such source gets a memo slot, the others -1. */
static void assign_memo(struct policy *p)
{
	struct rx_list **all = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < p->n_rules; i++) {
		struct rx_list *ls[] = { &p->rules[i].patterns, &p->rules[i].with, &p->rules[i].unless };
		for (size_t k = 0; k < 3; k++) {
			all = xgrow(all, &cap, n + 1, sizeof *all);
			all[n++] = ls[k];
		}
	}
	for (size_t a = 0; a < n; a++)
		for (size_t i = 0; i < all[a]->n; i++)
			all[a]->memo[i] = -1;
	for (size_t a = 0; a < n; a++)
		for (size_t i = 0; i < all[a]->n; i++) {
			if (all[a]->memo[i] >= 0)
				continue;
			bool shared = false;
			for (size_t b = a; b < n; b++)
				for (size_t k = b == a ? i + 1 : 0; k < all[b]->n; k++)
					if (all[b]->memo[k] < 0 && strcmp(all[a]->src[i], all[b]->src[k]) == 0) {
						all[b]->memo[k] = (int)p->n_memo;
						shared = true;
					}
			if (shared)
				all[a]->memo[i] = (int)p->n_memo++;
		}
	free(all);
}

static int load_pack(struct policy *p, const char *file, struct cs_error *err)
{
	static const char *const keys[] = { "id", "title", "source", "sources", "lexicons", "fold",
					    "limits", "targets", "clauses", "rules", "description", NULL };
	static const char *const clause_keys[] = { "id", "section", "quote", "source", NULL };
	static const char *const limit_keys[] = { "matches", "text_bytes", NULL };
	struct ld ld = { file, err };
	char *data = NULL, *dir = NULL;
	size_t len = 0;
	json_t *root = NULL, *v;
	json_error_t je;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	const char *s;
	size_t i;
	int rc = -1;

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	if (policy_read_file(file, &data, &len) < 0) {
		cs_error_set(err, EXIT_USAGE, "cannot load pack '%s': %s", file, strerror(errno));
		goto out;
	}
	EVP_DigestUpdate(md, data, len);
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		cs_error_set(err, EXIT_USAGE, "cannot load pack '%s': %s (line %d)", file, je.text, je.line);
		goto out;
	}
	if (check_keys(&ld, root, "", keys) < 0 || get_str(&ld, root, "", "id", true, &s) < 0)
		goto out;
	p->id = xstrdup(s);
	if (get_str(&ld, root, "", "title", true, &s) < 0)
		goto out;
	p->title = xstrdup(s);
	dir = dir_of(file);
	p->max_matches = 20;
	p->max_text = 1u << 20;
	if ((v = json_object_get(root, "limits"))) {
		if (check_keys(&ld, v, "limits", limit_keys) < 0)
			goto out;
		json_t *m = json_object_get(v, "matches"), *t = json_object_get(v, "text_bytes");
		if (m && (!json_is_integer(m) || json_integer_value(m) < 1)) {
			bad(&ld, "'%s' must be a positive integer", "limits.matches");
			goto out;
		}
		if (t && (!json_is_integer(t) || json_integer_value(t) < 1)) {
			bad(&ld, "'%s' must be a positive integer", "limits.text_bytes");
			goto out;
		}
		if (m)
			p->max_matches = (size_t)json_integer_value(m);
		if (t)
			p->max_text = (size_t)json_integer_value(t);
	}
	/* sources: one "source" (its id defaults to the pack's) or "sources" */
	if ((v = json_object_get(root, "source"))) {
		p->sources = xcalloc(1, sizeof *p->sources);
		if (load_source(&ld, v, "source", &p->sources[0], p->id) < 0)
			goto out;
		p->n_sources = 1;
	} else if ((v = json_object_get(root, "sources"))) {
		if (!json_is_array(v) || json_array_size(v) == 0) {
			bad(&ld, "'%s' must be a non-empty array", "sources");
			goto out;
		}
		p->sources = xcalloc(json_array_size(v), sizeof *p->sources);
		json_t *e;
		json_array_foreach(v, i, e) {
			char path[40];
			snprintf(path, sizeof path, "sources[%zu]", i);
			if (load_source(&ld, e, path, &p->sources[i], NULL) < 0)
				goto out;
			p->n_sources++;
		}
	} else {
		bad(&ld, "missing key '%s'", "source");
		goto out;
	}
	/* fold table, then lexicons (terms are normalised with the table) */
	if (get_str(&ld, root, "", "fold", false, &s) < 0)
		goto out;
	if (s) {
		char *path = xasprintf("%s/%s", dir, s), *fd = NULL;
		size_t fl;
		if (policy_read_file(path, &fd, &fl) < 0) {
			cs_error_set(err, EXIT_USAGE, "cannot load pack '%s': fold table '%s': %s", file, s,
				     strerror(errno));
			free(path);
			goto out;
		}
		EVP_DigestUpdate(md, fd, fl);
		p->fold = norm_fold_parse(path, fd, fl, err);
		free(fd);
		free(path);
		if (!p->fold)
			goto out;
	}
	p->lx = lexicon_new();
	if (get_strlist(&ld, root, "", "lexicons", &p->lexicon_files) < 0)
		goto out;
	for (i = 0; i < p->lexicon_files.n; i++) {
		char *path = xasprintf("%s/%s", dir, p->lexicon_files.v[i]), *ld_ = NULL;
		size_t ll;
		if (policy_read_file(path, &ld_, &ll) < 0) {
			cs_error_set(err, EXIT_USAGE, "cannot load pack '%s': lexicon '%s': %s", file,
				     p->lexicon_files.v[i], strerror(errno));
			free(path);
			goto out;
		}
		EVP_DigestUpdate(md, ld_, ll);
		int lrc = lexicon_add(p->lx, path, ld_, ll, p->fold, err);
		free(ld_);
		free(path);
		if (lrc < 0)
			goto out;
	}
	if (lexicon_compile(p->lx, err) < 0)
		goto out;
	/* targets */
	if ((v = json_object_get(root, "targets"))) {
		const char *key;
		json_t *e;
		if (!json_is_object(v)) {
			bad(&ld, "'%s' must be an object", "targets");
			goto out;
		}
		p->targets = xcalloc(json_object_size(v) + 1, sizeof *p->targets);
		json_object_foreach(v, key, e) {
			struct target_def *t = &p->targets[p->n_targets++];
			t->name = xstrdup(key);
			if (get_strlist(&ld, v, "targets", key, &t->patterns) < 0)
				goto out;
			for (size_t k = 0; k < t->patterns.n; k++) {
				struct rx tmp;
				char msg[300], what[600];
				if (rx_compile(&tmp, t->patterns.v[k], msg, sizeof msg) != 0) {
					snprintf(what, sizeof what, "pattern 'targets.%s[%zu]' does not compile: %s",
						 key, k, msg);
					bad(&ld, "%s", what);
					goto out;
				}
				rx_release(&tmp);
			}
		}
	}
	/* clauses */
	v = json_object_get(root, "clauses");
	if (!json_is_array(v)) {
		bad(&ld, "'%s' must be an array", "clauses");
		goto out;
	}
	p->clauses = xcalloc(json_array_size(v) + 1, sizeof *p->clauses);
	json_t *e;
	json_array_foreach(v, i, e) {
		char path[40];
		const char *id, *sec, *quote, *src;
		snprintf(path, sizeof path, "clauses[%zu]", i);
		if (check_keys(&ld, e, path, clause_keys) < 0 || get_str(&ld, e, path, "id", true, &id) < 0 ||
		    get_str(&ld, e, path, "section", true, &sec) < 0 ||
		    get_str(&ld, e, path, "quote", true, &quote) < 0 ||
		    get_str(&ld, e, path, "source", false, &src) < 0)
			goto out;
		if (find_clause(p, id)) {
			bad(&ld, "duplicate clause id in '%s.id'", path);
			goto out;
		}
		const struct pack_source *ps = NULL;
		for (size_t k = 0; k < p->n_sources; k++)
			if (src ? strcmp(p->sources[k].id, src) == 0 : p->n_sources == 1)
				ps = &p->sources[k];
		if (!ps) {
			bad(&ld, "'%s.source' must name one of the pack's sources", path);
			goto out;
		}
		struct clause *c = &p->clauses[p->n_clauses++];
		c->id = xstrdup(id);
		c->section = xstrdup(sec);
		c->quote = xstrdup(quote);
		c->policy = xstrdup(ps->id);
	}
	/* rules */
	v = json_object_get(root, "rules");
	if (!json_is_array(v) || json_array_size(v) == 0) {
		bad(&ld, "'%s' must be a non-empty array", "rules");
		goto out;
	}
	p->rules = xcalloc(json_array_size(v), sizeof *p->rules);
	json_array_foreach(v, i, e) {
		int lr = load_rule(&ld, p, &p->rules[p->n_rules], e, i);
		p->n_rules++;
		if (lr < 0)
			goto out;
		for (size_t k = 0; k + 1 < p->n_rules; k++)
			if (strcmp(p->rules[k].id, p->rules[p->n_rules - 1].id) == 0) {
				char path[40];
				snprintf(path, sizeof path, "rules[%zu].id", i);
				bad(&ld, "duplicate rule id in '%s'", path);
				goto out;
			}
	}
	qsort(p->rules, p->n_rules, sizeof *p->rules, rule_cmp);
	assign_memo(p);
	{
		unsigned char dg[32];
		unsigned int dl = 0;
		EVP_DigestFinal_ex(md, dg, &dl);
		for (int k = 0; k < 32; k++)
			snprintf(p->sha256 + 2 * k, 3, "%02x", dg[k]);
	}
	rc = 0;
out:
	EVP_MD_CTX_free(md);
	json_decref(root);
	free(data);
	free(dir);
	return rc;
}

static bool is_file_arg(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n >= 5 && strcmp(s + n - 5, ".json") == 0);
}

struct policy *policy_load(const char *id_or_file, struct cs_error *err)
{
	struct policy *p = xcalloc(1, sizeof *p);
	if (is_file_arg(id_or_file)) {
		p->file = xstrdup(id_or_file);
	} else {
		for (const char *c = id_or_file; *c; c++)
			if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_')) {
				cs_error_set(err, EXIT_USAGE, "unknown policy pack '%s'", id_or_file);
				policy_free(p);
				return NULL;
			}
		char *rel = xasprintf("policies/%s.json", id_or_file);
		p->file = datadir_path(rel);
		free(rel);
		FILE *f = fopen(p->file, "rb");
		if (!f) {
			cs_error_set(err, EXIT_USAGE, "unknown policy pack '%s': no file '%s'", id_or_file, p->file);
			policy_free(p);
			return NULL;
		}
		fclose(f);
	}
	if (load_pack(p, p->file, err) < 0) {
		policy_free(p);
		return NULL;
	}
	return p;
}

void policy_free(struct policy *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->title);
	free(p->file);
	for (size_t i = 0; i < p->n_sources; i++) {
		free(p->sources[i].id);
		free(p->sources[i].file);
		free(p->sources[i].title);
		free(p->sources[i].date);
	}
	free(p->sources);
	for (size_t i = 0; i < p->n_clauses; i++) {
		free(p->clauses[i].id);
		free(p->clauses[i].section);
		free(p->clauses[i].quote);
		free(p->clauses[i].policy);
	}
	free(p->clauses);
	for (size_t i = 0; i < p->n_rules; i++)
		rule_release(&p->rules[i]);
	free(p->rules);
	lexicon_free(p->lx);
	norm_fold_free(p->fold);
	for (size_t i = 0; i < p->n_targets; i++) {
		free(p->targets[i].name);
		strlist_release(&p->targets[i].patterns);
	}
	free(p->targets);
	strlist_release(&p->lexicon_files);
	free(p);
}

const char *policy_id(const struct policy *p)
{
	return p->id;
}

const char *policy_title(const struct policy *p)
{
	return p->title;
}

const char *policy_sha256(const struct policy *p)
{
	return p->sha256;
}

/* ---- conductscan policies --------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int policies_list(FILE *out, struct cs_error *err)
{
	char *dir = datadir_path("policies");
	DIR *d = opendir(dir);
	struct strlist ids = STRLIST_INIT;
	struct dirent *de;
	int rc = CS_FATAL;

	if (!d) {
		cs_error_set(err, EXIT_USAGE, "cannot list policy packs '%s': %s", dir, strerror(errno));
		goto out;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (n > 5 && strcmp(de->d_name + n - 5, ".json") == 0 && de->d_name[0] != '.')
			strlist_push_nodup(&ids, xmemdupz(de->d_name, n - 5));
	}
	closedir(d);
	qsort(ids.v, ids.n, sizeof *ids.v, name_cmp);
	for (size_t i = 0; i < ids.n; i++) {
		struct policy *p = policy_load(ids.v[i], err);
		if (!p)
			goto out;
		fprintf(out, "%-14s %s (%zu rules, %zu clauses)\n", p->id, p->title, p->n_rules, p->n_clauses);
		policy_free(p);
	}
	rc = CS_OK;
out:
	strlist_release(&ids);
	free(dir);
	return rc;
}

int policies_show(const char *id, FILE *out, struct cs_error *err)
{
	struct policy *p = policy_load(id, err);
	if (!p)
		return CS_FATAL;
	fprintf(out, "%s: %s\nsha256: %s\n\nsources:\n", p->id, p->title, p->sha256);
	for (size_t i = 0; i < p->n_sources; i++)
		fprintf(out, "  %s  %s (%s) %s\n", p->sources[i].id, p->sources[i].title, p->sources[i].date,
			p->sources[i].file);
	fprintf(out, "\nclauses:\n");
	for (size_t i = 0; i < p->n_clauses; i++)
		fprintf(out, "  %s [%s] %s\n    \"%s\"\n", p->clauses[i].id, p->clauses[i].policy,
			p->clauses[i].section, p->clauses[i].quote);
	fprintf(out, "\nrules:\n");
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct rule *r = &p->rules[i];
		fprintf(out, "  %s  %s, %s, kinds:", r->id, r->category, severity_name(r->severity));
		for (int k = 0; k < ITEM_KIND_COUNT; k++)
			if (r->kinds & (1u << k))
				fprintf(out, " %s", item_kind_name((enum item_kind)k));
		fprintf(out, "\n    %s\n    cites:", r->summary);
		for (size_t k = 0; k < r->n_cit; k++)
			fprintf(out, " %s", r->cit[k].clause);
		fprintf(out, "\n");
	}
	policy_free(p);
	return CS_OK;
}

#include "scanner/scan.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "formats/format.h"
#include "reports/report.h"
#include "scanner/exhibits.h"
#include "scanner/pipeline.h"
#include "scanner/policy/policy.h"
#include "scanner/spool.h"
#include "scanner/timez.h"
#include "scanner/workers.h"
#include "scanner/xalloc.h"

/* The texts that give replies their parent's text (spooled; memory holds
 * their ids and offsets). */
#define CONTEXT_MAX (16u << 20)
/* Items in flight between the reading thread and the judging threads: at
 * most this many bytes of text and raw bytes (one larger item alone). */
#define QUEUE_BYTES (16u << 20)

void scan_opts_init(struct scan_opts *o)
{
	memset(o, 0, sizeof *o);
	o->policy = "uk-council";
	o->mode = "investigation";
	o->formats = "html,csv";
	o->progress = -1;
	source_limits_default(&o->limits);
}

int scan_parse_kinds(const char *list, unsigned *mask)
{
	*mask = 0;
	char *copy = xstrdup(list);
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		int k = item_kind_parse(tok);
		if (k < 0) {
			rc = -1;
			break;
		}
		*mask |= 1u << k;
	}
	free(copy);
	return *mask ? rc : -1;
}

/* --format: "html,csv", a subset, or "none". */
static int parse_formats(const char *list, bool *html, bool *csv)
{
	*html = *csv = false;
	if (strcmp(list, "none") == 0)
		return 0;
	char *copy = xstrdup(list);
	int rc = 0;
	for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "html") == 0)
			*html = true;
		else if (strcmp(tok, "csv") == 0)
			*csv = true;
		else
			rc = -1;
	}
	free(copy);
	return rc;
}

static int64_t run_time(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!errno && !*end && v >= 0)
			return (int64_t)v;
	}
	return (int64_t)time(NULL);
}

/* argv for run.command: without -j, --progress, --no-progress, -q, which
 * change nothing in the bundle. */
static char **recorded_command(char **argv, int argc, size_t *n)
{
	char **out = xcalloc((size_t)argc + 1, sizeof *out);
	size_t k = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
			i++;
			continue;
		}
		if ((!strncmp(a, "-j", 2) && a[2]) || !strncmp(a, "--jobs=", 7) ||
		    !strcmp(a, "--progress") || !strcmp(a, "--no-progress") || !strcmp(a, "-q") ||
		    !strcmp(a, "--quiet"))
			continue;
		if (!strcmp(a, "--")) {
			for (; i < argc; i++)
				out[k++] = xstrdup(argv[i]);
			break;
		}
		out[k++] = xstrdup(a);
	}
	*n = k;
	return out;
}

struct scan_state {
	const struct scan_opts *o;
	struct engine *engine;
	struct scope scope;
	struct exhibit_set exhibits;
	struct item **profiles;         /* profile items without findings yet */
	size_t n_profiles, cap_profiles;
	struct context_store context;
	struct spool *spool;            /* exhibits' bulk, context texts */
	uint64_t out_of_scope[ITEM_KIND_COUNT];
	uint64_t items;
	bool progress;
	struct workers *workers;
	pthread_mutex_t lock;           /* the exhibit set, across workers */
};

static bool in_scope(const struct scope *s, const struct item *it)
{
	if (s->kinds && !(s->kinds & (1u << it->kind)))
		return false;
	if ((s->has_from || s->has_to) && it->time_source == ITEM_TIME_NONE)
		return false;   /* a dated scope cannot say an undated item is in it */
	if (s->has_from && it->created_at < s->from)
		return false;
	if (s->has_to && it->created_at > s->to)
		return false;
	return true;
}

/* The spool's failure (a full disk), which a worker or the reading thread
 * met, as the run's error: true if there was one. */
static bool spool_failed(const struct scan_state *st, struct cs_error *err)
{
	const struct cs_error *e = st->spool ? spool_error(st->spool) : NULL;
	if (!e || !e->status)
		return false;
	cs_error_clear(err);
	cs_error_set(err, e->status, "%s", e->msg);
	return true;
}

/* A worker: judges one item, keeps it as an exhibit if anything is found. */
static int judge(void *arg, struct item *it)
{
	struct scan_state *st = arg;
	struct finding_list f = {0};
	int rc = engine_item(st->engine, it, &f);
	if (rc != CS_FATAL && f.n) {
		/* to disk outside the lock: the other workers go on judging */
		struct exhibit_stow *stow;
		rc = exhibit_stow(st->spool, it, &f, &stow);
		if (rc == CS_OK) {
			pthread_mutex_lock(&st->lock);
			exhibit_set_add(&st->exhibits, it, stow, &f);
			pthread_mutex_unlock(&st->lock);
			return CS_OK;
		}
	}
	finding_list_release(&f);
	exhibit_item_free(it);
	return rc == CS_FATAL ? CS_FATAL : CS_OK;
}

/* The reading thread: counts, keeps what the account judgement needs, and
 * hands the rest to the workers. */
static int on_item(void *arg, struct item *it)
{
	struct scan_state *st = arg;
	st->items++;
	if (st->progress && st->items % 5000 == 0)
		fprintf(stderr, "\rconductscan: %llu items read", (unsigned long long)st->items);
	if (it->in_reply_to)
		context_store_want(&st->context, it->in_reply_to);
	if (it->text && it->id &&
	    (it->kind == ITEM_POST || it->kind == ITEM_SHARE || it->kind == ITEM_COMMENT))
		context_store_add(&st->context, it->id, it->text);
	exhibit_own_raw(it);
	/* Profile items are judged with the account once everything is in:
	 * self-identification rests on all of them together. */
	if (it->kind == ITEM_PROFILE) {
		st->profiles = xgrow(st->profiles, &st->cap_profiles, st->n_profiles + 1,
				     sizeof *st->profiles);
		st->profiles[st->n_profiles++] = it;
		return CS_OK;
	}
	if (!in_scope(&st->scope, it)) {
		st->out_of_scope[it->kind]++;
		exhibit_item_free(it);
		return CS_OK;
	}
	return workers_push(st->workers, it);
}

/* Profile fields the subject writes in their own words. */
static bool free_text_field(const char *field)
{
	static const char *const fields[] = {"bio", "intro", "about", "description", "quote", "other"};
	for (size_t i = 0; field && i < sizeof fields / sizeof *fields; i++)
		if (strcmp(field, fields[i]) == 0)
			return true;
	return false;
}

/* Account-level findings on the profile items, then every profile item
 * that has one becomes an exhibit. */
static int judge_account(struct scan_state *st, struct pipeline_result *r, bool *self_identified)
{
	struct finding_list *per = xcalloc(st->n_profiles ? st->n_profiles : 1, sizeof *per);
	int rc = engine_account(st->engine, &r->account, st->profiles, st->n_profiles, per,
				self_identified);
	for (size_t i = 0; i < st->n_profiles; i++) {
		struct item *it = st->profiles[i];
		if (rc == CS_OK && in_scope(&st->scope, it) && free_text_field(it->field)) {
			/* content rules apply to what the subject wrote about
			 * themselves (a bio can insult); not to their own name,
			 * email or phone, which are no one else's personal data */
			engine_item(st->engine, it, &per[i]);
		}
		struct exhibit_stow *stow = NULL;
		if (per[i].n && exhibit_stow(st->spool, it, &per[i], &stow) == CS_OK) {
			exhibit_set_add(&st->exhibits, it, stow, &per[i]);
		} else {
			if (per[i].n)
				rc = CS_FATAL;
			exhibit_item_free(it);
		}
		finding_list_release(&per[i]);
	}
	free(per);
	st->n_profiles = 0;
	return rc;
}

/*
 * What the end of the run adds to the exhibits, now that every entry has
 * been read: attachments matched to entries, the parent's text for a
 * reply, and the self-identification ids.  Only the exhibits that need a
 * change are read back and written again (exhibit_save).
 */
static int complete_exhibits(struct scan_state *st, struct pipeline_result *r,
			     struct strlist *self_ids, struct cs_error *err)
{
	struct pipeline_index *media = pipeline_index_new(r);
	int rc = CS_OK;
	for (size_t i = 0; i < st->exhibits.n && rc == CS_OK; i++) {
		struct exhibit *x = &st->exhibits.v[i];
		if (exhibit_self_identifies(x))
			strlist_push(self_ids, x->id);     /* once per exhibit */
		bool ctx = exhibit_wants_context(x), att = exhibit_has_attachments(x);
		if (!ctx && !att)
			continue;
		if (exhibit_load(x, 0, err) != CS_OK) {
			rc = CS_FATAL;
			break;
		}
		bool changed = false;
		if (att) {
			pipeline_resolve_attachments(media, x->item);
			changed = true;
		}
		uint64_t off;
		size_t len;
		if (ctx && context_store_find(&st->context, x->item->in_reply_to, &off, &len)) {
			char *text = xmalloc(len + 1);
			if (spool_get(st->spool, off, text, len) != CS_OK) {
				free(text);
				spool_failed(st, err);
				rc = CS_FATAL;
			} else {
				text[len] = '\0';
				free(x->item->context);
				x->item->context = text;
				changed = true;
			}
		}
		if (rc == CS_OK && changed)
			rc = exhibit_save(x, err);
		exhibit_unload(x);
	}
	pipeline_index_free(media);
	return rc;
}

/*
 * Refuses an --out inside (or equal to) an INPUT folder: writing the bundle
 * there would modify the input, which is never modified, and the input's
 * recorded hash would no longer verify.  Compared by real path, so links
 * and "a/../b" spellings are seen through; a parent that does not exist
 * is left for bundle_begin to report.
 */
static int check_out_outside_inputs(const struct scan_opts *o, struct cs_error *err)
{
	int rc = CS_OK;
	char *copy = xstrdup(o->out);
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	char *slash = strrchr(copy, '/');
	const char *parent = !slash ? "." : slash == copy ? "/" : (*slash = '\0', copy);
	char *rp_out = realpath(parent, NULL);
	for (size_t i = 0; rp_out && i < o->n_inputs && rc == CS_OK; i++) {
		struct stat sb;
		if (stat(o->inputs[i], &sb) != 0 || !S_ISDIR(sb.st_mode))
			continue;
		char *rp_in = realpath(o->inputs[i], NULL);
		size_t l = rp_in ? strlen(rp_in) : 0;
		if (rp_in && strncmp(rp_out, rp_in, l) == 0 &&
		    (rp_out[l] == '\0' || rp_out[l] == '/' || (l == 1 && rp_in[0] == '/'))) {
			cs_error_set(err, EXIT_USAGE,
				     "cannot write bundle '%s': it is inside input '%s', which is never modified",
				     o->out, o->inputs[i]);
			rc = CS_FATAL;
		}
		free(rp_in);
	}
	free(rp_out);
	free(copy);
	return rc;
}

/* The same file or folder given twice (by another name or a link) would
 * count every item twice: refused.  A missing input is left for the
 * source layer to report. */
static int check_inputs_distinct(const struct scan_opts *o, struct cs_error *err)
{
	for (size_t i = 0; i < o->n_inputs; i++) {
		struct stat a;
		if (stat(o->inputs[i], &a) != 0)
			continue;
		for (size_t j = 0; j < i; j++) {
			struct stat b;
			if (stat(o->inputs[j], &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
				cs_error_set(err, EXIT_USAGE, "input '%s' is the same as input '%s'",
					     o->inputs[i], o->inputs[j]);
				return CS_FATAL;
			}
		}
	}
	return CS_OK;
}

static int parse_scope(const struct scan_opts *o, struct scope *s, struct cs_error *err)
{
	memset(s, 0, sizeof *s);
	if (o->kinds && scan_parse_kinds(o->kinds, &s->kinds) != 0) {
		cs_error_set(err, EXIT_USAGE, "invalid --kinds '%s': use post,share,comment,like,tag,"
			     "connection,message,profile,group", o->kinds);
		return CS_FATAL;
	}
	int64_t t;
	if (o->from) {
		if (timez_parse_local_date(o->from, &t) != 0) {
			cs_error_set(err, EXIT_USAGE, "invalid --from '%s': use YYYY-MM-DD", o->from);
			return CS_FATAL;
		}
		s->has_from = true;
		s->from = t;
	}
	if (o->to) {
		if (timez_parse_local_date(o->to, &t) != 0) {
			cs_error_set(err, EXIT_USAGE, "invalid --to '%s': use YYYY-MM-DD", o->to);
			return CS_FATAL;
		}
		/* inclusive: the whole of that day in the run's zone */
		int64_t next;
		struct tm tm;
		timez_localtm(t + 36 * 3600, &tm);
		char day[TIMEZ_BUFSZ];
		snprintf(day, sizeof day, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		if (timez_parse_local_date(day, &next) != 0)
			next = t + 86400;
		s->has_to = true;
		s->to = next - 1;
	}
	if (s->has_from && s->has_to && s->from > s->to) {
		cs_error_set(err, EXIT_USAGE, "--from '%s' is after --to '%s'", o->from, o->to);
		return CS_FATAL;
	}
	return CS_OK;
}

int scan_run(const struct scan_opts *o, int *status, struct cs_error *err)
{
	bundle_install_signal_cleanup();
	*status = 0;
	int rc = CS_FATAL;
	struct policy *pack = NULL;
	struct org *org = NULL;
	struct scan_state st = {0};
	struct pipeline_result r = {0};
	bool have_result = false;
	char **command = NULL;
	size_t n_command = 0;
	bool html, csv;
	int64_t started = run_time();

	if (parse_formats(o->formats, &html, &csv) != 0) {
		cs_error_set(err, EXIT_USAGE, "invalid --format '%s': use html, csv, html,csv or none",
			     o->formats);
		goto out;
	}
	if (o->template_path && access(o->template_path, R_OK) != 0) {
		cs_error_set(err, EXIT_USAGE, "cannot read template '%s': %s", o->template_path,
			     strerror(errno));
		goto out;
	}
	if (o->org && !(org = org_load(o->org, err)))
		goto out;
	const char *tz = o->tz ? o->tz : org && org_timezone(org) ? org_timezone(org) : "Europe/London";
	if (timez_set(tz, err) != CS_OK)
		goto out;
	if (parse_scope(o, &st.scope, err) != CS_OK)
		goto out;
	if (!(pack = policy_load(o->policy, err)))
		goto out;
	if (bundle_check_out(o->out, err) != CS_OK || check_out_outside_inputs(o, err) != CS_OK ||
	    check_inputs_distinct(o, err) != CS_OK)
		goto out;
	if (!(st.engine = engine_new(pack, org, err)))
		goto out;
	/* beside the bundle, unlinked: nothing to clean up, however the
	 * run ends */
	if (!(st.spool = spool_new(o->out, err)))
		goto out;
	st.o = o;
	st.progress = o->progress > 0 || (o->progress < 0 && isatty(2));
	context_store_init(&st.context, CONTEXT_MAX, st.spool);
	/* -j 1 judges on the reading thread; more: that many judging
	 * threads beside it (the engine is the costly part). */
	unsigned jobs = o->jobs > 0 ? (unsigned)o->jobs : workers_cpus();
	pthread_mutex_init(&st.lock, NULL);
	st.workers = workers_new(jobs > 1 ? jobs : 0, 1024, QUEUE_BYTES, judge, &st);

	struct pipeline_opts po = {
		.inputs = o->inputs, .n_inputs = o->n_inputs, .limits = o->limits,
		.element_cap = o->element_cap, .jobs = jobs, .item = on_item, .arg = &st,
	};
	have_result = true;
	int prc = pipeline_run(&po, &r, err);
	if (workers_finish(st.workers) != CS_OK && prc == CS_OK) {
		cs_error_set(err, EXIT_INPUT, "cannot judge the items of '%s'", o->inputs[0]);
		prc = CS_FATAL;
	}
	/* a full disk first: the parser that met it only knows it failed */
	if (spool_failed(&st, err) || prc != CS_OK)
		goto out;
	if (st.progress)
		fprintf(stderr, "\rconductscan: %llu items read\n", (unsigned long long)st.items);
	if (!r.platform) {
		cs_error_set(err, EXIT_INPUT,
			     "not a supported export '%s': no Twitter or Facebook layout recognised",
			     o->inputs[0]);
		goto out;
	}
	bool self_identified = false;
	if (judge_account(&st, &r, &self_identified) == CS_FATAL) {
		if (!spool_failed(&st, err))
			cs_error_set(err, EXIT_INPUT, "cannot judge the account of '%s'", o->inputs[0]);
		goto out;
	}
	/* Judging is over: its memory (compiled patterns, JIT code) goes
	 * before the bundle's writers need theirs. */
	engine_free(st.engine);
	st.engine = NULL;
	if (st.context.full)
		warnings_add(&r.warnings, 0, o->inputs[0], UINT32_MAX, NULL, -1, "context-limit",
			     "more post text than %u MiB: some replies are shown without their parent",
			     CONTEXT_MAX >> 20);
	exhibit_set_finish(&st.exhibits);
	struct strlist self_ids = STRLIST_INIT;
	if (complete_exhibits(&st, &r, &self_ids, err) != CS_OK) {
		strlist_release(&self_ids);
		goto out;
	}
	context_store_release(&st.context);
	command = recorded_command(o->argv, o->argc, &n_command);
	struct bundle_data d = {
		.tool_name = "conductscan",
		.tool_version = CS_VERSION,
		.started = started,
		.finished = run_time(),
		.command = command,
		.n_command = n_command,
		.mode = o->mode,
		.timezone = timez_zone(),
		.scope = st.scope,
		.policy_id = policy_id(pack),
		.policy_title = policy_title(pack),
		.policy_sha256 = policy_sha256(pack),
		.org_name = org ? org_name(org) : NULL,
		.org_sha256 = org ? org_sha256(org) : NULL,
		.case_reference = o->case_reference ? o->case_reference : "",
		.case_investigator = o->investigator ? o->investigator : "",
		.case_subject = o->subject ? o->subject : "",
		.sources = r.sources,
		.n_sources = r.n_sources,
		.manifest = r.manifest,
		.n_manifest = r.n_manifest,
		.platform = r.platform,
		.account = &r.account,
		.self_identified = self_identified,
		.self_identification = self_ids,
		.warnings = &r.warnings,
		.exhibits = st.exhibits.v,
		.n_exhibits = st.exhibits.n,
		.worst_severity = exhibit_set_worst(&st.exhibits),
		.template_path = o->template_path,
		.limits = &o->limits,
	};
	memcpy(d.counts, r.counts, sizeof d.counts);
	memcpy(d.out_of_scope, st.out_of_scope, sizeof d.out_of_scope);
	char seal[65];
	int wrc = bundle_write_all(&d, o->out, html, csv, seal, err);
	strlist_release(&self_ids);
	if (wrc != CS_OK)
		goto out;
	printf("conductscan: %zu exhibit%s, bundle written to %s\n", st.exhibits.n,
	       st.exhibits.n == 1 ? "" : "s", o->out);
	printf("conductscan: seal (SHA-256 of SHA256SUMS) %s\n", seal);
	if (r.warnings.n) {
		/* warnings never change the exit status (SPEC); they must not
		 * pass unseen either: an export whose entries are all
		 * encrypted gives no finding and exit 0 */
		size_t enc = warnings_count(&r.warnings, "encrypted");
		fprintf(stderr, "conductscan: %zu warning%s: see 'Not examined' in report.html and "
			"warnings in findings.json\n", r.warnings.n, r.warnings.n == 1 ? "" : "s");
		if (enc)
			fprintf(stderr, "conductscan: %zu entr%s encrypted and not read: ask for an "
				"unencrypted export\n", enc, enc == 1 ? "y is" : "ies are");
	}
	*status = d.worst_severity >= SEV_LOW ? EXIT_FINDINGS : EXIT_CLEAN;
	rc = CS_OK;
out:
	if (command) {
		for (size_t i = 0; i < n_command; i++)
			free(command[i]);
		free(command);
	}
	if (st.workers) {
		workers_free(st.workers);
		pthread_mutex_destroy(&st.lock);
	}
	for (size_t i = 0; i < st.n_profiles; i++)
		exhibit_item_free(st.profiles[i]);
	free(st.profiles);
	exhibit_set_release(&st.exhibits);
	context_store_release(&st.context);
	if (have_result)
		pipeline_result_release(&r);
	engine_free(st.engine);
	spool_free(st.spool);
	policy_free(pack);
	org_free(org);
	return rc;
}

int scan_verify(const char *bundle, const char *const *inputs, size_t n, int *status,
		struct cs_error *err)
{
	return verify_run(bundle, inputs, n, stdout, status, err);
}

int scan_policies(const char *id, struct cs_error *err)
{
	return id ? policies_show(id, stdout, err) : policies_list(stdout, err);
}

void scan_abort_cleanup(void)
{
	bundle_abort_current();
}

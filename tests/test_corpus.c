/*
 * The evaluation corpus (tests/corpus/, written independently of the
 * engine): every item judged by the uk-council pack with the corpus's org
 * profile, precision and recall printed per category and micro-averaged.
 * Fails below 0.90 overall or 0.80 for any category.  Set
 * CS_CORPUS_VERBOSE=1 to list every false positive and false negative of
 * corpus.jsonl (never of the held-out set).
 *
 * The engine is tuned on corpus.jsonl, so its scores there overstate how
 * well it generalises.  tests/corpus/heldout.jsonl was written without
 * seeing the corpus or the rules and is never used for tuning: its scores
 * are printed as the honest measure, and only a collapse of precision
 * (below 0.80 overall: false flags harm real people) fails the test.
 * Whoever changes the engine must not read heldout.jsonl's items.
 */
#include "tests/testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/policy/policy.h"
#include "scanner/xalloc.h"

#define CORPUS "tests/corpus/corpus.jsonl"
#define HELDOUT "tests/corpus/heldout.jsonl"
#define ORG "tests/corpus/org.json"
#define MAX_CATS 32

struct tally {
	const char *cat;
	unsigned tp, fp, fn;
};

static struct tally cats[MAX_CATS];
static size_t n_cats;

static struct tally *cat_get(const char *c)
{
	for (size_t i = 0; i < n_cats; i++)
		if (strcmp(cats[i].cat, c) == 0)
			return &cats[i];
	return NULL;
}

static void set_str(char **field, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_string(v))
		item_set(field, json_string_value(v));
}

static void set_list(struct strlist *l, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key), *e;
	size_t i;
	json_array_foreach(v, i, e)
		if (json_is_string(e))
			strlist_push(l, json_string_value(e));
}

static void item_from_json(struct item *it, json_t *o)
{
	item_init(it);
	int k = item_kind_parse(json_string_value(json_object_get(o, "kind")));
	assert_true(k >= 0);
	it->kind = (enum item_kind)k;
	it->platform = "twitter";
	set_str(&it->id, o, "id");
	set_str(&it->text, o, "text");
	set_str(&it->counterpart, o, "counterpart");
	set_str(&it->in_reply_to_user, o, "in_reply_to_user");
	set_str(&it->field, o, "field");
	set_list(&it->mentions, o, "mentions");
	set_list(&it->hashtags, o, "hashtags");
	set_list(&it->tagged, o, "tagged");
}

struct score {
	double precision, recall;   /* micro-averaged */
	double min_category;        /* the lowest precision or recall of any category */
};

/* Judges every item of a corpus file and prints the table; 0, or -1 if the
 * file or the org profile is missing. */
static int evaluate(const char *corpus, struct score *score)
{
	n_cats = 0;
	memset(cats, 0, sizeof cats);
	FILE *f = fopen(corpus, "r");
	if (!f || access(ORG, R_OK) != 0) {
		if (f)
			fclose(f);
		return -1;
	}
	print_message("%s\n", corpus);
	setenv("CONDUCTSCAN_DATADIR", ".", 0);
	struct cs_error err = { 0 };
	struct policy *p = policy_load("uk-council", &err);
	assert_non_null(p);
	struct org *o = org_load(ORG, &err);
	if (!o)
		print_message("%s\n", err.msg);
	assert_non_null(o);
	struct engine *e = engine_new(p, o, &err);
	assert_non_null(e);
	/* item-level listings only for the tuning corpus: reading the held-out
	 * set's misses would be tuning on it */
	bool verbose = getenv("CS_CORPUS_VERBOSE") != NULL && strcmp(corpus, CORPUS) == 0;

	/* first pass: the categories any item expects */
	json_t **items = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	ssize_t len;
	while ((len = getline(&line, &lcap, f)) > 0) {
		json_error_t je;
		if (len <= 1)
			continue;
		json_t *o2 = json_loads(line, 0, &je);
		if (!o2)
			fail_msg("corpus line %zu: %s", n + 1, je.text);
		items = xgrow(items, &cap, n + 1, sizeof *items);
		items[n++] = o2;
		json_t *ex = json_object_get(o2, "expect"), *c;
		size_t i;
		json_array_foreach(ex, i, c) {
			if (!cat_get(json_string_value(c)) && n_cats < MAX_CATS)
				cats[n_cats++].cat = json_string_value(c);
		}
	}
	free(line);
	fclose(f);

	for (size_t i = 0; i < n; i++) {
		struct item it;
		struct finding_list fl = { 0 };
		item_from_json(&it, items[i]);
		assert_int_equal(engine_item(e, &it, &fl), CS_OK);
		if (it.kind == ITEM_PROFILE) {
			/* a profile item is also judged as a one-item account */
			struct item *pi[1] = { &it };
			struct finding_list acc[1] = { { 0 } };
			bool selfid = false;
			engine_account(e, NULL, pi, 1, acc, &selfid);
			for (size_t k = 0; k < acc[0].n; k++) {
				fl.v = xgrow(fl.v, &fl.cap, fl.n + 1, sizeof *fl.v);
				fl.v[fl.n++] = acc[0].v[k];
			}
			free(acc[0].v);
		}
		json_t *ex = json_object_get(items[i], "expect");
		for (size_t c = 0; c < n_cats; c++) {
			bool want = false, got = false;
			size_t k;
			json_t *v;
			json_array_foreach(ex, k, v)
				want |= strcmp(json_string_value(v), cats[c].cat) == 0;
			const char *why = "";
			for (k = 0; k < fl.n; k++)
				if (strcmp(fl.v[k].category, cats[c].cat) == 0) {
					got = true;
					why = fl.v[k].summary;
				}
			if (want && got)
				cats[c].tp++;
			else if (got) {
				cats[c].fp++;
				if (verbose)
					print_message("FP %-24s %s %s | %s\n", cats[c].cat,
						      json_string_value(json_object_get(items[i], "id")), it.text, why);
			} else if (want) {
				cats[c].fn++;
				if (verbose)
					print_message("FN %-24s %s %s\n", cats[c].cat,
						      json_string_value(json_object_get(items[i], "id")), it.text);
			}
		}
		finding_list_release(&fl);
		item_release(&it);
	}

	unsigned tp = 0, fp = 0, fn = 0;
	double min_cat = 1.0;
	print_message("%-26s %9s %9s %5s %5s %5s\n", "category", "precision", "recall", "tp", "fp", "fn");
	for (size_t c = 0; c < n_cats; c++) {
		double pr = cats[c].tp + cats[c].fp ? (double)cats[c].tp / (cats[c].tp + cats[c].fp) : 1.0;
		double rc = cats[c].tp + cats[c].fn ? (double)cats[c].tp / (cats[c].tp + cats[c].fn) : 1.0;
		print_message("%-26s %9.3f %9.3f %5u %5u %5u\n", cats[c].cat, pr, rc, cats[c].tp, cats[c].fp,
			      cats[c].fn);
		tp += cats[c].tp;
		fp += cats[c].fp;
		fn += cats[c].fn;
		if (pr < min_cat)
			min_cat = pr;
		if (rc < min_cat)
			min_cat = rc;
	}
	double mp = tp + fp ? (double)tp / (tp + fp) : 1.0, mr = tp + fn ? (double)tp / (tp + fn) : 1.0;
	print_message("%-26s %9.3f %9.3f %5u %5u %5u  (%zu items)\n", "overall (micro)", mp, mr, tp, fp, fn, n);
	score->precision = mp;
	score->recall = mr;
	score->min_category = min_cat;

	for (size_t i = 0; i < n; i++)
		json_decref(items[i]);
	free(items);
	engine_free(e);
	org_free(o);
	policy_free(p);
	return 0;
}

static void test_corpus__thresholds(void **state)
{
	(void)state;
	struct score sc;
	if (evaluate(CORPUS, &sc) != 0) {
		print_message("corpus not present (%s): skipped\n", CORPUS);
		skip();
	}
	assert_true(sc.precision >= 0.90);
	assert_true(sc.recall >= 0.90);
	assert_true(sc.min_category >= 0.80);
}

static void test_corpus__heldout(void **state)
{
	(void)state;
	struct score sc;
	if (evaluate(HELDOUT, &sc) != 0) {
		print_message("held-out set not present (%s): skipped\n", HELDOUT);
		skip();
	}
	print_message("held-out: the honest measure (never tuned on); only precision is gated\n");
	assert_true(sc.precision >= 0.80);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus__thresholds),
		cmocka_unit_test(test_corpus__heldout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The policy engine's literal prefilter (scanner/policy/rx.h): what the
 * analyser derives from tricky patterns, the presence set's corner cases
 * (case, U+017F and U+212A, Unicode digits), and two properties on real
 * bytes: every pattern of every shipped pack that matches a text of the
 * tuning corpus or the samples is let through by the prefilter, and the
 * engine's findings on those texts are the same with the prefilter (and
 * the per-item memo of shared expressions) off.
 */
#include "tests/testutil.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scanner/buf.h"
#include "scanner/policy/norm.h"
#include "scanner/policy/policy.h"
#include "scanner/policy/rx.h"
#include "scanner/timez.h"
#include "scanner/xalloc.h"

#define CORPUS "tests/corpus/corpus.jsonl"

/* ---- the analyser --------------------------------------------------------- */

static void test_policy_prefilter__analyser(void **state)
{
	(void)state;
	static const struct {
		const char *pattern, *want;     /* want NULL: no requirement */
	} rows[] = {
		{ "\\bthe\\s+council\\b", "council & the" },
		{ "council", "council" },
		{ "COUNCIL", "council" },
		/* alternations: one branch is needed; an empty branch needs nothing */
		{ "\\b(?:we|us)\\s+at\\b", "(we | us) & at" },
		{ "(?:ab|cd)(?:ef|gh)", "(ab | cd) & (ef | gh)" },
		{ "(?:a|b|)c", "c" },
		{ "foo|bar", "foo | bar" },
		{ "foo|", NULL },
		{ "foo|\\d", "foo | \\d" },
		{ "(?:the\\s+council|council\\s+staff)", "(council & the) | (council & staff)" },
		/* optional atoms and groups end a run and are not needed */
		{ "colou?r", "colo & r" },
		{ "genius(?:es)?\\s+upstairs", "upstairs & genius" },
		{ "ab*c", "a & c" },
		{ "x{0,3}yz", "yz" },
		{ "(?:foo){0}bar", "bar" },
		/* a letter repeated at least once: the run ends at it and goes on from it */
		{ "f+u+c+k+", "fu & uc & ck & f & k" },
		{ "ab+c", "ab & bc" },
		{ "x{2,3}yz", "xyz & x" },
		{ "(?:ab)+c", "ab & c" },
		/* an exact group continues the run */
		{ "the\\s+(?:council)s", "councils & the" },
		{ "(?<name>abc)d", "abcd" },
		/* classes, escapes, dots */
		{ "c[aeiou]t", "c & t" },
		{ "a[]x]b", "a & b" },
		{ "a[^\\]]b", "a & b" },
		{ "a[[:alpha:]]b", "a & b" },
		{ "a.b", "a & b" },
		{ "a\\.b", "a.b" },
		{ "e\\-mail", "e-mail" },
		{ "it\\'s", "it's" },
		{ "\\bfoo\\b", "foo" },
		{ "\\p{L}+ing", "ing" },
		{ "\\p{Lu}x", "x" },
		{ "\\pLx", "x" },
		{ "\\d{3}", "\\d{3}" },
		{ "\\d{7}x", "\\d{3} & x" },
		{ "\\d+\\s?\\d{2}", "\\d{2} & \\d" },
		{ "\\d?x", "x" },
		{ "[0-9]{3}", NULL },
		{ "a\\s+b", "a & b" },
		{ "a\\tb", "a & b" },
		/* lookarounds are not needed, and end a run */
		{ "(?<![\\p{L}])home(?![\\p{L}])", "home" },
		{ "ab(?=cd)ef", "ab & ef" },
		{ "(?<=ab)c", "c" },
		{ "(?!abc)def", "def" },
		/* non-ASCII characters end a run (their case is PCRE2's business) */
		{ "caf\xc3\xa9s", "caf & s" },
		{ "\xf0\x9f\x99\x84", NULL },
		/* options: case ones are harmless; (?x) changes the syntax */
		{ "(?i)abc", "abc" },
		{ "(?-i:abc)d", "abcd" },
		{ "(?x) a b c", NULL },
		{ "(?#a comment)abc", "abc" },
		/* a mark matches the empty string (the lexicon's groups) */
		{ "(?:f+u+n(*MARK:12)|ab(*MARK:3))", "(fu & un & f) | ab" },
		{ "a(*:x)b", "a & b" },
		/* anything unsure: give up */
		{ "\\x41bc", NULL },
		{ "\\Qa.b\\E", NULL },
		{ "(a)\\1", NULL },
		{ "(*UTF)abc", NULL },
		{ "ab(*SKIP)cd", NULL },
		{ "ab(*MARK:x", NULL },
		{ "(?(1)a|b)", NULL },
		{ "(?R)abc", NULL },
		{ "a{,3}bc", NULL },
		{ "a{x}", NULL },
		{ "\\N{U+41}", NULL },
		{ "^$", NULL },
		{ "", NULL },
	};
	size_t bad = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char *got = rx_requirement(rows[i].pattern);
		if (!rows[i].want != !got || (got && strcmp(got, rows[i].want) != 0)) {
			print_message("'%s': want %s, got %s\n", rows[i].pattern,
				      rows[i].want ? rows[i].want : "(none)", got ? got : "(none)");
			bad++;
		}
		free(got);
	}
	assert_int_equal(bad, 0);
}

/* ---- the presence set ------------------------------------------------------ */

static bool may(const char *pattern, const char *text)
{
	struct rx r;
	struct rx_text t;
	char msg[200];
	assert_int_equal(rx_compile(&r, pattern, msg, sizeof msg), 0);
	rx_text_init(&t, text, strlen(text));
	bool m = rx_may_match(&r, &t);
	rx_text_release(&t);
	rx_release(&r);
	return m;
}

static bool matches(const char *pattern, const char *text)
{
	struct rx r;
	char msg[200];
	assert_int_equal(rx_compile(&r, pattern, msg, sizeof msg), 0);
	pcre2_match_data *md = rx_match_data();
	bool m = rx_any(&r, text, strlen(text), md);
	rx_match_data_free(md);
	rx_release(&r);
	return m;
}

static void test_policy_prefilter__presence(void **state)
{
	(void)state;
	assert_true(may("\\bthe\\s+council\\b", "I work for the council"));
	assert_true(may("\\bthe\\s+council\\b", "THE COUNCIL"));
	assert_false(may("\\bthe\\s+council\\b", "the county"));
	assert_false(may("\\b(?:we|us)\\s+at\\b", "they sat"));
	assert_true(may("\\b(?:we|us)\\s+at\\b", "us at"));
	/* one byte, two bytes, long literals */
	assert_false(may("x", "abc"));
	assert_true(may("x", "aXc"));
	assert_false(may("ab", "ba"));
	/* U+212A KELVIN SIGN and U+017F LONG S match 'k' and 's' caselessly:
	 * the text lets everything through */
	assert_true(matches("kelvin", "\xe2\x84\xaa" "elvin"));
	assert_true(may("kelvin", "\xe2\x84\xaa" "elvin"));
	assert_true(matches("seen", "\xc5\xbf" "een"));
	assert_true(may("seen", "\xc5\xbf" "een"));
	assert_true(may("zzz", "\xc5\xbf"));
	/* \d: any Unicode decimal digit (Arabic-Indic three below), in a row */
	assert_false(may("\\d{3}", "no digits here"));
	assert_true(may("\\d{3}", "call 123"));
	assert_false(may("\\d{3}", "call 12 3 \xf0\x9f\x99\x84 caf\xc3\xa9"));
	assert_true(may("\\d{3}", "call 1\xd9\xa3" "2"));
	assert_true(matches("\\d{3}", "call 1\xd9\xa3" "2"));
	assert_false(may("\\d", "\xf0\x9f\x99\x84 caf\xc3\xa9 \xe2\x80\x94"));
	assert_true(matches("\\d{3}", "\xd9\xa3\xd9\xa3\xd9\xa3"));
	assert_true(may("\\d{3}", "\xd9\xa3\xd9\xa3\xd9\xa3"));
	/* a long text takes a larger set, still exact for what is there */
	struct buf b = BUF_INIT(0);
	for (int i = 0; i < 20000; i++)
		buf_addf(&b, "w%d ", i);
	buf_adds(&b, "needle");
	assert_true(may("needle", buf_str(&b)));
	assert_false(may("qqq", buf_str(&b)));
	buf_release(&b);
	assert_false(may("abc", ""));
	struct rx r;
	char msg[200];
	assert_int_equal(rx_compile(&r, "abc", msg, sizeof msg), 0);
	assert_true(rx_may_match(&r, NULL));
	rx_release(&r);
}

/* ---- real bytes --------------------------------------------------------------- */

struct texts {
	char **v;
	size_t n, cap;
};

static void texts_add(struct texts *t, const char *s, size_t n)
{
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	t->v[t->n++] = xmemdupz(s, n);
}

/* Every line of every file under dir (the samples' source trees). */
static void texts_of_tree(struct texts *t, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			texts_of_tree(t, path);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (1 << 22)) {
			size_t n;
			char *data = tu_read(path, &n);
			for (size_t a = 0; a < n;) {
				const char *nl = memchr(data + a, '\n', n - a);
				size_t e = nl ? (size_t)(nl - data) : n;
				if (e > a)
					texts_add(t, data + a, e - a < 4096 ? e - a : 4096);
				a = e + 1;
			}
			free(data);
		}
		free(path);
	}
	closedir(d);
}

static void corpus_items(json_t ***items, size_t *n)
{
	FILE *f = fopen(CORPUS, "r");
	char *line = NULL;
	size_t lcap = 0, cap = 0;
	ssize_t len;
	assert_non_null(f);
	*items = NULL;
	*n = 0;
	while ((len = getline(&line, &lcap, f)) > 0) {
		json_error_t je;
		if (len <= 1)
			continue;
		json_t *o = json_loads(line, 0, &je);
		assert_non_null(o);
		*items = xgrow(*items, &cap, *n + 1, sizeof **items);
		(*items)[(*n)++] = o;
	}
	free(line);
	fclose(f);
}

static void real_texts(struct texts *t)
{
	json_t **items;
	size_t n;
	corpus_items(&items, &n);
	for (size_t i = 0; i < n; i++) {
		const char *s = json_string_value(json_object_get(items[i], "text"));
		if (s)
			texts_add(t, s, strlen(s));
		json_decref(items[i]);
	}
	free(items);
	texts_of_tree(t, "samples");
	/* and the corner cases, in context */
	static const char *const extra[] = {
		"I \xe2\x84\xaa" "now where you live", "wat\xc5\xbf" "h your back", "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93 Main Road",
		"DOB \xd9\xa1\xd9\xa2/\xd9\xa0\xd9\xa3/\xd9\xa1\xd9\xa9\xd9\xa9\xd9\xa0", "THE COUNCIL ARE USELESS",
	};
	for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
		texts_add(t, extra[i], strlen(extra[i]));
}

static void texts_release(struct texts *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
}

static void patterns_of(json_t *v, struct strlist *out)
{
	size_t i;
	json_t *x;
	if (json_is_string(v))
		strlist_push(out, json_string_value(v));
	json_array_foreach(v, i, x)
		if (json_is_string(x))
			strlist_push(out, json_string_value(x));
}

/* Every expression of a pack file: rules' patterns, with, unless; targets. */
static void pack_patterns(const char *file, struct strlist *out)
{
	json_error_t je;
	json_t *root = json_load_file(file, 0, &je), *r, *t;
	size_t i;
	const char *k;
	assert_non_null(root);
	json_array_foreach(json_object_get(root, "rules"), i, r) {
		json_t *m = json_object_get(r, "match");
		patterns_of(json_object_get(m, "patterns"), out);
		patterns_of(json_object_get(m, "with"), out);
		patterns_of(json_object_get(m, "unless"), out);
	}
	json_object_foreach(json_object_get(root, "targets"), k, t)
		patterns_of(t, out);
	json_decref(root);
}

static void test_policy_prefilter__pack_patterns(void **state)
{
	(void)state;
	static const char *const packs[] = { "portsmouth", "charnwood", "sheffield", "tameside", "peterborough",
					     "uk-council" };
	struct strlist pats = STRLIST_INIT;
	struct texts t = { 0 };
	struct cs_error err = { 0 };
	size_t len;

	for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++) {
		char *file = xasprintf("policies/%s.json", packs[i]);
		pack_patterns(file, &pats);
		free(file);
	}
	char *fj = tu_read("policies/lexicons/fold.json", &len);
	struct norm_fold *fold = norm_fold_parse("fold.json", fj, len, &err);
	assert_non_null(fold);
	free(fj);
	real_texts(&t);
	assert_true(t.n > 500);

	struct rx *rx = xcalloc(pats.n, sizeof *rx);
	size_t with_req = 0;
	for (size_t i = 0; i < pats.n; i++) {
		char msg[300];
		assert_int_equal(rx_compile(&rx[i], pats.v[i], msg, sizeof msg), 0);
		with_req += rx[i].req != NULL;
	}
	/* nearly every pattern of the packs has literals to look for */
	assert_true(with_req * 10 >= pats.n * 9);

	pcre2_match_data *md = rx_match_data();
	bool *answers = xcalloc(pats.n, sizeof *answers);
	size_t matched = 0, ruled_out = 0;
	for (size_t k = 0; k < t.n; k++) {
		/* the patterns run on the normalised text; try the raw bytes too */
		for (int raw = 0; raw < 2; raw++) {
			struct norm nm = { 0 };
			const char *s = t.v[k];
			size_t n = strlen(s);
			if (!raw) {
				norm_text(t.v[k], strlen(t.v[k]), fold, &nm);
				s = nm.s;
				n = nm.len;
			}
			struct rx_text pres;
			rx_text_init(&pres, s, n);
			for (size_t i = 0; i < pats.n; i++) {
				bool m = rx_any(&rx[i], s, n, md), may_m = rx_may_match(&rx[i], &pres);
				if (m && !may_m)
					fail_msg("pattern '%s' matches '%s' but the prefilter ruled it out",
						 pats.v[i], s);
				matched += m;
				ruled_out += !may_m;
				answers[i] = may_m;
			}
			/* asked again, in the other order: what the text remembers
			 * is each pattern's own answer */
			for (size_t i = pats.n; i-- > 0;)
				if (rx_may_match(&rx[i], &pres) != answers[i])
					fail_msg("pattern '%s' on '%s': the remembered answer differs", pats.v[i], s);
			rx_text_release(&pres);
			if (!raw)
				norm_release(&nm);
		}
	}
	print_message("%zu patterns (%zu with literals), %zu texts: %zu matches, %zu runs ruled out\n",
		      pats.n, with_req, t.n, matched, ruled_out);
	assert_true(matched > 100);
	assert_true(ruled_out > matched);
	rx_match_data_free(md);
	free(answers);
	for (size_t i = 0; i < pats.n; i++)
		rx_release(&rx[i]);
	free(rx);
	strlist_release(&pats);
	norm_fold_free(fold);
	texts_release(&t);
}

static void item_from_json(struct item *it, json_t *o)
{
	item_init(it);
	int k = item_kind_parse(json_string_value(json_object_get(o, "kind")));
	assert_true(k >= 0);
	it->kind = (enum item_kind)k;
	const char *keys[] = { "text", "counterpart", "in_reply_to_user", "field" };
	char **fields[] = { &it->text, &it->counterpart, &it->in_reply_to_user, &it->field };
	for (size_t i = 0; i < 4; i++) {
		json_t *v = json_object_get(o, keys[i]);
		if (json_is_string(v))
			item_set(fields[i], json_string_value(v));
	}
	const char *lists[] = { "mentions", "hashtags", "tagged" };
	struct strlist *ls[] = { &it->mentions, &it->hashtags, &it->tagged };
	for (size_t i = 0; i < 3; i++) {
		size_t j;
		json_t *e;
		json_array_foreach(json_object_get(o, lists[i]), j, e)
			if (json_is_string(e))
				strlist_push(ls[i], json_string_value(e));
	}
}

static void finding_text(const struct finding_list *fl, struct buf *b)
{
	buf_reset(b);
	for (size_t i = 0; i < fl->n; i++) {
		const struct finding *f = &fl->v[i];
		buf_addf(b, "%s|%s|%d|%s|%zu", f->rule, f->category, (int)f->severity, f->summary,
			 f->matches_omitted);
		for (size_t k = 0; k < f->n_matches; k++)
			buf_addf(b, " %zu-%zu", f->matches[k].start, f->matches[k].end);
		buf_adds(b, "\n");
	}
}

/* The same findings with the prefilter and memo on and off
 * (CONDUCTSCAN_NO_PREFILTER=1), for items of several kinds and accounts. */
static void test_policy_prefilter__same_findings(void **state)
{
	(void)state;
	static const char *const orgs[] = { "samples/orgs/brackenford.json", "samples/orgs/ashworth.json" };
	static const enum item_kind kinds[] = { ITEM_POST, ITEM_SHARE, ITEM_LIKE, ITEM_MESSAGE };
	struct cs_error err = { 0 };
	struct texts t = { 0 };
	json_t **items;
	size_t n_items;
	struct buf a = BUF_INIT(0), b = BUF_INIT(0);
	size_t findings = 0;

	setenv("CONDUCTSCAN_DATADIR", ".", 0);
	assert_int_equal(timez_set("Europe/London", &err), 0);
	corpus_items(&items, &n_items);
	real_texts(&t);
	for (size_t oi = 0; oi < 2; oi++) {
		struct policy *p = policy_load("uk-council", &err);
		struct org *o = org_load(orgs[oi], &err);
		assert_non_null(p);
		assert_non_null(o);
		setenv("CONDUCTSCAN_NO_PREFILTER", "1", 1);
		struct engine *plain = engine_new(p, o, &err);
		unsetenv("CONDUCTSCAN_NO_PREFILTER");
		struct engine *fast = engine_new(p, o, &err);
		assert_non_null(plain);
		assert_non_null(fast);
		for (size_t i = 0; i < n_items + t.n * 4; i++) {
			struct item it;
			struct finding_list f1 = { 0 }, f2 = { 0 };
			if (i < n_items) {
				item_from_json(&it, items[i]);
			} else {
				size_t k = i - n_items;
				item_init(&it);
				it.kind = kinds[k % 4];
				item_set(&it.text, t.v[k / 4]);
			}
			assert_int_equal(engine_item(plain, &it, &f1), CS_OK);
			assert_int_equal(engine_item(fast, &it, &f2), CS_OK);
			if (it.kind == ITEM_PROFILE) {
				/* and as a one-item account (self-identification, disclaimer) */
				struct item *pi[1] = { &it };
				bool s1 = false, s2 = false;
				assert_int_equal(engine_account(plain, NULL, pi, 1, &f1, &s1), CS_OK);
				assert_int_equal(engine_account(fast, NULL, pi, 1, &f2, &s2), CS_OK);
				assert_true(s1 == s2);
			}
			finding_text(&f1, &a);
			finding_text(&f2, &b);
			if (strcmp(buf_str(&a), buf_str(&b)) != 0)
				fail_msg("'%s': without the prefilter:\n%s\nwith it:\n%s", it.text ? it.text : "",
					 buf_str(&a), buf_str(&b));
			findings += f1.n;
			finding_list_release(&f1);
			finding_list_release(&f2);
			item_release(&it);
		}
		engine_free(plain);
		engine_free(fast);
		org_free(o);
		policy_free(p);
	}
	print_message("%zu findings, the same either way\n", findings);
	assert_true(findings > 500);
	for (size_t i = 0; i < n_items; i++)
		json_decref(items[i]);
	free(items);
	texts_release(&t);
	buf_release(&a);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_prefilter__analyser),
		cmocka_unit_test(test_policy_prefilter__presence),
		cmocka_unit_test(test_policy_prefilter__pack_patterns),
		cmocka_unit_test(test_policy_prefilter__same_findings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

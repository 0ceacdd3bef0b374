/*
 * The shipped packs: every clause quote is verbatim in its seed policy
 * (../shared/seeds relative to the repository, or $CS_SEEDS), each council
 * pack cites only its own document, and uk-council has rules for every
 * SPEC category.  "Verbatim" is the SPEC's: equal to a span of the seed
 * text after whitespace is collapsed and the markup '**' and '[text](#)'
 * is dropped (the link text stays).
 */
#include "tests/testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/buf.h"
#include "scanner/policy/policy.h"
#include "scanner/xalloc.h"

static const char *const packs[] = { "portsmouth", "charnwood", "sheffield", "tameside", "peterborough",
				     "uk-council" };

/* Collapses whitespace, drops '**' and "[text](#)" markup (keeping text). */
static char *collapse(const char *s)
{
	struct buf b = BUF_INIT(0);
	bool space = false;
	while (*s) {
		if (s[0] == '*' && s[1] == '*') {
			s += 2;
			continue;
		}
		if (*s == '[') {
			const char *close = strstr(s, "](#)");
			if (close && close - s < 200) {
				/* keep the link text, drop the brackets and target */
				const char *t = s + 1;
				while (t < close) {
					if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r') {
						space = b.len > 0;
					} else {
						if (space)
							buf_add(&b, " ", 1);
						space = false;
						buf_add(&b, t, 1);
					}
					t++;
				}
				s = close + 4;
				continue;
			}
		}
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = b.len > 0;
		} else {
			if (space)
				buf_add(&b, " ", 1);
			space = false;
			buf_add(&b, s, 1);
		}
		s++;
	}
	buf_add(&b, "", 0);
	return buf_detach(&b, NULL);
}

static char *seed_text(const char *file)
{
	const char *dir = getenv("CS_SEEDS");
	char *path = xasprintf("%s/%s", dir && *dir ? dir : "../shared/seeds", file);
	size_t n;
	char *raw = tu_read(path, &n);
	if (!raw)
		fail_msg("cannot read seed '%s'", path);
	char *c = collapse(raw);
	free(raw);
	free(path);
	return c;
}

static void test_policy__clauses_verbatim(void **state)
{
	(void)state;
	size_t checked = 0;
	for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++) {
		char *path = xasprintf("policies/%s.json", packs[i]);
		json_error_t je;
		json_t *root = json_load_file(path, 0, &je);
		if (!root)
			fail_msg("%s: %s", path, je.text);
		/* source id -> file */
		json_t *sources = json_object_get(root, "sources"), *single = json_object_get(root, "source");
		json_t *clauses = json_object_get(root, "clauses"), *c;
		size_t k;
		json_array_foreach(clauses, k, c) {
			const char *src = json_string_value(json_object_get(c, "source"));
			const char *file = NULL;
			if (single) {
				assert_null(src);
				file = json_string_value(json_object_get(single, "file"));
			} else {
				json_t *s;
				size_t j;
				json_array_foreach(sources, j, s)
					if (src && strcmp(json_string_value(json_object_get(s, "id")), src) == 0)
						file = json_string_value(json_object_get(s, "file"));
			}
			assert_non_null(file);
			char *seed = seed_text(file);
			char *quote = collapse(json_string_value(json_object_get(c, "quote")));
			if (!*quote || !strstr(seed, quote))
				fail_msg("%s: clause '%s' is not verbatim in %s", path,
					 json_string_value(json_object_get(c, "id")), file);
			/* a council's own pack cites only its own document */
			if (single)
				assert_int_equal(strncmp(json_string_value(json_object_get(c, "id")), packs[i],
							 strlen(packs[i])), 0);
			checked++;
			free(quote);
			free(seed);
		}
		json_decref(root);
		free(path);
	}
	assert_true(checked > 100);
}

static void test_policy__every_category(void **state)
{
	(void)state;
	static const char *const cats[] = {
		"derogatory", "offensive_language", "harassment", "confidential", "personal_data",
		"political", "speaking_for_council", "supplier_comment", "liked_inappropriate",
		"service_user_connection", "missing_disclaimer", "work_email", "work_time_use",
		"absence_activity", "self_identification"
	};
	json_error_t je;
	json_t *root = json_load_file("policies/uk-council.json", 0, &je);
	assert_non_null(root);
	json_t *rules = json_object_get(root, "rules");
	for (size_t i = 0; i < sizeof cats / sizeof cats[0]; i++) {
		bool found = false;
		json_t *r;
		size_t k;
		json_array_foreach(rules, k, r) {
			found |= strcmp(json_string_value(json_object_get(r, "category")), cats[i]) == 0;
			assert_true(json_array_size(json_object_get(r, "clauses")) > 0);
		}
		if (!found)
			fail_msg("uk-council has no rule for %s", cats[i]);
	}
	json_decref(root);
	/* and every pack loads */
	setenv("CONDUCTSCAN_DATADIR", ".", 0);
	for (size_t i = 0; i < sizeof packs / sizeof packs[0]; i++) {
		struct cs_error err = { 0 };
		struct policy *p = policy_load(packs[i], &err);
		if (!p)
			fail_msg("%s", err.msg);
		assert_string_equal(policy_id(p), packs[i]);
		assert_int_equal(strlen(policy_sha256(p)), 64);
		policy_free(p);
	}
}

static void test_policy__collapse(void **state)
{
	(void)state;
	char *c = collapse("read  the [Code of\n Conduct](#) and **this**\n\tnow");
	assert_string_equal(c, "read the Code of Conduct and this now");
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy__collapse),
		cmocka_unit_test(test_policy__clauses_verbatim),
		cmocka_unit_test(test_policy__every_category),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

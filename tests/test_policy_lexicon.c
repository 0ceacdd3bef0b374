/*
 * The lexicon's whole-word matcher (scanner/policy/lexicon.c): phrases
 * written with separators or run together, stretched letters, runs that
 * continue across the join of a run-together phrase, digits that never
 * stretch, and phrases cut short where no term continues; partial terms
 * inside longer words, found the same with the deobfuscated text's literal
 * prefilter as without it.
 */
#include "tests/testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/policy/lexicon.h"
#include "scanner/policy/norm.h"
#include "scanner/policy/rx.h"
#include "scanner/xalloc.h"

static const char LEXICON[] =
	"{\"entries\": ["
	"{\"id\": \"a\", \"group\": \"profanity\", \"severity\": 3, \"terms\": [\"bull shit\", \"boob\"]},"
	"{\"id\": \"b\", \"group\": \"insult\", \"severity\": 2, \"terms\": [\"waste of space\", \"pillock\"]},"
	"{\"id\": \"c\", \"group\": \"insult\", \"severity\": 2, \"terms\": [\"b2b\", \"sub 4\"]},"
	"{\"id\": \"d\", \"group\": \"insult\", \"severity\": 2, \"partial\": true, \"terms\": [\"twat\", \"knob end\"]}"
	"]}";

static struct lexicon *load(void)
{
	struct cs_error err = { 0 };
	struct lexicon *lx = lexicon_new();
	if (lexicon_add(lx, "test.json", LEXICON, strlen(LEXICON), NULL, &err) != 0 ||
	    lexicon_compile(lx, &err) != 0)
		fail_msg("%s", err.msg);
	return lx;
}

/* The original text of every hit, "|"-joined, in order: found without the
 * prefilter and with it (which must find the same). */
static void hits_of(const struct lexicon *lx, const char *text, char *out, size_t cap)
{
	struct norm n, d;
	struct rx_text pres;
	norm_text(text, strlen(text), NULL, &n);
	norm_deobfuscate(&n, &d);
	rx_text_init(&pres, d.s, d.len);
	for (int pf = 0; pf < 2; pf++) {
		struct lex_hit *h = NULL;
		size_t nh = 0, len = 0;
		char *o = pf ? xmalloc(cap) : out;
		lexicon_match(lx, &n, &d, pf ? &pres : NULL, &h, &nh);
		o[0] = '\0';
		for (size_t i = 0; i < nh; i++)
			len += (size_t)snprintf(o + len, cap - len, "%s%.*s", i ? "|" : "",
						(int)(h[i].end - h[i].start), text + h[i].start);
		if (pf && strcmp(o, out) != 0)
			fail_msg("'%s': '%s' without the prefilter, '%s' with it", text, out, o);
		if (pf)
			free(o);
		free(h);
	}
	rx_text_release(&pres);
	norm_release(&n);
	norm_release(&d);
}

static void test_policy_lexicon__phrases(void **state)
{
	(void)state;
	static const struct {
		const char *text, *want;
	} rows[] = {
		{ "what a load of bull shit", "bull shit" },
		{ "bull-shit", "bull-shit" },
		{ "bullshit", "bullshit" },
		{ "BULLLL   SHIIIT mate", "BULLLL   SHIIIT" },
		/* run together, a run continues across the join: "bul" + "lshit" */
		{ "bul lshit", "bul lshit" },
		{ "bu llshit", "bu llshit" },
		/* never fewer letters than the term has */
		{ "bul shit", "" },
		{ "bob", "" },
		{ "boooob", "boooob" },
		{ "what a waste of space", "waste of space" },
		{ "waste-of-space", "waste-of-space" },
		{ "wasteofspace", "wasteofspace" },
		{ "waste of time and space", "" },
		{ "waste, of space", "" },
		{ "pillocks", "" },
		{ "you pillock.", "pillock" },
		/* digits do not stretch and do not merge */
		{ "b2b", "b2b" },
		{ "b22b", "" },
		{ "sub 4", "sub 4" },
		{ "sub4", "" },          /* deobfuscated: "suba" */
		{ "subb 44", "" },
		/* a phrase is cut where no term continues, then found again */
		{ "the the the bull bull shit shit", "bull shit" },
		/* partial terms, inside longer words too */
		{ "what a twatface", "twat" },
		{ "TWAAAT!", "TWAAAT" },
		{ "knobend", "knobend" },
		{ "the knob-endery", "knob-end" },
		{ "a tweet about water", "" },
	};
	struct lexicon *lx = load();
	size_t bad = 0;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char got[256];
		hits_of(lx, rows[i].text, got, sizeof got);
		if (strcmp(got, rows[i].want) != 0) {
			print_message("'%s': want '%s', got '%s'\n", rows[i].text, rows[i].want, got);
			bad++;
		}
	}
	lexicon_free(lx);
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_lexicon__phrases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

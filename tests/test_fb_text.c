#include "tests/testutil.h"

#include <stdlib.h>
#include <string.h>

#include "formats/fb_text.h"

/* Repairs `in` (NUL-terminated) and checks the result and its length. */
static void check(const char *in, const char *want)
{
	size_t n = 0;
	char *out = fb_text_repair(in, strlen(in), &n);
	assert_string_equal(out, want);
	assert_int_equal(n, strlen(want));
	free(out);
}

static void test_fb_text__repairs_mojibake(void **state)
{
	(void)state;
	/* "ZoÃ«" as jansson decodes "Zo\u00c3\u00ab" */
	check("Zo\xC3\x83\xC2\xAB", "Zo\xC3\xAB");
	/* "naÃ¯ve cafÃ©" */
	check("na\xC3\x83\xC2\xAFve caf\xC3\x83\xC2\xA9", "na\xC3\xAFve caf\xC3\xA9");
	/* "Â£5" is "£5" (C2 A3) */
	check("\xC3\x82\xC2\xA3" "5", "\xC2\xA3" "5");
	/* a three-byte character: an en dash U+2013 = E2 80 93 */
	check("a \xC3\xA2\xC2\x80\xC2\x93 b", "a \xE2\x80\x93 b");
	/* a four-byte emoji U+1F600 = F0 9F 98 80 */
	check("\xC3\xB0\xC2\x9F\xC2\x98\xC2\x80!", "\xF0\x9F\x98\x80!");
}

static void test_fb_text__leaves_correct_text(void **state)
{
	(void)state;
	check("", "");
	check("plain ascii", "plain ascii");
	/* a genuine "café": é alone is not UTF-8 once narrowed to a byte */
	check("caf\xC3\xA9", "caf\xC3\xA9");
	/* "Zoë" written correctly next to a character above U+00FF */
	check("Zo\xC3\xAB \xE2\x82\xAC", "Zo\xC3\xAB \xE2\x82\xAC");
	/* mojibake next to a real euro sign: not byte-by-byte, left alone */
	check("Zo\xC3\x83\xC2\xAB \xE2\x82\xAC", "Zo\xC3\x83\xC2\xAB \xE2\x82\xAC");
	/* "Ã" followed by ASCII: C3 41 is not UTF-8 */
	check("\xC3\x83" "A", "\xC3\x83" "A");
}

static void test_fb_text__rejects_bad_sequences(void **state)
{
	(void)state;
	/* would repair to an overlong C0 AF */
	check("\xC3\x80\xC2\xAF", "\xC3\x80\xC2\xAF");
	/* would repair to a surrogate ED A0 80 */
	check("\xC3\xAD\xC2\xA0\xC2\x80", "\xC3\xAD\xC2\xA0\xC2\x80");
	/* would repair to a truncated sequence E2 80 */
	check("x\xC3\xA2\xC2\x80", "x\xC3\xA2\xC2\x80");
	/* input that is not UTF-8 itself comes back byte for byte */
	check("bad \xFF byte", "bad \xFF byte");
	check("cut \xC3", "cut \xC3");
}

static void test_fb_text__embedded_nul_and_length(void **state)
{
	(void)state;
	const char in[] = "a\0Zo\xC3\x83\xC2\xAB";
	size_t n = 0;
	char *out = fb_text_repair(in, sizeof in - 1, &n);
	assert_int_equal(n, 6);
	assert_memory_equal(out, "a\0Zo\xC3\xAB", 7);
	free(out);
	/* not NUL-terminated input: only len bytes are read */
	out = fb_text_repair("Zo\xC3\x83\xC2\xAB tail", 6, NULL);
	assert_string_equal(out, "Zo\xC3\xAB");
	free(out);
	out = fb_text_repair(NULL, 0, &n);
	assert_string_equal(out, "");
	assert_int_equal(n, 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fb_text__repairs_mojibake),
		cmocka_unit_test(test_fb_text__leaves_correct_text),
		cmocka_unit_test(test_fb_text__rejects_bad_sequences),
		cmocka_unit_test(test_fb_text__embedded_nul_and_length),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

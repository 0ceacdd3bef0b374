#ifndef CS_FB_TEXT_H
#define CS_FB_TEXT_H
/*
 * Facebook's text repair, shared by the JSON and the HTML parsers.
 *
 * Facebook's exporter writes every byte of a UTF-8 string as a character of
 * its own: "Zoë" (5A 6F C3 AB) becomes "Zo\u00c3\u00ab", which any JSON
 * decoder turns into "ZoÃ«".  The repair maps each code point back to one
 * byte and keeps the result only when those bytes are valid UTF-8 (no
 * overlong forms, surrogates or code points past U+10FFFF).  Anything else
 * comes back unchanged:
 *   - a string with a code point above U+00FF ("Zoë €", emoji): it cannot
 *     have been produced byte by byte, so it is already correct;
 *   - a string whose code points are all at most U+00FF but whose bytes are
 *     not UTF-8: a genuine Latin-1-range text such as "café";
 *   - plain ASCII, and input that is not valid UTF-8 itself.
 * A string is repaired at most once: "Ã©" written on purpose reads as "é";
 * that is the price of the exporter's encoding and the raw bytes are kept in
 * the exhibit.
 */
#include <stddef.h>

/*
 * The repaired copy of s[0..len) (s need not be NUL-terminated and may hold
 * NUL bytes).  Returns a new NUL-terminated string the caller frees; its
 * length without the terminator goes to *out_len unless out_len is NULL.
 * Never NULL (allocation failure is handled by xmalloc).
 */
char *fb_text_repair(const char *s, size_t len, size_t *out_len);

#endif

#include "formats/fb_text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scanner/xalloc.h"

/*
 * Decodes one UTF-8 sequence at s[*i] (strictly: shortest form, no
 * surrogates, at most U+10FFFF).  Returns the code point and advances *i,
 * or returns -1 and leaves *i where it was.
 */
static int32_t utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	size_t p = *i;
	unsigned char c = s[p];
	uint32_t cp;
	size_t n;
	if (c < 0x80) {
		*i = p + 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		cp = c & 0x1F;
		n = 1;
	} else if (c >= 0xE0 && c <= 0xEF) {
		cp = c & 0x0F;
		n = 2;
	} else if (c >= 0xF0 && c <= 0xF4) {
		cp = c & 0x07;
		n = 3;
	} else {
		return -1;
	}
	if (len - p - 1 < n)
		return -1;
	for (size_t k = 1; k <= n; k++) {
		unsigned char cc = s[p + k];
		if ((cc & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (cc & 0x3F);
	}
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i = p + n + 1;
	return (int32_t)cp;
}

static bool utf8_valid(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len;)
		if (utf8_next(s, len, &i) < 0)
			return false;
	return true;
}

static char *copy_out(const char *s, size_t len, size_t *out_len)
{
	if (out_len)
		*out_len = len;
	return xmemdupz(s, len);
}

char *fb_text_repair(const char *s, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *bytes = NULL;
	size_t n = 0;
	bool high = false;

	if (!s)
		return copy_out("", 0, out_len);
	/* Each code point of the repairable kind is at most two bytes, so the
	 * bytes never outgrow the input. */
	bytes = xmalloc(len + 1);
	for (size_t i = 0; i < len;) {
		int32_t cp = utf8_next(u, len, &i);
		if (cp < 0 || cp > 0xFF)
			goto unchanged;
		if (cp >= 0x80)
			high = true;
		bytes[n++] = (unsigned char)cp;
	}
	if (!high || !utf8_valid(bytes, n))
		goto unchanged;
	bytes[n] = '\0';
	if (out_len)
		*out_len = n;
	return (char *)bytes;

unchanged:
	free(bytes);
	return copy_out(s, len, out_len);
}

#include "formats/json_stream.h"

#include <stdlib.h>
#include <string.h>

#include "scanner/error.h"
#include "scanner/xalloc.h"

#define CHUNK (64u * 1024u)
/* Bytes kept before an element's start, so that its indentation is still
 * known when it has to be resynchronised. */
#define LOOKBEHIND 256u
/* How far into an entry an assignment prefix may end. */
#define PRELUDE_MAX 4096u

enum state { ST_PRELUDE, ST_ARRAY_ELEM, ST_ARRAY_NEXT, ST_OBJ_KEY, ST_OBJ_NEXT, ST_DONE };

struct json_stream {
	struct format_ctx *fc;
	struct entry_stream *in;
	size_t cap;

	unsigned char *win;
	size_t win_cap;
	size_t len;             /* bytes in win */
	size_t pos;             /* next byte to parse */
	size_t mark;            /* earliest byte that must be kept */
	size_t scan;            /* scanner position inside an element */
	uint64_t base;          /* entry offset of win[0] */
	bool eof;

	enum state state;
	bool in_member;         /* the array is a member of a top-level object */
	char *key;
	uint64_t index;
	int status;
	uint64_t lost;
	/* indentation of the last element: its first byte and its column */
	unsigned char first_byte;
	size_t indent;
	bool has_indent;
};

struct json_stream *json_stream_new(struct format_ctx *fc, struct entry_stream *in, size_t cap)
{
	struct json_stream *js = xcalloc(1, sizeof *js);
	js->fc = fc;
	js->in = in;
	js->cap = cap ? cap : format_element_cap(fc);
	js->state = ST_PRELUDE;
	js->status = CS_OK;
	return js;
}

void json_stream_free(struct json_stream *js)
{
	if (!js)
		return;
	free(js->win);
	free(js->key);
	free(js);
}

int json_stream_status(const struct json_stream *js)
{
	return js->status;
}

uint64_t json_stream_lost(const struct json_stream *js)
{
	return js->lost;
}

static void degrade(struct json_stream *js, int status)
{
	if (status > js->status)
		js->status = status;
}

/* Reads one more chunk.  Returns the bytes added, 0 at the end, -1 on a read
 * error (recorded). */
static long fill(struct json_stream *js)
{
	if (js->eof)
		return 0;
	size_t keep = js->mark > LOOKBEHIND ? js->mark - LOOKBEHIND : 0;
	if (keep && (keep >= js->len / 2 || js->len + CHUNK > js->win_cap)) {
		memmove(js->win, js->win + keep, js->len - keep);
		js->len -= keep;
		js->pos -= keep;
		js->mark -= keep;
		js->scan = js->scan >= keep ? js->scan - keep : 0;
		js->base += keep;
	}
	if (js->len + CHUNK > js->win_cap) {
		js->win_cap = js->len + CHUNK;
		js->win = xrealloc(js->win, js->win_cap);
	}
	ssize_t n = entry_stream_read(js->in, js->win + js->len, CHUNK);
	if (n < 0) {
		js->eof = true;
		format_warn(js->fc, (int64_t)(js->base + js->len), "read-error",
			    "entry could not be read past byte %llu: %s",
			    (unsigned long long)(js->base + js->len), entry_stream_error(js->in));
		degrade(js, CS_FAILED);
		return -1;
	}
	if (n == 0) {
		js->eof = true;
		return 0;
	}
	js->len += (size_t)n;
	return n;
}

/* The byte at pos, reading more if needed; -1 at the end. */
static int peek(struct json_stream *js)
{
	while (js->pos >= js->len)
		if (fill(js) <= 0)
			return -1;
	return js->win[js->pos];
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int skip_ws(struct json_stream *js)
{
	for (;;) {
		js->mark = js->pos;
		int c = peek(js);
		if (c < 0 || !is_ws(c))
			return c;
		js->pos++;
	}
}

static int64_t offset_at(const struct json_stream *js, size_t i)
{
	return (int64_t)(js->base + i);
}

/*
 * Finds the end of the value starting at pos (== mark).  Returns 1 with
 * js->scan one past its last byte, 0 if the entry ended first, 2 if it was
 * larger than the cap (skipped to its end, its bytes gone), -1 on a read
 * error.
 */
static int scan_value(struct json_stream *js)
{
	js->scan = js->pos;
	int first = js->win[js->pos];
	bool scalar = first != '{' && first != '[' && first != '"';
	bool in_string = false, escape = false, oversize = false;
	uint64_t depth = 0;
	for (;;) {
		if (js->scan >= js->len) {
			long r = fill(js);
			if (r < 0)
				return -1;
			if (r == 0) {
				if (scalar && !oversize)
					return 1;   /* a scalar may end with the entry */
				return 0;
			}
			continue;
		}
		if (!oversize && js->scan - js->mark > js->cap) {
			oversize = true;
		}
		if (oversize)   /* let the window slide: the bytes are dropped */
			js->pos = js->mark = js->scan;
		unsigned char c = js->win[js->scan];
		if (scalar) {
			if (c == ',' || c == ']' || c == '}' || is_ws(c))
				return oversize ? 2 : 1;
			js->scan++;
			continue;
		}
		js->scan++;
		if (in_string) {
			if (escape)
				escape = false;
			else if (c == '\\')
				escape = true;
			else if (c == '"') {
				in_string = false;
				if (depth == 0)
					return oversize ? 2 : 1;
			}
		} else if (c == '"') {
			in_string = true;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth > 0 && --depth == 0)
				return oversize ? 2 : 1;
		}
	}
}

static void structure_damage(struct json_stream *js, const char *what)
{
	int64_t off = offset_at(js, js->pos);
	format_warn(js->fc, off, "bad-separator", "unexpected byte at %lld %s", (long long)off, what);
	degrade(js, CS_WARN);
}

/* Records the column of the element starting at pos, if only blanks stand
 * between it and the line's start (pretty-printed exports). */
static void note_indent(struct json_stream *js)
{
	js->first_byte = js->win[js->pos];
	js->has_indent = false;
	size_t i = js->pos;
	while (i > 0 && (js->win[i - 1] == ' ' || js->win[i - 1] == '\t'))
		i--;
	if (i > 0 && js->win[i - 1] == '\n') {
		js->indent = js->pos - i;
		js->has_indent = true;
	}
}

/*
 * After damage: the next line in win[from, to) indented exactly like the
 * last element and starting with the same byte.  Sets pos there and returns
 * 1, or 0 if there is none.
 */
static int resync_separator(struct json_stream *js, size_t from, size_t to);

static int resync(struct json_stream *js, size_t from, size_t to)
{
	if (!js->has_indent)
		return resync_separator(js, from, to);
	for (size_t i = from; i < to; i++) {
		if (js->win[i] != '\n')
			continue;
		size_t j = i + 1, n = 0;
		while (j < to && (js->win[j] == ' ' || js->win[j] == '\t')) {
			j++;
			n++;
		}
		if (j < to && n == js->indent && js->win[j] == js->first_byte) {
			js->pos = j;
			js->mark = j;
			return 1;
		}
	}
	return 0;
}

/*
 * Without indentation ("}, {" on one line, as 2019 Twitter archives and
 * Grailbird write them): the next '}' ',' and an opening byte like the last
 * element's, blanks allowed between.  A match inside a string only costs
 * one more failed decode and another resync further on.
 */
static int resync_separator(struct json_stream *js, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (js->win[i] != '}' && js->win[i] != ']')
			continue;
		size_t j = i + 1;
		while (j < to && is_ws(js->win[j]))
			j++;
		if (j >= to || js->win[j] != ',')
			continue;
		j++;
		while (j < to && is_ws(js->win[j]))
			j++;
		if (j < to && js->win[j] == js->first_byte) {
			js->pos = j;
			js->mark = j;
			return 1;
		}
	}
	return 0;
}

static json_t *decode(struct json_stream *js, const unsigned char *p, size_t n, int64_t off,
		      json_error_t *err)
{
	const size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
	json_t *v = json_loadb((const char *)p, n, flags | JSON_REJECT_DUPLICATES, err);
	if (!v && strstr(err->text, "duplicate")) {
		json_error_t err2;
		v = json_loadb((const char *)p, n, flags, &err2);
		if (v) {
			format_warn(js->fc, off, "duplicate-key",
				    "element at byte %lld has a duplicated key (%s); the last value is used",
				    (long long)off, err->text);
			degrade(js, CS_WARN);
		}
	}
	return v;
}

/*
 * Takes the element at pos.  1: *el is filled.  0: the element was lost
 * (warned), scanning goes on at the separator after it.  2: lost, and pos
 * is at the start of the next element (resynchronised).  -1: nothing more
 * can be read.
 */
static int take_element(struct json_stream *js, struct json_element *el, bool may_resync)
{
	js->mark = js->pos;
	note_indent(js);
	int64_t off = offset_at(js, js->pos);
	int r = scan_value(js);
	if (r < 0)
		return -1;
	if (r == 2) {
		format_warn(js->fc, off, "element-too-large",
			    "element at byte %lld is larger than the %zu-byte limit and was skipped",
			    (long long)off, js->cap);
		js->lost++;
		degrade(js, CS_WARN);
		js->pos = js->mark = js->scan;
		return 0;
	}
	if (r == 0) {
		js->lost++;
		degrade(js, CS_WARN);
		if (may_resync && resync(js, js->pos + 1, js->len)) {
			format_warn(js->fc, off, "bad-element",
				    "element at byte %lld never closes (a string or bracket left open) "
				    "and was skipped; reading resumed at byte %lld",
				    (long long)off, (long long)offset_at(js, js->pos));
			return 2;
		}
		format_warn(js->fc, off, "cut-short",
			    "element at byte %lld is cut short by the end of the entry", (long long)off);
		js->pos = js->len;
		return -1;
	}
	size_t n = js->scan - js->pos;
	if (n == 0) {
		/* A separator where an element should be: step over it. */
		structure_damage(js, "(expected an element)");
		js->pos = js->mark = js->pos + 1;
		return 0;
	}
	json_error_t err;
	json_t *v = decode(js, js->win + js->pos, n, off, &err);
	if (!v) {
		format_warn(js->fc, off, "bad-element",
			    "element at byte %lld is not valid JSON (%s at its byte %d) and was skipped",
			    (long long)off, err.text, err.position);
		js->lost++;
		degrade(js, CS_WARN);
		size_t end = js->scan;
		if (may_resync && resync(js, js->pos + 1, end))
			return 2;
		js->pos = js->mark = end;
		return 0;
	}
	el->value = v;
	el->key = js->key;
	el->offset = off;
	el->length = n;
	el->bytes = js->win + js->pos;
	js->pos = js->scan;
	return 1;
}

static int prelude(struct json_stream *js)
{
	int c = peek(js);
	if (c < 0)
		return 0;       /* an empty entry holds no elements */
	if (js->len >= 3 && memcmp(js->win, "\xEF\xBB\xBF", 3) == 0)
		js->pos = 3;
	c = skip_ws(js);
	if (c < 0)
		return 0;
	if (c != '[' && c != '{') {
		/* An assignment prefix: find its '=' in the first bytes. */
		while (js->len < PRELUDE_MAX && fill(js) > 0)
			;
		unsigned char *eq = memchr(js->win + js->pos, '=',
					   (js->len < PRELUDE_MAX ? js->len : PRELUDE_MAX) - js->pos);
		if (!eq) {
			format_warn(js->fc, 0, "not-json",
				    "entry does not start with a JSON array, object or assignment");
			degrade(js, CS_FAILED);
			return -1;
		}
		js->pos = (size_t)(eq - js->win) + 1;
		c = skip_ws(js);
		if (c != '[' && c != '{') {
			format_warn(js->fc, offset_at(js, js->pos), "not-json",
				    "no JSON array or object after the assignment");
			degrade(js, CS_FAILED);
			return -1;
		}
	}
	js->pos++;
	js->state = c == '[' ? ST_ARRAY_ELEM : ST_OBJ_KEY;
	js->in_member = false;
	return 1;
}


/* Reads the member key at pos (a string) and the ':' after it. */
static int read_key(struct json_stream *js)
{
	js->mark = js->pos;
	int64_t off = offset_at(js, js->pos);
	int r = scan_value(js);
	if (r != 1) {
		if (r == 0)
			format_warn(js->fc, off, "cut-short", "object key at byte %lld is cut short",
				    (long long)off);
		degrade(js, CS_WARN);
		return -1;
	}
	json_error_t err;
	json_t *k = json_loadb((const char *)js->win + js->pos, js->scan - js->pos,
			       JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (!k || !json_is_string(k)) {
		json_decref(k);
		structure_damage(js, "(an object key that is not a string)");
		return -1;
	}
	free(js->key);
	js->key = xstrdup(json_string_value(k));
	json_decref(k);
	js->pos = js->scan;
	if (skip_ws(js) != ':') {
		structure_damage(js, "(expected ':' after an object key)");
		return -1;
	}
	js->pos++;
	return 0;
}

/* The document stops where it should go on: stray bytes (c >= 0) or the
 * end of the entry (a read error has already been reported). */
static void ends_early(struct json_stream *js, int c, const char *expected, const char *inside)
{
	if (c >= 0)
		structure_damage(js, expected);
	else if (js->status != CS_FAILED)
		format_warn(js->fc, offset_at(js, js->pos), "cut-short",
			    "the entry ends inside %s", inside);
	degrade(js, CS_WARN);
	js->state = ST_DONE;
}

int json_stream_next(struct json_stream *js, struct json_element *el)
{
	memset(el, 0, sizeof *el);
	for (;;) {
		int c, r;
		switch (js->state) {
		case ST_PRELUDE:
			if (prelude(js) <= 0)
				js->state = ST_DONE;
			break;
		case ST_ARRAY_ELEM:
			c = skip_ws(js);
			if (c < 0) {
				ends_early(js, c, NULL, "an array");
			} else if (c == ']') {
				js->pos++;
				js->state = js->in_member ? ST_OBJ_NEXT : ST_DONE;
			} else {
				r = take_element(js, el, true);
				if (r < 0) {
					js->state = ST_DONE;
				} else if (r == 1) {
					el->in_array = true;
					el->index = js->index++;
					js->state = ST_ARRAY_NEXT;
					return 1;
				} else if (r == 0) {
					js->index++;
					js->state = ST_ARRAY_NEXT;
				} else {
					js->index++;
				}
			}
			break;
		case ST_ARRAY_NEXT:
			c = skip_ws(js);
			if (c == ',') {
				js->pos++;
				js->state = ST_ARRAY_ELEM;
			} else if (c == ']') {
				js->pos++;
				js->state = js->in_member ? ST_OBJ_NEXT : ST_DONE;
			} else if (c < 0) {
				ends_early(js, c, NULL, "an array");
			} else {
				structure_damage(js, "(expected ',' or ']' between elements)");
				js->state = resync(js, js->pos, js->len) ? ST_ARRAY_ELEM : ST_DONE;
				if (js->state == ST_DONE)
					js->pos = js->len;
			}
			break;
		case ST_OBJ_KEY:
			c = skip_ws(js);
			if (c == '}') {
				js->pos++;
				js->state = ST_DONE;
			} else if (c == '"') {
				if (read_key(js) < 0) {
					js->state = ST_DONE;
					break;
				}
				c = skip_ws(js);
				if (c == '[') {
					js->pos++;
					js->in_member = true;
					js->index = 0;
					js->state = ST_ARRAY_ELEM;
				} else if (c < 0) {
					format_warn(js->fc, offset_at(js, js->pos), "cut-short",
						    "the entry ends after the key '%s'", js->key);
					degrade(js, CS_WARN);
					js->state = ST_DONE;
				} else {
					r = take_element(js, el, false);
					js->state = r < 0 ? ST_DONE : ST_OBJ_NEXT;
					if (r == 1) {
						el->in_array = false;
						el->index = 0;
						return 1;
					}
				}
			} else {
				ends_early(js, c, "(expected an object key)", "an object");
			}
			break;
		case ST_OBJ_NEXT:
			c = skip_ws(js);
			if (c == ',') {
				js->pos++;
				js->state = ST_OBJ_KEY;
			} else if (c == '}') {
				js->pos++;
				js->state = ST_DONE;
			} else {
				ends_early(js, c, "(expected ',' or '}' between members)", "an object");
			}
			break;
		case ST_DONE:
			return 0;
		}
	}
}

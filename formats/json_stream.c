#include "formats/json_stream.h"

#include <openssl/evp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
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

/* The ring between the reading and the decoding thread: its bytes, and
 * how many elements it may hold however small they are. */
#define RING_BYTES (1u << 20)
#define RING_SLOTS 4096u
/* How far decoding runs ahead of the caller: each decoded element is a
 * tree of small allocations, and a few hundred of them stay in the caches.
 * The caller decodes too (when the next element is not ready), which
 * moves this point on as well: with a few dozen the decoder thread slept
 * and woke every few elements, with a few hundred once per hundred. */
#define DECODE_AHEAD 256u
/* Each side wakes the other only after this many elements (or when it
 * has nothing left to do): a wake per element costs more than jansson. */
#define WAKE_BATCH 32u

enum state { ST_PRELUDE, ST_ARRAY_ELEM, ST_ARRAY_NEXT, ST_OBJ_KEY, ST_OBJ_VALUE, ST_OBJ_NEXT,
	     ST_DONE };

/* A member key, shared by the elements of its array that are in flight. */
struct jkey {
	size_t refs;
	char s[];
};

/* A warning of the scanner's, held back until the elements found before
 * it have been handed out (only with a decoder thread). */
struct held_warning {
	struct held_warning *next;
	int64_t offset;
	const char *code;       /* static */
	char msg[];
};

/* What jansson made of an element's bytes. */
struct decoded {
	json_t *value;          /* NULL: not valid JSON */
	bool dup;               /* valid once the duplicate-key check was dropped */
	char text[JSON_ERROR_TEXT_LENGTH];      /* the first decode's error */
	int position;
	bool hashed;
	unsigned char sha256[32];
};

/* One element in the ring. */
struct slot {
	bool needs_decode;      /* for the decoder thread; else decoded already */
	bool done;              /* res is final (under the lock) */
	bool decoded_here;      /* by the calling thread, which frees it too */
	struct held_warning *warnings;  /* to record before the element */
	int64_t offset;
	size_t length;
	uint64_t index;
	bool in_array;
	struct jkey *key;
	unsigned char *bytes;   /* in the ring, or its own when larger than the ring */
	bool own_bytes;
	size_t start, charge;   /* its place in the ring, waste at the wrap included */
	struct decoded res;
};

struct ring {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work, done;
	bool stop;
	unsigned char *buf;
	size_t cap, head, tail, used;   /* bytes: FIFO from head to tail */
	struct slot *slots;             /* RING_SLOTS, indexed by count % RING_SLOTS */
	uint64_t first, next, dec;      /* oldest in flight, next to fill, next to decode */
	bool current;                   /* slot `first` is the caller's until the next call */
	bool blocked;                   /* the scanner waits for room */
	bool decoder_waits, caller_waits;   /* who sleeps on work / done */
	uint64_t wake_at;               /* the caller waits for the slots up to it */
	/* values handed out and given back, freed on the decoder thread,
	 * where jansson allocated them (cheaper for malloc than freeing
	 * across threads) */
	json_t *garbage[RING_SLOTS];
	size_t n_garbage;
	struct held_warning *held, **held_tail;
};

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
	struct jkey *key;
	uint64_t index;
	int status;
	uint64_t lost;
	/* indentation of the last element: its first byte and its column */
	unsigned char first_byte;
	size_t indent;
	bool has_indent;
	/* a found element waiting for room in the ring: [span_pos, span_end) */
	bool span_pending;
	size_t span_end;
	/* decoding on a thread: the ring, NULL with one thread */
	size_t ring_bytes;
	bool started;
	struct ring *ring;
	json_t *current;        /* one thread: the value handed out last */
};

static void key_unref(struct jkey *k)
{
	if (k && --k->refs == 0)
		free(k);
}

static struct jkey *key_ref(struct jkey *k)
{
	if (k)
		k->refs++;
	return k;
}

struct json_stream *json_stream_new(struct format_ctx *fc, struct entry_stream *in, size_t cap)
{
	struct json_stream *js = xcalloc(1, sizeof *js);
	js->fc = fc;
	js->in = in;
	js->cap = cap ? cap : format_element_cap(fc);
	js->state = ST_PRELUDE;
	js->status = CS_OK;
	js->ring_bytes = format_jobs(fc) > 1 ? RING_BYTES : 0;
	return js;
}

void json_stream_set_ring(struct json_stream *js, size_t bytes)
{
	if (!js->started)
		js->ring_bytes = bytes;
}

static void ring_free(struct json_stream *js);

void json_stream_free(struct json_stream *js)
{
	if (!js)
		return;
	ring_free(js);
	json_decref(js->current);
	free(js->win);
	key_unref(js->key);
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

/* A warning of the scanner's: recorded at once with one thread, held back
 * with a decoder thread until what was found before it has been handed
 * out.  The message is formatted as format_warn() would (1 KiB at most). */
static void js_warn(struct json_stream *js, int64_t off, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void js_warn(struct json_stream *js, int64_t off, const char *code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!js->ring) {
		format_warn(js->fc, off, code, "%s", msg);
		return;
	}
	size_t n = strlen(msg) + 1;
	struct held_warning *w = xmalloc(sizeof *w + n);
	w->next = NULL;
	w->offset = off;
	w->code = code;
	memcpy(w->msg, msg, n);
	*js->ring->held_tail = w;
	js->ring->held_tail = &w->next;
}

static void record_held(struct json_stream *js, struct held_warning *w)
{
	while (w) {
		struct held_warning *next = w->next;
		format_warn(js->fc, w->offset, w->code, "%s", w->msg);
		free(w);
		w = next;
	}
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
		js_warn(js, (int64_t)(js->base + js->len), "read-error",
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
/* Bytes that change the scanner's state outside a string. */
static const unsigned char structural[256] = {
	['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1,
};

/*
 * Moves scan over bytes that cannot change the state (inside a string: up
 * to the next '"' or '\\'; outside: up to the next structural byte), but
 * never past the byte where the cap is checked, so that everything happens
 * at the same byte as one byte at a time.  *quote caches where the next
 * '"' is (an entry offset), since strings full of escapes (Facebook's
 * \u00XX) would otherwise search for it again after each one.
 */
static void skip_plain(struct json_stream *js, bool in_string, bool oversize, uint64_t *quote,
		       bool *quote_found)
{
	size_t lim = js->len;
	if (!oversize && lim - js->mark - 1 > js->cap)
		lim = js->mark + js->cap + 1;
	size_t from = js->scan, t = from;
	const unsigned char *w = js->win;
	if (in_string) {
		uint64_t at = js->base + from;
		if (*quote_found ? *quote < at : *quote <= at) {
			const unsigned char *q = memchr(w + from, '"', js->len - from);
			*quote_found = q != NULL;
			*quote = js->base + (q ? (size_t)(q - w) : js->len);
		}
		size_t qi = (size_t)(*quote - js->base);
		if (qi > lim)
			qi = lim;
		if (qi > from) {
			const unsigned char *bs = memchr(w + from, '\\', qi - from);
			t = bs ? (size_t)(bs - w) : qi;
		}
	} else {
		while (t < lim && !structural[w[t]])
			t++;
	}
	if (t > from) {
		js->scan = t;
		if (oversize)   /* as if each byte had been stepped over */
			js->pos = js->mark = t - 1;
	}
}

static int scan_value(struct json_stream *js)
{
	js->scan = js->pos;
	int first = js->win[js->pos];
	bool scalar = first != '{' && first != '[' && first != '"';
	bool in_string = false, escape = false, oversize = false;
	uint64_t depth = 0;
	uint64_t quote = 0;
	bool quote_found = false;
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
		if (!scalar && !escape) {
			skip_plain(js, in_string, oversize, &quote, &quote_found);
			if (js->scan >= js->len)
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
	js_warn(js, off, "bad-separator", "unexpected byte at %lld %s", (long long)off, what);
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
 * last element and starting with the same byte.  Returns 1 with *at there,
 * or 0 if there is none.
 */
static int find_indented(const struct json_stream *js, size_t from, size_t to, size_t *at)
{
	const unsigned char *w = js->win;
	for (size_t i = from; i < to; i++) {
		const unsigned char *nl = memchr(w + i, '\n', to - i);
		if (!nl)
			return 0;
		i = (size_t)(nl - w);
		size_t j = i + 1, n = 0;
		while (j < to && (w[j] == ' ' || w[j] == '\t')) {
			j++;
			n++;
		}
		if (j < to && n == js->indent && w[j] == js->first_byte) {
			*at = j;
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
static int find_separator(const struct json_stream *js, size_t from, size_t to, size_t *at)
{
	const unsigned char *w = js->win;
	for (size_t i = from; i < to; i++) {
		if (w[i] != '}' && w[i] != ']')
			continue;
		size_t j = i + 1;
		while (j < to && is_ws(w[j]))
			j++;
		if (j >= to || w[j] != ',')
			continue;
		j++;
		while (j < to && is_ws(w[j]))
			j++;
		if (j < to && w[j] == js->first_byte) {
			*at = j;
			return 1;
		}
	}
	return 0;
}

/* Where scanning would resume after damage in win[from, to), without
 * moving: 1 and *at, or 0. */
static int find_resync(const struct json_stream *js, size_t from, size_t to, size_t *at)
{
	return js->has_indent ? find_indented(js, from, to, at) : find_separator(js, from, to, at);
}

/* Moves pos to where scanning resumes after damage in win[from, to): 1,
 * or 0 if there is no such place. */
static int resync(struct json_stream *js, size_t from, size_t to)
{
	size_t at;
	if (!find_resync(js, from, to, &at))
		return 0;
	js->pos = js->mark = at;
	return 1;
}

/* jansson on one element's bytes; touches nothing shared, so that the
 * decoder thread can run it. */
static void decode_bytes(const unsigned char *p, size_t n, struct decoded *d)
{
	const size_t flags = JSON_DECODE_ANY | JSON_ALLOW_NUL;
	json_error_t err;
	d->dup = false;
	d->hashed = false;
	d->value = json_loadb((const char *)p, n, flags | JSON_REJECT_DUPLICATES, &err);
	if (d->value)
		return;
	memcpy(d->text, err.text, sizeof d->text);
	d->position = err.position;
	if (strstr(err.text, "duplicate")) {
		json_error_t err2;
		d->value = json_loadb((const char *)p, n, flags, &err2);
		d->dup = d->value != NULL;
	}
}

static void warn_duplicate(struct json_stream *js, const struct decoded *d, int64_t off,
			   bool held)
{
	if (held)
		js_warn(js, off, "duplicate-key",
			"element at byte %lld has a duplicated key (%s); the last value is used",
			(long long)off, d->text);
	else
		format_warn(js->fc, off, "duplicate-key",
			    "element at byte %lld has a duplicated key (%s); the last value is used",
			    (long long)off, d->text);
	degrade(js, CS_WARN);
}

static void warn_invalid(struct json_stream *js, const struct decoded *d, int64_t off, bool held)
{
	if (held)
		js_warn(js, off, "bad-element",
			"element at byte %lld is not valid JSON (%s at its byte %d) and was skipped",
			(long long)off, d->text, d->position);
	else
		format_warn(js->fc, off, "bad-element",
			    "element at byte %lld is not valid JSON (%s at its byte %d) and was skipped",
			    (long long)off, d->text, d->position);
	js->lost++;
	degrade(js, CS_WARN);
}

/* ---- the ring (decoding on a thread) --------------------------------- */

/* The work of one element on either thread of a ring: decoding, and the
 * hash of its span that the item will carry (shared out too). */
static void decode_slot(const unsigned char *p, size_t n, struct decoded *d)
{
	decode_bytes(p, n, d);
	unsigned int len = 0;
	if (d->value)
		d->hashed = EVP_Digest(p, n, d->sha256, &len, EVP_sha256(), NULL) == 1;
}

static struct slot *slot_at(struct ring *r, uint64_t i)
{
	return &r->slots[i % RING_SLOTS];
}

static void *decoder_main(void *arg)
{
	struct ring *r = arg;
	json_t *garbage[RING_SLOTS];
	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (r->dec < r->next && !slot_at(r, r->dec)->needs_decode)
			r->dec++;
		if (r->n_garbage) {
			size_t n = r->n_garbage;
			memcpy(garbage, r->garbage, n * sizeof *garbage);
			r->n_garbage = 0;
			pthread_mutex_unlock(&r->lock);
			for (size_t i = 0; i < n; i++)
				json_decref(garbage[i]);
			pthread_mutex_lock(&r->lock);
			continue;
		}
		if (r->stop)
			break;
		if (r->dec == r->next || r->dec - r->first >= DECODE_AHEAD) {
			if (r->caller_waits)    /* nothing more is coming soon */
				pthread_cond_signal(&r->done);
			r->decoder_waits = true;
			pthread_cond_wait(&r->work, &r->lock);
			r->decoder_waits = false;
			continue;
		}
		struct slot *s = slot_at(r, r->dec++);
		const unsigned char *p = s->bytes;
		size_t n = s->length;
		pthread_mutex_unlock(&r->lock);
		struct decoded d;
		decode_slot(p, n, &d);
		pthread_mutex_lock(&r->lock);
		s->res = d;
		s->done = true;
		if (r->caller_waits && r->dec > r->wake_at)
			pthread_cond_signal(&r->done);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

static void free_held(struct held_warning *w)
{
	while (w) {
		struct held_warning *next = w->next;
		free(w);
		w = next;
	}
}

/* Frees the ring once its thread is gone (or was never started). */
static void ring_destroy(struct ring *r)
{
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->work);
	pthread_cond_destroy(&r->done);
	free(r->slots);
	free(r->buf);
	free(r);
}

static void ring_start(struct json_stream *js)
{
	js->started = true;
	if (!js->ring_bytes)
		return;
	struct ring *r = xcalloc(1, sizeof *r);
	r->cap = js->ring_bytes;
	r->buf = xmalloc(r->cap);
	r->slots = xcalloc(RING_SLOTS, sizeof *r->slots);
	r->held_tail = &r->held;
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->work, NULL);
	pthread_cond_init(&r->done, NULL);
	if (pthread_create(&r->thread, NULL, decoder_main, r) != 0) {
		ring_destroy(r);        /* one thread: slower, never different */
		return;
	}
	js->ring = r;
}

/* Gives slot `first` back: its bytes, key and value; the value goes to
 * the decoder thread to be freed (give_back) or is freed here. */
static void slot_release(struct ring *r, bool give_back)
{
	struct slot *s = slot_at(r, r->first);
	json_t *value = s->res.value;
	bool decoded_here = s->decoded_here;
	free_held(s->warnings);
	key_unref(s->key);
	if (s->own_bytes) {
		free(s->bytes);
	} else {
		r->used -= s->charge;
		r->head = s->start + s->length;
		if (r->head == r->cap)
			r->head = 0;
	}
	memset(s, 0, sizeof *s);
	r->current = false;
	r->blocked = false;
	pthread_mutex_lock(&r->lock);
	r->first++;
	if (value && give_back && !decoded_here && r->n_garbage < RING_SLOTS) {
		r->garbage[r->n_garbage++] = value;
		value = NULL;
	}
	/* room to decode ahead again, or something to free */
	if (r->decoder_waits && (r->dec - r->first <= DECODE_AHEAD / 2 || r->n_garbage >= WAKE_BATCH))
		pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->lock);
	json_decref(value);
}

/* Where n bytes fit in the ring: 1 with *start and *charge, or 0.  An
 * element larger than the ring goes through alone, in bytes of its own,
 * once nothing else is in flight (*charge 0, *start SIZE_MAX). */
static int ring_place(struct ring *r, size_t n, size_t *start, size_t *charge)
{
	if (r->next - r->first >= RING_SLOTS)
		return 0;
	if (n > r->cap) {
		if (r->next != r->first)
			return 0;
		*start = SIZE_MAX;
		*charge = 0;
		return 1;
	}
	if (r->used == 0)
		r->head = r->tail = 0;
	if (r->used == 0 || r->tail > r->head) {
		if (r->cap - r->tail >= n) {
			*start = r->tail;
			*charge = n;
			return 1;
		}
		if (r->head >= n) {
			*start = 0;
			*charge = n + (r->cap - r->tail);
			return 1;
		}
		return 0;
	}
	if (r->tail < r->head && r->head - r->tail >= n) {
		*start = r->tail;
		*charge = n;
		return 1;
	}
	return 0;
}

/* Copies the element into the ring (room was checked) for the decoder
 * thread, or, with d, as decoded already. */
static void ring_push(struct json_stream *js, const struct json_element *el, struct decoded *d)
{
	struct ring *r = js->ring;
	size_t start, charge;
	int ok = ring_place(r, el->length, &start, &charge);
	(void)ok;
	struct slot *s = slot_at(r, r->next);
	memset(s, 0, sizeof *s);
	if (start == SIZE_MAX) {
		s->bytes = xmalloc(el->length);
		s->own_bytes = true;
	} else {
		s->bytes = r->buf + start;
		s->start = start;
		s->charge = charge;
		r->used += charge;
		r->tail = start + el->length;
	}
	memcpy(s->bytes, el->bytes, el->length);
	s->offset = el->offset;
	s->length = el->length;
	s->index = el->index;
	s->in_array = el->in_array;
	s->key = key_ref(js->key);
	s->warnings = r->held;
	r->held = NULL;
	r->held_tail = &r->held;
	if (d) {
		s->res = *d;
		s->done = true;
		s->decoded_here = true;
	} else {
		s->needs_decode = true;
	}
	pthread_mutex_lock(&r->lock);
	r->next++;
	if (!d && r->decoder_waits && r->next - r->dec >= WAKE_BATCH)
		pthread_cond_signal(&r->work);
	pthread_mutex_unlock(&r->lock);
}

static void ring_free(struct json_stream *js)
{
	struct ring *r = js->ring;
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	r->stop = true;
	pthread_cond_broadcast(&r->work);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	for (size_t i = 0; i < r->n_garbage; i++)
		json_decref(r->garbage[i]);
	r->n_garbage = 0;
	while (r->first != r->next)
		slot_release(r, false);
	free_held(r->held);
	ring_destroy(r);
	js->ring = NULL;
}

/* ---- elements --------------------------------------------------------- */

/*
 * Takes the element at pos.  1: *el is filled (with a decoder thread: its
 * bytes and span, to be queued; value NULL unless decoded here).  0: the
 * element was lost (warned), scanning goes on at the separator after it.
 * 2: lost, and pos is at the start of the next element (resynchronised).
 * 3: found, but the ring has no room yet (pos stays; the span is kept).
 * -1: nothing more can be read.
 */
static int take_element(struct json_stream *js, struct json_element *el, bool may_resync)
{
	js->mark = js->pos;
	note_indent(js);
	int64_t off = offset_at(js, js->pos);
	if (js->span_pending) {
		js->scan = js->span_end;
	} else {
		int r = scan_value(js);
		if (r < 0)
			return -1;
		if (r == 2) {
			js_warn(js, off, "element-too-large",
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
				js_warn(js, off, "bad-element",
					"element at byte %lld never closes (a string or bracket left open) "
					"and was skipped; reading resumed at byte %lld",
					(long long)off, (long long)offset_at(js, js->pos));
				return 2;
			}
			js_warn(js, off, "cut-short",
				"element at byte %lld is cut short by the end of the entry", (long long)off);
			js->pos = js->len;
			return -1;
		}
	}
	size_t n = js->scan - js->pos;
	if (n == 0) {
		/* A separator where an element should be: step over it. */
		structure_damage(js, "(expected an element)");
		js->pos = js->mark = js->pos + 1;
		return 0;
	}
	size_t at;
	/* Decoded here, not on the decoder thread, when a failed decode
	 * would move where scanning resumes: what comes next depends on it. */
	bool here = !js->ring || (may_resync && find_resync(js, js->pos + 1, js->scan, &at));
	if (js->ring) {
		size_t start, charge;
		if (!ring_place(js->ring, n, &start, &charge)) {
			js->span_pending = true;
			js->span_end = js->scan;
			return 3;
		}
		js->span_pending = false;
	}
	el->offset = off;
	el->length = n;
	el->bytes = js->win + js->pos;
	el->value = NULL;
	if (here) {
		struct decoded d;
		decode_bytes(js->win + js->pos, n, &d);
		if (d.dup)
			warn_duplicate(js, &d, off, true);
		if (!d.value) {
			warn_invalid(js, &d, off, true);
			size_t end = js->scan;
			if (may_resync && resync(js, js->pos + 1, end))
				return 2;
			js->pos = js->mark = end;
			return 0;
		}
		el->value = d.value;
	}
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
			js_warn(js, 0, "not-json",
				"entry does not start with a JSON array, object or assignment");
			degrade(js, CS_FAILED);
			return -1;
		}
		js->pos = (size_t)(eq - js->win) + 1;
		c = skip_ws(js);
		if (c != '[' && c != '{') {
			js_warn(js, offset_at(js, js->pos), "not-json",
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
			js_warn(js, off, "cut-short", "object key at byte %lld is cut short",
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
	key_unref(js->key);
	size_t kn = strlen(json_string_value(k)) + 1;
	js->key = xmalloc(sizeof *js->key + kn);
	js->key->refs = 1;
	memcpy(js->key->s, json_string_value(k), kn);
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
		js_warn(js, offset_at(js, js->pos), "cut-short", "the entry ends inside %s", inside);
	degrade(js, CS_WARN);
	js->state = ST_DONE;
}

/*
 * Runs the scanner to the next element.  1: *el is filled (with a decoder
 * thread: queued in the ring), 0: no more, 3: the next element waits for
 * room in the ring.
 */
static int step(struct json_stream *js, struct json_element *el)
{
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
				if (r == 3)
					return 3;
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
					js_warn(js, offset_at(js, js->pos), "cut-short",
						"the entry ends after the key '%s'", js->key->s);
					degrade(js, CS_WARN);
					js->state = ST_DONE;
				} else {
					js->state = ST_OBJ_VALUE;
				}
			} else {
				ends_early(js, c, "(expected an object key)", "an object");
			}
			break;
		case ST_OBJ_VALUE:
			r = take_element(js, el, false);
			if (r == 3)
				return 3;
			js->state = r < 0 ? ST_DONE : ST_OBJ_NEXT;
			if (r == 1) {
				el->in_array = false;
				el->index = 0;
				return 1;
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

/* With a decoder thread: keeps the ring full, then hands out its oldest
 * element once decoded, recording first what was held back before it. */
static int next_threaded(struct json_stream *js, struct json_element *el)
{
	struct ring *r = js->ring;
	if (r->current)
		slot_release(r, true);
	for (;;) {
		if (js->state != ST_DONE && !r->blocked) {
			struct json_element found;
			memset(&found, 0, sizeof found);
			int sr = step(js, &found);
			if (sr == 1)
				ring_push(js, &found, found.value ? &(struct decoded){
					.value = found.value} : NULL);
			else if (sr == 3)
				r->blocked = true;
			continue;
		}
		if (r->first == r->next) {
			if (js->state != ST_DONE) {
				r->blocked = false;     /* an empty ring takes anything */
				continue;
			}
			record_held(js, r->held);
			r->held = NULL;
			r->held_tail = &r->held;
			return 0;
		}
		struct slot *s = slot_at(r, r->first);
		pthread_mutex_lock(&r->lock);
		while (!s->done) {
			/* Rather than wait, decode what the decoder has not
			 * taken yet: the two threads share the work. */
			while (r->dec < r->next && !slot_at(r, r->dec)->needs_decode)
				r->dec++;
			if (r->dec < r->next) {
				struct slot *t = slot_at(r, r->dec++);
				pthread_mutex_unlock(&r->lock);
				struct decoded d;
				decode_slot(t->bytes, t->length, &d);
				pthread_mutex_lock(&r->lock);
				t->res = d;
				t->done = true;
				t->decoded_here = true;
				continue;
			}
			r->wake_at = r->first + WAKE_BATCH < r->next ? r->first + WAKE_BATCH
								      : r->next - 1;
			r->caller_waits = true;
			if (r->decoder_waits)
				pthread_cond_signal(&r->work);
			pthread_cond_wait(&r->done, &r->lock);
			r->caller_waits = false;
		}
		if (r->dec <= r->first)
			r->dec = r->first + 1;  /* decoded here: the decoder skips it */
		pthread_mutex_unlock(&r->lock);
		record_held(js, s->warnings);
		s->warnings = NULL;
		if (s->res.dup)
			warn_duplicate(js, &s->res, s->offset, false);
		if (!s->res.value) {
			warn_invalid(js, &s->res, s->offset, false);
			slot_release(r, true);
			continue;
		}
		el->value = s->res.value;
		el->key = s->key ? s->key->s : NULL;
		el->in_array = s->in_array;
		el->offset = s->offset;
		el->length = s->length;
		el->bytes = s->bytes;
		el->index = s->index;
		el->hashed = s->res.hashed;
		memcpy(el->sha256, s->res.sha256, sizeof el->sha256);
		r->current = true;
		return 1;
	}
}

int json_stream_next(struct json_stream *js, struct json_element *el)
{
	memset(el, 0, sizeof *el);
	if (!js->started)
		ring_start(js);
	if (js->ring)
		return next_threaded(js, el);
	json_decref(js->current);
	js->current = NULL;
	int r = step(js, el);
	if (r == 1) {
		el->key = js->key ? js->key->s : NULL;
		js->current = el->value;
	}
	return r;
}

void json_element_span(const struct json_element *el, struct item *it)
{
	if (el->hashed)
		item_set_span_hashed(it, el->offset, el->bytes, el->length, el->sha256);
	else
		item_set_span(it, el->offset, el->bytes, el->length);
}

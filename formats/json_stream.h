#ifndef CS_JSON_STREAM_H
#define CS_JSON_STREAM_H
/*
 * The elements of a large JSON document, one at a time, with their byte
 * spans: the boundary scanner every JSON format shares.
 *
 * It is not a JSON parser.  It tracks only strings, escapes and nesting
 * depth over a bounded sliding window of the entry's bytes, finds where each
 * element begins and ends, and hands exactly those bytes to jansson
 * (JSON_REJECT_DUPLICATES, JSON_ALLOW_NUL, JSON_DECODE_ANY).  The window
 * never holds more than one element plus one read chunk, so memory does not
 * grow with the document.
 *
 * What it yields, after skipping a UTF-8 BOM and an assignment prefix
 * ("window.YTD.tweets.part0 = ", "Grailbird.data.tweets_2015_01 =",
 * "var x ="):
 *   - top-level array: each element, key NULL;
 *   - top-level object: for each member, if its value is an array, each
 *     element of it with the member's key; otherwise the whole value, with
 *     the key and in_array false.  So {"comments_v2": [...]} yields the
 *     comments, and {"profile_v2": {...}} yields the profile once.
 *
 * Damage never loses more than it must: an element jansson rejects, one cut
 * short by the end of the entry, or stray bytes between elements is a
 * warning on the format context with its byte offset ("bad-element",
 * "cut-short", "bad-separator", "element-too-large", "duplicate-key"), and
 * scanning resumes at the next line indented like the damaged element (the
 * exports are pretty-printed), so the elements after it are still found.
 * A duplicated key keeps the element (the last value wins) with a warning.
 *
 * Threads: when format_jobs(fc) is above 1, the elements are decoded on a
 * thread of the stream's own as well.  The calling thread still reads the
 * entry (so the source layer's hashing and limits stay on it), finds the
 * boundaries and copies each whole element into a bounded ring (1 MiB and
 * 4096 elements; an element larger than the ring goes through alone, in
 * bytes of its own, once the ring is empty).  The decoder thread runs
 * jansson on them (and SHA-256 over their bytes, for the items' spans) in
 * order, at most 256 elements ahead of the caller, and
 * frees each tree once the caller is done with it; when the next element
 * is not decoded yet the calling thread decodes the next unclaimed one
 * itself rather than wait.  What the caller sees is exactly what one
 * thread gives: the same elements in the same order with the same spans,
 * the same warnings at the same points of the sequence (the scanner's own
 * are held back until the elements found before them have been handed
 * out), and the same status and count of lost elements at the end.  An
 * element whose damage could move where scanning resumes (a line inside it
 * looks like the start of the next one) is decoded on the calling thread
 * before scanning goes on, as with one thread.  Freeing the stream stops
 * the thread and frees whatever it decoded ahead (a caller stopping early).
 */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/format.h"

struct json_stream;

struct json_element {
	json_t *value;              /* borrowed until the next call (json_incref()
	                               it to keep it) */
	const char *key;            /* member key (UTF-8), NULL in a top-level array;
	                               borrowed until the next call */
	bool in_array;              /* an element of the member's array */
	int64_t offset;             /* first byte of the element in the entry */
	size_t length;              /* its bytes, up to and including its last byte */
	const unsigned char *bytes; /* those bytes, borrowed until the next call */
	uint64_t index;             /* ordinal of the element within its array */
	bool hashed;                /* sha256 is the SHA-256 of bytes (decoded on
	                               a thread, which hashed them too) */
	unsigned char sha256[32];
};

/* item_set_span() for the element's bytes, with the hash already made
 * where there is one. */
void json_element_span(const struct json_element *el, struct item *it);

/* Reads from `in`; warnings go to `fc`.  cap: the largest element held (0:
 * format_element_cap(fc)). */
struct json_stream *json_stream_new(struct format_ctx *fc, struct entry_stream *in, size_t cap);
/* Stops the decoder thread, if any, and frees what it had not handed out. */
void json_stream_free(struct json_stream *js);

/* For tests: the ring's size in bytes (0: decode on the calling thread
 * whatever format_jobs() says; otherwise decode on a thread).  Only
 * before the first json_stream_next(). */
void json_stream_set_ring(struct json_stream *js, size_t bytes);

/*
 * 1: *el holds the next element.  0: no more elements (the document ended,
 * or the entry is not JSON, or it could not be read further: the warning
 * is recorded and json_stream_status() says which).
 */
int json_stream_next(struct json_stream *js, struct json_element *el);

/* CS_OK, CS_WARN (some elements lost or doubtful) or CS_FAILED (the entry
 * could not be read to its end, or is not JSON at all). */
int json_stream_status(const struct json_stream *js);
/* Elements that could not be decoded and were skipped. */
uint64_t json_stream_lost(const struct json_stream *js);

#endif

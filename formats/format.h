#ifndef CS_FORMAT_H
#define CS_FORMAT_H
/*
 * The item model and the interface every export layout implements.
 *
 * A layout is one file in formats/ exporting one `const struct format_ops`,
 * listed once in formats/registry.c.  For each entry of an input the
 * registry asks every format for a bid (0-100) from the entry's path and
 * first bytes; the highest bid parses the entry, pulling its bytes from an
 * entry_stream and emitting items with format_emit().  A tie is reported as
 * a warning, never silently resolved.
 *
 * Items are plain records.  Everything downstream orders them by their
 * position (source_index, entry_index, ordinal), never by arrival, so the
 * number of threads can never change the output.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/buf.h"
#include "scanner/stream.h"

/* ---- items ---------------------------------------------------------- */

enum item_kind {
	ITEM_POST,          /* the subject's own post or tweet */
	ITEM_SHARE,         /* a retweet / share of someone else's content */
	ITEM_COMMENT,       /* a comment on a post, the subject's own */
	ITEM_LIKE,          /* a like or reaction; text: the liked content if known */
	ITEM_TAG,           /* a person tagged by the subject; counterpart: who */
	ITEM_CONNECTION,    /* friend, follower, following; counterpart: who */
	ITEM_MESSAGE,       /* a direct / private message, either direction */
	ITEM_PROFILE,       /* one profile or account field; field: which */
	ITEM_GROUP,         /* a group membership or group post; text: group name */
	ITEM_KIND_COUNT
};

/* "post", "share", ... (static storage). */
const char *item_kind_name(enum item_kind k);
/* The kind named s, or -1. */
int item_kind_parse(const char *s);

enum time_source {
	ITEM_TIME_NONE,          /* the export gives no time: created_at is null */
	ITEM_TIME_UTC,           /* an absolute time (Unix seconds, RFC 3339, +0000) */
	ITEM_TIME_LOCAL_TEXT,    /* a wall-clock text read in the run's zone; time_text keeps it */
};

struct item_attachment {
	char *ref;          /* what the export names: a uri or file name, as written; owned */
	char *entry;        /* the entry it was matched to, set after reading; NULL: none found */
	unsigned char sha256[32];   /* of that entry, when entry is set */
};

/*
 * One thing the subject posted, shared, liked, said or has on the profile.
 *
 * Strings are owned UTF-8 (the format repairs or escapes what is not), NULL
 * where the export has nothing.  Which fields mean what per kind:
 *   post/share/comment/message: author wrote text; message: counterpart is
 *     the other party (recipient, or sender when the subject received it).
 *   like: text is the liked content where the export has it (Twitter's
 *     fullText), url its link, reaction the reaction type ("LIKE", "ANGRY").
 *   tag: counterpart is the person tagged, text the post they were tagged in.
 *   connection: counterpart is the other account (name or @handle),
 *     relation "friend", "follower", "following", "blocked", ...
 *   profile: field names it ("bio", "website", "location", "email", "name",
 *     "work", "handle", ...), text its value.
 *   group: text the group's name; relation "member", "admin".
 */
struct item {
	/* Position: the sort key of everything written.  Set by format_emit. */
	unsigned source_index;      /* which INPUT */
	unsigned entry_index;       /* the entry's index among all entries of the run */
	uint64_t ordinal;           /* n-th item of the entry, from 0 */

	enum item_kind kind;
	const char *platform;       /* static: "twitter", "facebook" */
	char *id;                   /* platform id; NULL: the pipeline derives a stable one */

	int64_t created_at;         /* UTC seconds; meaningful when time_source != ITEM_TIME_NONE */
	enum time_source time_source;
	char *time_text;            /* the original text of a ITEM_TIME_LOCAL_TEXT date */

	char *author;               /* display name or @handle of who wrote it */
	char *text;                 /* verbatim, entities decoded, mojibake repaired */
	char *url;
	char *in_reply_to;          /* id of the post or message replied to */
	char *in_reply_to_user;     /* @handle or name replied to */
	char *context;              /* parent post's / surrounding messages' text */
	char *counterpart;          /* the other person: see above */
	char *relation;             /* connection or group relation, see above */
	char *field;                /* profile field name */
	char *group;                /* group the post or comment was made in */
	bool deleted;
	bool has_deleted_at;
	int64_t deleted_at;
	char *reaction;
	struct strlist tagged;      /* people tagged in it */
	struct strlist mentions;    /* @handles mentioned (policy input) */
	struct strlist hashtags;    /* #tags, with '#' (policy input) */
	struct strlist urls;        /* expanded URLs (policy input) */
	struct item_attachment *attachments;
	size_t n_attachments;

	/* Provenance.  offset/length locate the item's original bytes in the
	 * uncompressed entry; sha256 hashes exactly those bytes.  offset -1:
	 * no byte position could be had (then sha256 hashes the serialised
	 * element and a warning says so).  Set with item_set_span(). */
	char *source;               /* INPUT path as given; set by format_emit */
	char *entry;                /* entry path as recorded; set by format_emit */
	int64_t offset;
	int64_t length;
	unsigned char sha256[32];
	/* The original bytes, borrowed from the format until format_emit
	 * returns; the sink copies them if it keeps them (the exhibit). */
	const unsigned char *raw;
	size_t raw_len;
};

/* Zeroes *it and sets offset/length to -1. */
void item_init(struct item *it);
/* Frees every owned field and re-inits. */
void item_release(struct item *it);
/* A deep copy (raw is copied too, and owned by the copy: item_release
 * frees it).  */
void item_copy(struct item *dst, const struct item *src);
/* Records the item's original bytes: offset, length, sha256 and raw. */
void item_set_span(struct item *it, int64_t offset, const void *bytes, size_t len);
/* The same when sha256 was already computed over exactly those bytes (on
 * the JSON decoder thread: json_element_span()). */
void item_set_span_hashed(struct item *it, int64_t offset, const void *bytes, size_t len,
			  const unsigned char sha256[32]);
/* Adds an attachment named by the export (copied). */
void item_add_attachment(struct item *it, const char *ref);
/* Replaces *field with a copy of value (NULL clears). */
void item_set(char **field, const char *value);

/* ---- the account ---------------------------------------------------- */

struct account_work {
	char *employer;
	char *title;
	char *description;
	char *start, *end;          /* as the export writes them */
};

/* What the export says about its holder: findings.json's `account`. */
struct account {
	const char *platform;
	char *handle;               /* "@name" for Twitter, profile name or URL slug for Facebook */
	char *display_name;
	char *bio;
	char *location;
	struct strlist emails;
	struct strlist phones;
	struct strlist websites;
	struct account_work *work;
	size_t n_work;
	int64_t created_at;         /* 0: unknown */
};

void account_add_work(struct account *a, const char *employer, const char *title,
		      const char *description, const char *start, const char *end);
void account_release(struct account *a);

/* ---- formats -------------------------------------------------------- */

struct format_ctx;

/*
 * Layout anchors: an fnmatch(3) pattern (without FNM_PATHNAME, so '*'
 * spans folders) over paths relative to the export root (a single top
 * folder shared by every entry, and any "outer.zip!" prefix, removed).  The
 * first anchor of a format that any entry matches names the source's
 * layout, unless the parser sets a more exact one with format_set_layout()
 * (twitter-2019 versus twitter-2020 shows only in the content).
 */
struct layout_anchor {
	const char *path;
	const char *layout;         /* one of the SPEC's layout names */
};

struct format_ops {
	const char *name;           /* "twitter", "facebook-json", "facebook-html" */
	const char *platform;       /* "twitter", "facebook" */
	const struct layout_anchor *anchors;    /* terminated by {NULL, NULL} */

	/* 0 (not mine) to 100 (certainly mine), from the entry's path as
	 * recorded and up to the first 4096 bytes (fewer if the entry is
	 * shorter).  Must be cheap and must not keep pointers. */
	int (*bid)(const char *path, const unsigned char *head, size_t head_len);

	/* Parses one entry, emitting items with format_emit() and recording
	 * damage with format_warn().  Returns CS_OK, CS_WARN, CS_FAILED (the
	 * rest of this entry is lost, a warning says so) or CS_FATAL (the
	 * status returned by format_emit, or a limit). */
	int (*parse)(struct format_ctx *fc, struct entry_stream *in);

	/* Frees what the format kept in *format_state() across entries;
	 * NULL if it keeps nothing. */
	void (*state_free)(void *state);
};

/* The entry being parsed: path as recorded (UTF-8, non-UTF-8 bytes as
 * \xNN, nested archives as "outer.zip!inner/path"); borrowed for the call. */
const char *format_entry_path(const struct format_ctx *fc);
/* The INPUT it came from, as given. */
const char *format_source_path(const struct format_ctx *fc);

/*
 * Hands an item over.  Sets its position, platform (if unset), source and
 * entry, takes ownership of its owned fields and re-inits *it, so the
 * caller's struct can be reused at once.  Returns CS_OK, or CS_FATAL when
 * the run must stop (the parser then returns CS_FATAL at once).
 */
int format_emit(struct format_ctx *fc, struct item *it);

/* Records a warning at a byte offset of this entry (-1: none).  `code` is
 * a short stable word: "bad-element", "bad-time", "cut-short", ... */
void format_warn(struct format_ctx *fc, int64_t offset, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The account of this source, to fill in as the export describes it. */
struct account *format_account(struct format_ctx *fc);
/* A more exact layout name than the anchors give (static string). */
void format_set_layout(struct format_ctx *fc, const char *layout);
/* The format's own state across the entries of one run; starts NULL. */
void **format_state(struct format_ctx *fc);
/* Maximum bytes of one JSON element or HTML page held at once. */
size_t format_element_cap(const struct format_ctx *fc);
/* The run's -j: above 1, a format may decode on a thread of its own beside
 * the one reading the entry (json_stream does); 0 and 1: one thread. */
unsigned format_jobs(const struct format_ctx *fc);

/*
 * The context, made by the pipeline (and by tests) once per format per run:
 * items go to `emit(arg, item)`, which is given a heap item it then owns
 * and returns CS_OK or CS_FATAL.  Warnings go to `w` and the account to
 * `a`; either may be NULL, and the context then keeps its own.
 */
struct warnings;
struct format_ctx *format_ctx_new(int (*emit)(void *arg, struct item *it), void *arg,
				  struct warnings *w, struct account *a, size_t element_cap);
/* Frees the context, and its format state through ops->state_free. */
void format_ctx_free(struct format_ctx *fc, const struct format_ops *ops);
/* The platform format_emit gives items that have none (the format's). */
void format_ctx_set_platform(struct format_ctx *fc, const char *platform);
/* The run's -j, for format_jobs(); a new context has 1. */
void format_ctx_set_jobs(struct format_ctx *fc, unsigned jobs);
void format_ctx_set_source(struct format_ctx *fc, unsigned source_index, const char *source);
void format_ctx_set_entry(struct format_ctx *fc, unsigned entry_index, const char *entry);
/* The layout set by the parser since the last set_source, or NULL. */
const char *format_ctx_layout(const struct format_ctx *fc);
const struct warnings *format_ctx_warnings(const struct format_ctx *fc);
struct account *format_ctx_account(struct format_ctx *fc);

/* ---- path helpers every bid uses ------------------------------------ */

/* 1 if path ends with suffix at a '/' or '!' boundary (or equals it). */
bool path_has_suffix(const char *path, const char *suffix);
/* 1 if some component sequence of path is "dir/": "a/data/js/tweets/x" has "data/js/tweets/". */
bool path_has_dir(const char *path, const char *dir);
/* The last component. */
const char *path_basename(const char *path);

#endif

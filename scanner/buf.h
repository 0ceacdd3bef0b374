#ifndef CS_BUF_H
#define CS_BUF_H
/*
 * Growable byte buffer with a cap (curl's dynbuf), and a list of strings.
 *
 * Every size that comes from the input is bounded: buf_add() refuses to
 * grow past `max` and returns -1, leaving the buffer as it was; the caller
 * records that as an error.  The contents are always NUL-terminated.
 */
#include <stddef.h>

struct buf {
	char *p;        /* NULL until the first add; owned */
	size_t len;
	size_t cap;
	size_t max;     /* 0: no cap */
};

#define BUF_INIT(max_) { NULL, 0, 0, (max_) }

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);                 /* len = 0, keeps memory */
int buf_add(struct buf *b, const void *p, size_t n);   /* 0, or -1 over max */
int buf_adds(struct buf *b, const char *s);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the contents over (never NULL) and resets the buffer. */
char *buf_detach(struct buf *b, size_t *len);
/* A borrowed NUL-terminated view, valid until the next change. */
const char *buf_str(const struct buf *b);

struct strlist {
	char **v;       /* owned strings */
	size_t n;
	size_t cap;
};

#define STRLIST_INIT { NULL, 0, 0 }

void strlist_push(struct strlist *l, const char *s);       /* copies s */
void strlist_push_nodup(struct strlist *l, char *s);       /* steals s */
/* Pushes s unless an equal string is already there; returns 1 if added. */
int strlist_push_unique(struct strlist *l, const char *s);
int strlist_has(const struct strlist *l, const char *s);
void strlist_sort(struct strlist *l);                       /* bytewise */
void strlist_release(struct strlist *l);

#endif

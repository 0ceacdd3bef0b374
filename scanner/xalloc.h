#ifndef CS_XALLOC_H
#define CS_XALLOC_H
/*
 * Allocation that never returns NULL.  On failure the handler that main.c
 * installed runs (it removes the temporary bundle and exits); without one,
 * the process aborts.  Every allocation in the project goes through these,
 * and jansson is pointed at them too (xalloc_init), so a single place sees
 * every allocation: the hook the allocation-failure tests use.
 */
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of *cap elements of size `size` to hold at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
/* Copies n bytes and adds a NUL; s need not be NUL-terminated. */
char *xmemdupz(const void *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The handler must not return. */
void xalloc_set_oom_handler(void (*handler)(size_t size));
/* Routes jansson's allocations through xmalloc. Call once at start. */
void xalloc_init(void);
/* Test hook: the n-th allocation from now fails (0: never). */
void xalloc_fail_after(unsigned long n);

#endif

#ifndef CS_WORKERS_H
#define CS_WORKERS_H
/*
 * A bounded queue of items judged by a pool of threads.
 *
 * The reading thread hands each item over with workers_push(); n threads
 * call fn(arg, item) on them, in whatever order.  Nothing that is written
 * may depend on that order: whatever fn keeps is sorted by item position
 * afterwards (exhibit order), so -j changes the speed and nothing else.
 * With n == 0 workers_push() calls fn at once on the caller's thread.
 *
 * fn returns CS_OK or CS_FATAL; after a CS_FATAL the remaining items are
 * freed unjudged and workers_finish() returns CS_FATAL.
 */
#include <stddef.h>

#include "formats/format.h"

struct workers;

struct workers *workers_new(unsigned n, size_t queue_len,
			    int (*fn)(void *arg, struct item *it), void *arg);
/* Hands `it` over (the queue owns it).  Blocks while the queue is full.
 * CS_OK, or CS_FATAL once a worker has failed. */
int workers_push(struct workers *w, struct item *it);
/* Waits for every item to be judged and joins the threads. */
int workers_finish(struct workers *w);
void workers_free(struct workers *w);

/* The number of CPUs online, at least 1. */
unsigned workers_cpus(void);

#endif

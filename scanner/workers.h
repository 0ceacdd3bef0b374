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
 * The queue is bounded twice: at most queue_len items, and at most
 * max_bytes of items in flight (queued or being judged; an item weighs
 * its text and raw bytes, workers_item_bytes).  The bytes matter when
 * items are large: 1024 items of 8 MiB would be 8 GiB.  An item heavier
 * than max_bytes on its own goes through once nothing else is in flight,
 * so nothing ever waits for ever.
 *
 * fn returns CS_OK or CS_FATAL; after a CS_FATAL the remaining items are
 * freed unjudged and workers_finish() returns CS_FATAL.
 */
#include <stddef.h>

#include "formats/format.h"

struct workers;

struct workers *workers_new(unsigned n, size_t queue_len, size_t max_bytes,
			    int (*fn)(void *arg, struct item *it), void *arg);
/* What an item weighs in the queue: its struct, text and raw bytes. */
size_t workers_item_bytes(const struct item *it);
/* Hands `it` over (the queue owns it, and its raw bytes, which it frees
 * if the item is dropped after a failure).  Blocks while the queue is full.
 * CS_OK, or CS_FATAL once a worker has failed. */
int workers_push(struct workers *w, struct item *it);
/* Waits for every item to be judged and joins the threads. */
int workers_finish(struct workers *w);
void workers_free(struct workers *w);

/* The number of CPUs online, at least 1. */
unsigned workers_cpus(void);

#endif

#include "scanner/workers.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scanner/error.h"
#include "scanner/xalloc.h"

/* Items queued before a sleeping worker is woken (workers_push). */
#define WAKE_BATCH 32

struct workers {
	int (*fn)(void *arg, struct item *it);
	void *arg;
	unsigned n;
	pthread_t *threads;
	pthread_mutex_t lock;
	pthread_cond_t not_empty, not_full;
	struct item **ring;
	size_t cap, head, count;
	size_t bytes, max_bytes;    /* in flight: queued or being judged */
	bool closing;
	bool failed;
};

static void drop(struct item *it)
{
	free((void *)it->raw);      /* owned by a queued item (exhibit_own_raw) */
	item_release(it);
	free(it);
}

static void *worker_main(void *p)
{
	struct workers *w = p;
	for (;;) {
		pthread_mutex_lock(&w->lock);
		while (w->count == 0 && !w->closing)
			pthread_cond_wait(&w->not_empty, &w->lock);
		if (w->count == 0 && w->closing) {
			pthread_mutex_unlock(&w->lock);
			return NULL;
		}
		struct item *it = w->ring[w->head];
		w->head = (w->head + 1) % w->cap;
		w->count--;
		bool failed = w->failed;
		pthread_cond_signal(&w->not_full);
		pthread_mutex_unlock(&w->lock);
		/* weighed before fn, which frees or keeps it */
		size_t bytes = workers_item_bytes(it);
		int rc = CS_OK;
		if (failed)
			drop(it);
		else
			rc = w->fn(w->arg, it);
		pthread_mutex_lock(&w->lock);
		if (rc == CS_FATAL)
			w->failed = true;
		w->bytes -= bytes;
		pthread_cond_signal(&w->not_full);
		pthread_mutex_unlock(&w->lock);
	}
}

size_t workers_item_bytes(const struct item *it)
{
	return sizeof *it + it->raw_len + (it->text ? strlen(it->text) : 0);
}

struct workers *workers_new(unsigned n, size_t queue_len, size_t max_bytes,
			    int (*fn)(void *arg, struct item *it), void *arg)
{
	struct workers *w = xcalloc(1, sizeof *w);
	w->fn = fn;
	w->arg = arg;
	w->cap = queue_len ? queue_len : 1024;
	w->max_bytes = max_bytes ? max_bytes : SIZE_MAX;
	w->ring = xcalloc(w->cap, sizeof *w->ring);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->not_empty, NULL);
	pthread_cond_init(&w->not_full, NULL);
	w->threads = xcalloc(n ? n : 1, sizeof *w->threads);
	for (unsigned i = 0; i < n; i++) {
		if (pthread_create(&w->threads[i], NULL, worker_main, w) != 0)
			break;      /* fewer threads: slower, never different */
		w->n++;
	}
	return w;
}

int workers_push(struct workers *w, struct item *it)
{
	if (w->n == 0) {
		if (w->failed) {
			drop(it);
			return CS_FATAL;
		}
		int rc = w->fn(w->arg, it);
		if (rc == CS_FATAL)
			w->failed = true;
		return rc;
	}
	size_t bytes = workers_item_bytes(it);
	pthread_mutex_lock(&w->lock);
	while ((w->count == w->cap || (w->bytes && (w->bytes >= w->max_bytes || bytes > w->max_bytes - w->bytes))) &&
	       !w->failed) {
		/* items may be waiting for a batch to fill: wake them all */
		pthread_cond_broadcast(&w->not_empty);
		pthread_cond_wait(&w->not_full, &w->lock);
	}
	if (w->failed) {
		pthread_mutex_unlock(&w->lock);
		drop(it);
		return CS_FATAL;
	}
	w->ring[(w->head + w->count) % w->cap] = it;
	w->count++;
	w->bytes += bytes;
	/* A sleeping worker is woken once a batch is waiting, not for every
	 * item: one wake-up per item cost a futex call each way, a second of
	 * system time on 250,000 items.  Fewer items wait only until the
	 * batch fills, the queue fills (above) or the run ends (finish). */
	if (w->count >= WAKE_BATCH || w->count == w->cap)
		pthread_cond_signal(&w->not_empty);
	pthread_mutex_unlock(&w->lock);
	return CS_OK;
}

int workers_finish(struct workers *w)
{
	if (w->n) {
		pthread_mutex_lock(&w->lock);
		w->closing = true;
		pthread_cond_broadcast(&w->not_empty);
		pthread_mutex_unlock(&w->lock);
		for (unsigned i = 0; i < w->n; i++)
			pthread_join(w->threads[i], NULL);
		w->n = 0;
	}
	return w->failed ? CS_FATAL : CS_OK;
}

void workers_free(struct workers *w)
{
	if (!w)
		return;
	workers_finish(w);
	/* items still queued after a failure */
	while (w->count) {
		drop(w->ring[w->head]);
		w->head = (w->head + 1) % w->cap;
		w->count--;
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->not_empty);
	pthread_cond_destroy(&w->not_full);
	free(w->ring);
	free(w->threads);
	free(w);
}

unsigned workers_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

#ifndef CS_STREAM_H
#define CS_STREAM_H
/*
 * The bytes of one entry, pulled by a format.
 *
 * The source layer hands a format an entry_stream; every byte the format
 * pulls has already been hashed on its way through, and whatever the format
 * leaves unread is read and hashed by the source layer after it returns, so
 * a format never has to care about the evidence hash.
 *
 * entry_stream_from_memory() makes one over a buffer, for tests and for
 * formats that parse an embedded document.
 */
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct entry_stream;

/*
 * Copies up to n bytes into buf.  Returns the number copied (> 0), 0 at the
 * end of the entry, or -1 if the entry cannot be read further (a corrupt or
 * truncated archive): entry_stream_error() then says why.  Short reads are
 * normal.
 */
ssize_t entry_stream_read(struct entry_stream *s, void *buf, size_t n);
/* Borrowed message of the last -1, until the stream is freed. */
const char *entry_stream_error(const struct entry_stream *s);
/* Bytes handed out so far: the offset of the next byte. */
uint64_t entry_stream_tell(const struct entry_stream *s);
/* The entry's declared size, or -1 when the archive does not say. */
int64_t entry_stream_size(const struct entry_stream *s);

/* A stream over a caller's buffer, which must outlive it. */
struct entry_stream *entry_stream_from_memory(const void *p, size_t n);
void entry_stream_free(struct entry_stream *s);

/*
 * The backend interface, for the source layer: read() as above.  A stream
 * made with entry_stream_new() is freed with entry_stream_free(), which does
 * not free `impl`.
 */
struct entry_stream_backend {
	ssize_t (*read)(void *impl, void *buf, size_t n, const char **errmsg);
};
struct entry_stream *entry_stream_new(const struct entry_stream_backend *b, void *impl,
				      int64_t declared_size);

#endif

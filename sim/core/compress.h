/* zstd, the way rpsim uses it: one frame per buffer, with zstd's content
 * checksum so a corrupt frame is refused, and a decompressed size the
 * reader states and checks (checkpoints, trace snapshots, instruction
 * trace blocks). */
#ifndef RPSIM_COMPRESS_H
#define RPSIM_COMPRESS_H

#include <stddef.h>
#include <stdint.h>

/* Levels: fast for what is written while a run goes on, small for what is
 * written once. */
#define COMPRESS_FAST 1
#define COMPRESS_SMALL 9
/* zstd's first "fast" level: for a trace's event blocks, where writing
 * them raw would cost more than compressing them (a run's records repeat:
 * the 100k-message echo's 48 MB compress 260 times at 6 GB/s) */
#define COMPRESS_FASTEST (-1)

/* Compresses n bytes into a malloc'd frame (*out, *outlen).  0, or -1 out
 * of memory. */
int compress_buf(int level, const void *src, size_t n, uint8_t **out, size_t *outlen);
/* Decompresses a frame of n bytes that must hold exactly want bytes into
 * dst.  0, or -1 with what is wrong in err (not a zstd frame, checksum,
 * another size). */
int decompress_buf(const void *src, size_t n, void *dst, size_t want, char *err, size_t errlen);

/* The same into a malloc'd buffer that grows with what the frame really
 * holds, so a frame that claims a huge size cannot make the reader
 * allocate it up front (hostile files). */
int decompress_alloc(const void *src, size_t n, size_t want, uint8_t **out, char *err,
		     size_t errlen);

/* A reusable compression context for many small frames (trace blocks). */
struct compress_ctx;
struct compress_ctx *compress_ctx_create(int level);
void compress_ctx_free(struct compress_ctx *c);
/* Compresses into dst (cap bytes, compress_bound(n) is enough); the
 * frame's size, or 0 when it does not fit or fails. */
size_t compress_into(struct compress_ctx *c, const void *src, size_t n, void *dst, size_t cap);
size_t compress_bound(size_t n);

#endif

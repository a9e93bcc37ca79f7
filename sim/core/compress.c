/* zstd frames with content checksums (compress.h). */
#include "sim/core/compress.h"

#include <stdio.h>
#include <stdlib.h>
#include <zstd.h>

struct compress_ctx {
	ZSTD_CCtx *cctx;
};

struct compress_ctx *compress_ctx_create(int level)
{
	struct compress_ctx *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->cctx = ZSTD_createCCtx();
	if (!c->cctx || ZSTD_isError(ZSTD_CCtx_setParameter(c->cctx, ZSTD_c_compressionLevel, level)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(c->cctx, ZSTD_c_checksumFlag, 1))) {
		compress_ctx_free(c);
		return NULL;
	}
	return c;
}

void compress_ctx_free(struct compress_ctx *c)
{
	if (!c)
		return;
	ZSTD_freeCCtx(c->cctx);
	free(c);
}

size_t compress_bound(size_t n)
{
	return ZSTD_compressBound(n);
}

size_t compress_into(struct compress_ctx *c, const void *src, size_t n, void *dst, size_t cap)
{
	size_t r = ZSTD_compress2(c->cctx, dst, cap, src, n);
	return ZSTD_isError(r) ? 0 : r;
}

int compress_buf(int level, const void *src, size_t n, uint8_t **out, size_t *outlen)
{
	struct compress_ctx *c = compress_ctx_create(level);
	size_t cap = ZSTD_compressBound(n);
	uint8_t *buf = c ? malloc(cap) : NULL;
	size_t got = buf ? compress_into(c, src, n, buf, cap) : 0;
	compress_ctx_free(c);
	if (!got) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = got;
	return 0;
}

int decompress_buf(const void *src, size_t n, void *dst, size_t want, char *err, size_t errlen)
{
	unsigned long long size = ZSTD_getFrameContentSize(src, n);
	if (size == ZSTD_CONTENTSIZE_ERROR) {
		snprintf(err, errlen, "not a zstd frame");
		return -1;
	}
	if (size != ZSTD_CONTENTSIZE_UNKNOWN && size != want) {
		snprintf(err, errlen, "the compressed data holds %llu bytes, %zu expected", size, want);
		return -1;
	}
	size_t r = ZSTD_decompress(dst, want, src, n);
	if (ZSTD_isError(r)) {
		snprintf(err, errlen, "corrupt compressed data (%s)", ZSTD_getErrorName(r));
		return -1;
	}
	if (r != want) {
		snprintf(err, errlen, "the compressed data holds %zu bytes, %zu expected", r, want);
		return -1;
	}
	return 0;
}

int decompress_alloc(const void *src, size_t n, size_t want, uint8_t **out, char *err,
		     size_t errlen)
{
	*out = NULL;
	unsigned long long size = ZSTD_getFrameContentSize(src, n);
	if (size == ZSTD_CONTENTSIZE_ERROR) {
		snprintf(err, errlen, "not a zstd frame");
		return -1;
	}
	if (size != ZSTD_CONTENTSIZE_UNKNOWN && size != want) {
		snprintf(err, errlen, "the compressed data holds %llu bytes, %zu expected", size, want);
		return -1;
	}
	ZSTD_DCtx *d = ZSTD_createDCtx();
	size_t cap = want < ((size_t)1 << 20) ? want : ((size_t)1 << 20);
	uint8_t *buf = d ? malloc(cap ? cap : 1) : NULL;
	if (!buf) {
		ZSTD_freeDCtx(d);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	ZSTD_inBuffer in = { src, n, 0 };
	ZSTD_outBuffer o = { buf, cap, 0 };
	size_t r = 1;
	while (r != 0) {
		if (o.pos == o.size) {
			if (o.size == want) {
				snprintf(err, errlen, "the compressed data holds more than %zu bytes", want);
				goto fail;
			}
			size_t ncap = o.size * 2 < want ? o.size * 2 : want;
			uint8_t *nb = realloc(buf, ncap);
			if (!nb) {
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			buf = nb;
			o.dst = buf;
			o.size = ncap;
		}
		size_t before_in = in.pos, before_out = o.pos;
		r = ZSTD_decompressStream(d, &o, &in);
		if (ZSTD_isError(r)) {
			snprintf(err, errlen, "corrupt compressed data (%s)", ZSTD_getErrorName(r));
			goto fail;
		}
		if (r != 0 && in.pos == in.size && before_in == in.pos && before_out == o.pos &&
		    o.pos < o.size) {
			snprintf(err, errlen, "the compressed data is cut short");
			goto fail;
		}
	}
	if (o.pos != want || in.pos != in.size) {
		snprintf(err, errlen, "the compressed data holds %zu bytes (%zu expected)%s", o.pos, want,
			 in.pos != in.size ? " and more after it" : "");
		goto fail;
	}
	ZSTD_freeDCtx(d);
	*out = buf;
	return 0;
fail:
	ZSTD_freeDCtx(d);
	free(buf);
	return -1;
}

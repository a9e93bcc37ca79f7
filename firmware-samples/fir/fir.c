/* fir: DSP offload sample.  Announces "rpmsg-raw" at 0x400 (so
 * /dev/rpmsg0 appears on the host) and filters every message:
 *
 *   in:  n little-endian int16 samples x[0..n-1] (2n bytes, n <= 248)
 *   out: n little-endian int16 samples
 *        y[i] = sat16((sum_k h[k] * x[i-k] + 16384) >> 15)
 *        with x[j] = 0 for j < 0 (every block starts from silence) and
 *        the Q15 taps h of fir_taps.h; >> is an arithmetic shift.
 *
 * A message of odd length loses its last byte (logged).  fir_ref.py
 * computes the expected output for the scenario's inputs. */
#include "fw.h"

#include "fir_taps.h"

FW_RSC_TABLE_STD(resource_table);

#define FIR_ADDR 0x400
#define FIR_MAX_SAMPLES (FW_RPMSG_MAX_PAYLOAD / 2)

static const int16_t taps[FIR_NTAPS] = FIR_TAPS;

static int16_t sat16(int32_t v)
{
	if (v > 32767)
		return 32767;
	if (v < -32768)
		return -32768;
	return (int16_t)v;
}

static void fir(const uint8_t *in, uint8_t *out, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		int32_t acc = 16384;
		for (uint32_t k = 0; k < FIR_NTAPS && k <= i; k++) {
			const uint8_t *p = in + 2 * (i - k);
			int16_t x = (int16_t)(uint16_t)(p[0] | p[1] << 8);
			acc += (int32_t)taps[k] * x;
		}
		uint16_t y = (uint16_t)sat16(acc >> 15);
		out[2 * i] = (uint8_t)y;
		out[2 * i + 1] = (uint8_t)(y >> 8);
	}
}

static int on_block(struct fw_rpmsg_ept *ept, const void *data, uint32_t len, uint32_t src,
		    void *priv)
{
	uint32_t *blocks = priv;
	static uint8_t out[FIR_MAX_SAMPLES * 2];
	if (len & 1)
		fw_printf("fir: block of %lu bytes is not whole int16 samples; last byte ignored\n",
			  (unsigned long)len);
	uint32_t n = len / 2;
	fir(data, out, n);
	int rc = fw_rpmsg_send(ept, src, out, 2 * n);
	if (rc != 0)
		fw_printf("fir: reply to 0x%lx failed (error %d)\n", (unsigned long)src, -rc);
	else
		++*blocks;
	return 0;
}

int main(void)
{
	static struct fw_rpmsg rpmsg;
	static struct fw_rpmsg_ept ept;
	static uint32_t blocks;

	fw_printf("fir: started, %d taps\n", FIR_NTAPS);
	if (fw_rpmsg_init(&rpmsg, &resource_table, sizeof(resource_table)) != 0)
		fw_crash("fir: no RPMsg vdev in the resource table");
	if (fw_rpmsg_create_ept(&rpmsg, &ept, "rpmsg-raw", FIR_ADDR, on_block, &blocks) != 0)
		fw_crash("fir: cannot create the endpoint");
	fw_rpmsg_run(&rpmsg, NULL, NULL);
	return 0;
}

/* A single-precision FP kernel for the Cortex-M4F benchmark: a 32-tap
 * float FIR with fused multiply-adds, a 16x16 matrix product and a few
 * square roots and divides, checking its own result (main returns 0). */
#include <math.h>
#include <stdint.h>

#define TAPS 32
#define N 512
static float coef[TAPS], in[N + TAPS], out[N], a[16][16], b[16][16], c[16][16];

int main(void)
{
	uint32_t seed = 7;
	for (int i = 0; i < TAPS; i++)
		coef[i] = (float)(i < TAPS / 2 ? i : TAPS - i) / 256.0f;
	for (int i = 0; i < N + TAPS; i++) {
		seed = seed * 1103515245u + 12345u;
		in[i] = (float)(int16_t)(seed >> 16) / 32768.0f;
	}
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 16; j++) {
			a[i][j] = (float)(i + j) / 16.0f;
			b[i][j] = (float)(i - j) / 8.0f;
		}
	float check = 0;
	for (int r = 0; r < 60 * ITERS; r++) {
		for (int n = 0; n < N; n++) {
			float acc = 0;
			for (int k = 0; k < TAPS; k++)
				acc = fmaf(coef[k], in[n + k], acc);
			out[n] = acc;
		}
		for (int i = 0; i < 16; i++)
			for (int j = 0; j < 16; j++) {
				float s = 0;
				for (int k = 0; k < 16; k++)
					s += a[i][k] * b[k][j];
				c[i][j] = s;
			}
		check += out[r % N] + c[r % 16][(r * 7) % 16] + sqrtf(fabsf(out[(r * 3) % N]) + 1.0f) / 3.0f;
	}
	return check != check || check == 0.0f; /* a NaN or nothing computed fails */
}

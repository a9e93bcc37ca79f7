/* A Cortex-M4F program for the GDB tests (tests/gdb/gdb-cm4.sh): calls
 * to set breakpoints on, a store to watch, floating point, and a fault
 * handler to report where a bad store went.  Built for QEMU's
 * mps2-an386 map with picolibc's semihosting start-up, as the armv7m
 * differential tests. */
#include <stdio.h>

volatile unsigned counter;
volatile unsigned scratch;
float scale = 1.5f;

__attribute__((noinline)) unsigned add_step(unsigned x)
{
	counter = counter + x;
	return counter;
}

__attribute__((noinline)) float fscale(float v)
{
	return v * scale;
}

int main(void)
{
	unsigned sum = 0;
	for (unsigned i = 1; i <= 5; i++)
		sum += add_step(i);
	float f = fscale((float)sum);
	printf("cm4: sum %u, scaled %d\n", sum, (int)f);
	return sum == 35 ? 0 : 1;
}

/* Shared by the differential test programs: bare-metal C for QEMU's
 * mps2-an386 (picolibc's semihosting start-up), run on rpsim and on
 * qemu-system-arm; both must print the same and exit the same.  A program
 * prints only what is defined by the architecture (no timing, no
 * addresses that depend on the toolchain). */
#ifndef DIFF_H
#define DIFF_H

#include <stdint.h>
#include <stdio.h>

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_ICSR REG32(0xE000ED04u)
#define SCB_VTOR REG32(0xE000ED08u)
#define SCB_AIRCR REG32(0xE000ED0Cu)
#define SCB_SCR REG32(0xE000ED10u)
#define SCB_CCR REG32(0xE000ED14u)
#define SCB_SHPR1 REG32(0xE000ED18u)
#define SCB_SHPR2 REG32(0xE000ED1Cu)
#define SCB_SHPR3 REG32(0xE000ED20u)
#define SCB_SHCSR REG32(0xE000ED24u)
#define SCB_CFSR REG32(0xE000ED28u)
#define SCB_HFSR REG32(0xE000ED2Cu)
#define SCB_MMFAR REG32(0xE000ED34u)
#define SCB_BFAR REG32(0xE000ED38u)
#define SCB_CPACR REG32(0xE000ED88u)
#define FPCCR REG32(0xE000EF34u)
#define FPCAR REG32(0xE000EF38u)
#define NVIC_ISER(n) REG32(0xE000E100u + 4 * (n))
#define NVIC_ICER(n) REG32(0xE000E180u + 4 * (n))
#define NVIC_ISPR(n) REG32(0xE000E200u + 4 * (n))
#define NVIC_ICPR(n) REG32(0xE000E280u + 4 * (n))
#define NVIC_IABR(n) REG32(0xE000E300u + 4 * (n))
#define NVIC_IPR8(n) (*(volatile uint8_t *)(0xE000E400u + (n)))
#define STIR REG32(0xE000EF00u)
#define SYST_CSR REG32(0xE000E010u)
#define SYST_RVR REG32(0xE000E014u)
#define SYST_CVR REG32(0xE000E018u)
#define MPU_TYPE REG32(0xE000ED90u)
#define MPU_CTRL REG32(0xE000ED94u)
#define MPU_RNR REG32(0xE000ED98u)
#define MPU_RBAR REG32(0xE000ED9Cu)
#define MPU_RASR REG32(0xE000EDA0u)

typedef void (*handler_t)(void);

/* A vector table in RAM (VTOR needs 256-byte alignment for 64 entries). */
static handler_t vectors[64] __attribute__((aligned(256)));

static inline void install(unsigned exc, handler_t h)
{
	vectors[exc] = h;
}

static inline void use_vectors(void)
{
	const handler_t *old = (const handler_t *)SCB_VTOR;
	for (unsigned i = 0; i < 64; i++)
		if (!vectors[i])
			vectors[i] = i < 16 ? old[i] : old[2];
	__asm__ volatile("dsb" ::: "memory");
	SCB_VTOR = (uint32_t)vectors;
	__asm__ volatile("dsb\n isb" ::: "memory");
}

static inline uint32_t get_apsr(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, apsr" : "=r"(v));
	return v;
}

static inline void set_apsr(uint32_t v)
{
	__asm__ volatile("msr apsr_nzcvqg, %0" ::"r"(v));
}

static inline uint32_t get_control(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, control" : "=r"(v));
	return v;
}

static inline uint32_t get_ipsr(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, ipsr" : "=r"(v));
	return v;
}

static inline uint32_t get_fpscr(void)
{
	uint32_t v;
	__asm__ volatile("vmrs %0, fpscr" : "=r"(v));
	return v;
}

static inline void set_fpscr(uint32_t v)
{
	__asm__ volatile("vmsr fpscr, %0" ::"r"(v) : "memory");
}

static inline uint32_t f2u(float f)
{
	union { float f; uint32_t u; } x = { .f = f };
	return x.u;
}

static inline float u2f(uint32_t u)
{
	union { float f; uint32_t u; } x = { .u = u };
	return x.f;
}

#endif

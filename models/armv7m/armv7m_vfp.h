/* Single-precision arithmetic of the FPv4-SP unit (armv7m_vfp.c), on bit
 * patterns, with the FPSCR's rounding mode, FZ, DN and AHP in *fpscr and
 * its cumulative exception flags set there.  Internal to models/armv7m. */
#ifndef RPSIM_ARMV7M_VFP_H
#define RPSIM_ARMV7M_VFP_H

#include <stdbool.h>
#include <stdint.h>

#include "models/armv7m/armv7m_priv.h"

uint32_t vfp_add(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t vfp_sub(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t vfp_mul(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t vfp_div(uint32_t a, uint32_t b, uint32_t *fpscr);
uint32_t vfp_sqrt(uint32_t a, uint32_t *fpscr);
/* addend + a * b, rounded once (VFMA and friends) */
uint32_t vfp_fma(uint32_t addend, uint32_t a, uint32_t b, uint32_t *fpscr);
/* NZCV (bits 3..0) of a compare; signal_qnan for VCMPE */
uint32_t vfp_compare(uint32_t a, uint32_t b, bool signal_qnan, uint32_t *fpscr);
/* FPToFixed / FixedToFP for 16- and 32-bit operands (fbits 0: integers);
 * FixedToFP rounds to nearest when asked (VCVT from fixed point does,
 * whatever the FPSCR says), else in the FPSCR's mode */
uint32_t vfp_to_fixed(uint32_t a, unsigned size, unsigned fbits, bool is_unsigned, bool round_zero,
		      uint32_t *fpscr);
uint32_t vfp_from_fixed(uint32_t x, unsigned size, unsigned fbits, bool is_unsigned, bool round_nearest,
			uint32_t *fpscr);
uint32_t vfp_f32_to_f16(uint32_t a, uint32_t *fpscr);
uint32_t vfp_f16_to_f32(uint32_t h, uint32_t *fpscr);

#endif

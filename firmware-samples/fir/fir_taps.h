/* FIR taps of the offload sample, Q15 (sum 32768: unity DC gain), a
 * symmetric 8-tap low-pass.  fir_ref.py reads the FIR_TAPS line below: keep
 * it on one line. */
#ifndef FIR_TAPS_H
#define FIR_TAPS_H

#define FIR_NTAPS 8
#define FIR_TAPS { 1024, 3072, 5120, 7168, 7168, 5120, 3072, 1024 }

#endif

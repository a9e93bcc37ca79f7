# RV32 interpreter benchmarks (MIPS).

# Check tests of the RV32 core (decoder, disassembler, CSRs, traps).

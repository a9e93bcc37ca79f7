# models/rv32/: the RV32IMAC remote core.

# rpsim: from riscv-tests isa/rv32ui/ma_data.S (commit 2deb70dfd312),
# unchanged below this comment; license in ../LICENSE.
# See LICENSE for license details.

#include "riscv_test.h"
#undef RVTEST_RV64U
#define RVTEST_RV64U RVTEST_RV32U

#include "../rv64ui/ma_data.S"

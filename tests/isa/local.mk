# ISA tests: assembly per instruction group, run with rpsim exec.

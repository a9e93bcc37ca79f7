/* Start-up and trap entry for rpsim remote firmware (RV32, machine mode).
 *
 * The host loads the image and releases reset at e_entry = _start with
 * nothing else set up; after a stop/start the core starts here again and
 * everything (bss, vrings, endpoints) is rebuilt from scratch. */
	.section .text.init, "ax"
	.globl _start
_start:
	/* gp before anything can relax against it */
	.option push
	.option norelax
	la	gp, __global_pointer$
	.option pop
	la	sp, __stack_top
	/* single-threaded picolibc: its TLS block is the linked .tdata/.tbss */
	la	tp, __tls_base
	csrw	mie, zero
	csrci	mstatus, 8
	la	t0, __trap_stack_top
	csrw	mscratch, t0
	la	t0, fw_trap_entry
	csrw	mtvec, t0
	/* The host zeroed memsz - filesz already; a restarted core may not
	 * have been reloaded, so zero again. */
	la	a0, __bss_start
	la	a1, __bss_end
1:	bgeu	a0, a1, 2f
	sw	zero, 0(a0)
	addi	a0, a0, 4
	j	1b
2:	call	fw_sys_init
	call	main
	call	fw_main_returned
3:	wfi
	j	3b

/* Switches to the trap stack (mscratch holds its top while no trap is
 * being handled; traps do not nest: mstatus.MIE is off in the handler),
 * saves x1..x31 in a struct fw_trap_frame there and calls
 * fw_trap_handler(frame).  mepc may have been changed by the handler. */
	.text
	.balign 4
	.globl fw_trap_entry
fw_trap_entry:
	csrrw	sp, mscratch, sp
	addi	sp, sp, -128
	sw	x1, 4(sp)
	sw	x5, 20(sp)
	csrr	x5, mscratch
	sw	x5, 8(sp)
	sw	x3, 12(sp)
	sw	x4, 16(sp)
	sw	x6, 24(sp)
	sw	x7, 28(sp)
	sw	x8, 32(sp)
	sw	x9, 36(sp)
	sw	x10, 40(sp)
	sw	x11, 44(sp)
	sw	x12, 48(sp)
	sw	x13, 52(sp)
	sw	x14, 56(sp)
	sw	x15, 60(sp)
	sw	x16, 64(sp)
	sw	x17, 68(sp)
	sw	x18, 72(sp)
	sw	x19, 76(sp)
	sw	x20, 80(sp)
	sw	x21, 84(sp)
	sw	x22, 88(sp)
	sw	x23, 92(sp)
	sw	x24, 96(sp)
	sw	x25, 100(sp)
	sw	x26, 104(sp)
	sw	x27, 108(sp)
	sw	x28, 112(sp)
	sw	x29, 116(sp)
	sw	x30, 120(sp)
	sw	x31, 124(sp)
	sw	zero, 0(sp)
	mv	a0, sp
	call	fw_trap_handler
	lw	x1, 4(sp)
	lw	x3, 12(sp)
	lw	x4, 16(sp)
	lw	x5, 20(sp)
	lw	x6, 24(sp)
	lw	x7, 28(sp)
	lw	x8, 32(sp)
	lw	x9, 36(sp)
	lw	x10, 40(sp)
	lw	x11, 44(sp)
	lw	x12, 48(sp)
	lw	x13, 52(sp)
	lw	x14, 56(sp)
	lw	x15, 60(sp)
	lw	x16, 64(sp)
	lw	x17, 68(sp)
	lw	x18, 72(sp)
	lw	x19, 76(sp)
	lw	x20, 80(sp)
	lw	x21, 84(sp)
	lw	x22, 88(sp)
	lw	x23, 92(sp)
	lw	x24, 96(sp)
	lw	x25, 100(sp)
	lw	x26, 104(sp)
	lw	x27, 108(sp)
	lw	x28, 112(sp)
	lw	x29, 116(sp)
	lw	x30, 120(sp)
	lw	x31, 124(sp)
	addi	sp, sp, 128
	csrrw	sp, mscratch, sp
	mret

/* rpsim exec on mps2-an386: a program's console text carrying control
 * bytes (a terminal escape sequence, 0xff) through SYS_WRITE0 and to
 * stderr through SYS_WRITE reaches the terminal escaped (doc/security.md);
 * its newline and tab pass.  Exits 0 through SYS_EXIT_EXTENDED. */
	.syntax unified
	.thumb
	.section .vectors, "a"
	.word _stack_top
	.word _start + 1
	.text
	.thumb_func
	.globl _start
_start:
	movs r0, #4
	adr r1, text
	bkpt #0xab
	movs r0, #5
	adr r1, block
	bkpt #0xab
	movs r0, #0x20
	adr r1, exit_block
	bkpt #0xab
	.balign 4
text:	.asciz "a\033]0;title\007\tb\377\n"
	.balign 4
errmsg:	.ascii "e\033[2J\n"
	.balign 4
block:	.word 2, errmsg, 6
exit_block: .word 0x20026, 0

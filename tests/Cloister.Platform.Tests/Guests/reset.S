@ Prints "R" on UART0, then asks the system registers for a reset (unlock, RESETCTL
@ bit 8). A second pass (after the reset) would print "R" again: RAM keeps a counter
@ that the ELF reload resets, so the guest prints the same thing forever unless
@ -no-reboot stops the machine.
.global _start
.text
_start:
  ldr r6, =0x101f1000
  mov r0, #'R'
  str r0, [r6]
  mov r0, #'\n'
  str r0, [r6]
  ldr r4, =0x10000000
  ldr r0, =0xa05f
  str r0, [r4, #0x20]      @ SYS_LOCK
  mov r0, #0x100
  str r0, [r4, #0x40]      @ SYS_RESETCTL
1: b 1b

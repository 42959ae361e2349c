@ Echoes UART0 input with each character incremented, using the RX interrupt through
@ the VIC; a newline ends the program with SYS_EXIT_EXTENDED(code = characters seen).
.global _start
.text
_start:
  b reset
  b .
  b .
  b .
  b .
  b .
  b irq
  b .
reset:
  ldr sp, =0x8000
  msr cpsr_c, #0xd2
  ldr sp, =0x7000
  msr cpsr_c, #0xd3
  ldr r5, =0x10140000
  ldr r6, =0x101f1000
  mov r0, #0x10            @ RXIM
  str r0, [r6, #0x38]
  mov r0, #(1 << 12)
  str r0, [r5, #0x10]      @ VIC: UART0
  mov r7, #0
  msr cpsr_c, #0x53
loop:
  mcr p15, 0, r0, c7, c0, 4
  b loop
irq:
  ldr r0, [r6, #0x18]      @ FR
  tst r0, #0x10            @ RXFE
  bne done
  ldr r0, [r6]
  add r7, r7, #1
  cmp r0, #'\n'
  beq finish
  add r0, r0, #1
  str r0, [r6]
  b irq
done:
  subs pc, lr, #4
finish:
  ldr r1, =block
  str r7, [r1, #4]
  mov r0, #0x20
  svc 0x123456
  b .
.data
.align 2
block: .word 0x20026, 0

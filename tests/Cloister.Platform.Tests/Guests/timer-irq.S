@ Timer 0 periodic IRQ through the VIC; the handler prints 'T' plus the VIC
@ IRQSTATUS and timer MIS as hex digits on UART0; WFI between ticks; after 5
@ ticks exit via SYS_EXIT_EXTENDED with code 7.
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
  @ IRQ mode stack
  msr cpsr_c, #0xd2
  ldr sp, =0x7000
  msr cpsr_c, #0xd3
  ldr r4, =0x101e2000      @ timer 0
  ldr r5, =0x10140000      @ VIC
  ldr r6, =0x101f1000      @ UART0
  mov r0, #1000
  str r0, [r4, #0]         @ load
  mov r0, #0xe2            @ enable, periodic, IE, 32-bit
  str r0, [r4, #8]
  mov r0, #(1 << 4)
  str r0, [r5, #0x10]      @ VIC enable line 4
  mov r7, #0               @ tick count
  msr cpsr_c, #0x53        @ SVC, IRQs on
loop:
  mcr p15, 0, r0, c7, c0, 4  @ wait for interrupt
  cmp r7, #5
  blt loop
  msr cpsr_c, #0xd3
  mov r0, #'\n'
  str r0, [r6]
  ldr r1, =block
  mov r0, #0x20
  svc 0x123456
  b .
irq:
  mov r0, #'T'
  str r0, [r6]
  ldr r0, [r5, #0]          @ IRQSTATUS
  mov r0, r0, lsr #4
  and r0, r0, #0xf
  add r0, r0, #'0'
  str r0, [r6]
  ldr r0, [r4, #0x14]       @ MIS
  add r0, r0, #'0'
  str r0, [r6]
  str r0, [r4, #0x0c]       @ clear
  add r7, r7, #1
  subs pc, lr, #4
.data
.align 2
block: .word 0x20026, 7

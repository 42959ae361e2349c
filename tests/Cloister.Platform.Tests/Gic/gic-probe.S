@ GIC oracle probe for QEMU's realview-eb-mpcore (-smp 2). Runs the script at the end of
@ this file: each OP is (cpu, kind, address, value). CPU 0 runs its own steps and hands
@ CPU 1's to it through a mailbox; every read (and IRQ sample) prints 8 hex digits and a
@ newline on UART0. Input steps drive interrupt lines through a timer and wait for them. An IRQ sample unmasks IRQs for a moment on that CPU and prints 1 if
@ the IRQ was taken (the handler masks it again without touching the GIC), else 0.
@ GicOracleTests.cs replays the same script on the C# model and compares the output.

.equ UART0, 0x10009000
.equ MPC,  0x10100100   @ MPCore GIC CPU interface of the accessing CPU
.equ MPC0, 0x10100200   @ ... of CPU 0
.equ MPC1, 0x10100300   @ ... of CPU 1
.equ MPD,  0x10101000   @ MPCore GIC distributor (64 interrupts)
.equ BGC,  0x10040000   @ board GIC 0 CPU interface (GICv1, 96 interrupts, output to MPCore SPI 42)
.equ BGD,  0x10041000   @ board GIC 0 distributor
.equ R32, 1
.equ W32, 2
.equ R8,  3
.equ W8,  4
.equ R16, 5
.equ W16, 6
.equ IRQ, 7
.equ PPIH, 8    @ raise this CPU's PPI 29: its private timer fires (level stays high)
.equ PPIL, 10   @ lower it: clear the timer's interrupt status
.equ SPIH, 12   @ raise board line 4: SP804 timer 0 fires
.equ SPIL, 14   @ lower it: SP804 interrupt clear

.macro OP cpu, kind, addr, value
  .word \cpu, \kind, \addr, \value
.endm

.text
.global _start
_start:
  mrc p15, 0, r0, c0, c0, 5      @ MPIDR: CPU number in bits [1:0]
  and r0, r0, #3
  cps #0x12
  mov sp, #0                      @ IRQ mode's sp is the "IRQ taken" flag
  cps #0x13
  cmp r0, #0
  bne secondary

  ldr r0, =vectors                @ vector table to address 0
  mov r1, #0
  ldmia r0!, {r2-r9}
  stmia r1!, {r2-r9}
  ldmia r0!, {r2-r9}
  stmia r1!, {r2-r9}

  ldr r4, =script
next:
  ldmia r4!, {r5-r8}
  cmp r6, #0
  beq finish
  cmp r5, #0
  bne remote
  bl do_op
  b report
remote:
  ldr r1, =mbox_done
  mov r2, #0
  str r2, [r1]
  sub r0, r4, #16
  ldr r1, =mbox_op
  str r0, [r1]
1:ldr r1, =mbox_done
  ldr r2, [r1]
  cmp r2, #0
  beq 1b
  ldr r1, =mbox_result
  ldr r0, [r1]
report:
  tst r6, #1                      @ odd kinds (reads, IRQ samples) print
  blne print_hex
  b next

finish:
  mov r0, #0x18                   @ SYS_EXIT, ADP_Stopped_ApplicationExit
  ldr r1, =0x20026
  svc 0x123456
  b .

secondary:
  ldr r1, =mbox_op
  ldr r0, [r1]
  cmp r0, #0
  beq secondary
  mov r2, #0
  str r2, [r1]
  ldmia r0, {r5-r8}
  bl do_op
  ldr r1, =mbox_result
  str r0, [r1]
  ldr r1, =mbox_done
  mov r2, #1
  str r2, [r1]
  b secondary

@ r6 kind, r7 address, r8 value -> r0 value read
do_op:
  mov r0, #0
  cmp r6, #R32
  ldreq r0, [r7]
  cmp r6, #W32
  streq r8, [r7]
  cmp r6, #R8
  ldreqb r0, [r7]
  cmp r6, #W8
  streqb r8, [r7]
  cmp r6, #R16
  ldreqh r0, [r7]
  cmp r6, #W16
  streqh r8, [r7]
  cmp r6, #PPIH
  beq ppi_high
  cmp r6, #PPIL
  beq ppi_low
  cmp r6, #SPIH
  beq spi_high
  cmp r6, #SPIL
  beq spi_low
  cmp r6, #IRQ
  bxne lr
  cps #0x12
  mov sp, #0
  cps #0x13
  cpsie i
  nop
  nop
  nop
  nop
  cpsid i
  cps #0x12
  mov r0, sp
  cps #0x13
  bx lr

ppi_high:                         @ private timer: load 16, one-shot, IRQ enabled; wait for it
  ldr r1, =0x10100600
  mov r2, #0
  str r2, [r1, #8]
  mov r2, #16
  str r2, [r1]
  mov r2, #5
  str r2, [r1, #8]
1:ldr r2, [r1, #12]
  tst r2, #1
  beq 1b
  bx lr
ppi_low:
  ldr r1, =0x10100600
  mov r2, #1
  str r2, [r1, #12]
  bx lr
spi_high:                         @ SP804 timer 0: load 16, one-shot 32-bit, IRQ enabled; wait
  ldr r1, =0x10011000
  mov r2, #16
  str r2, [r1]
  mov r2, #0xA3
  str r2, [r1, #8]
1:ldr r2, [r1, #16]
  tst r2, #1
  beq 1b
  bx lr
spi_low:
  ldr r1, =0x10011000
  mov r2, #1
  str r2, [r1, #12]
  bx lr

@ r0 -> UART0 as 8 hex digits and a newline
print_hex:
  ldr r1, =UART0
  mov r2, #28
1:mov r3, r0, lsr r2
  and r3, r3, #0xF
  cmp r3, #10
  addlt r3, r3, #'0'
  addge r3, r3, #('a' - 10)
  str r3, [r1]
  subs r2, r2, #4
  bge 1b
  mov r3, #'\n'
  str r3, [r1]
  bx lr

irq_handler:                      @ mask IRQs in the interrupted code, note the IRQ, return
  mrs sp, spsr
  orr sp, sp, #0x80
  msr spsr_cxsf, sp
  mov sp, #1
  subs pc, lr, #4

vectors:
  ldr pc, vec_reset
  ldr pc, vec_other
  ldr pc, vec_other
  ldr pc, vec_other
  ldr pc, vec_other
  ldr pc, vec_other
  ldr pc, vec_irq
  ldr pc, vec_other
vec_reset: .word _start
vec_other: .word finish
           .word finish
           .word finish
           .word finish
           .word finish
vec_irq:   .word irq_handler
           .word finish

.ltorg

.data
mbox_op:     .word 0
mbox_done:   .word 0
mbox_result: .word 0

script:
@ --- script (GicOracleTests.cs parses these lines) ---
  OP 0, R32, MPD+0x000, 0
  OP 0, R32, MPD+0x004, 0
  OP 0, R32, MPD+0x008, 0
  OP 0, R32, MPD+0x010, 0
  OP 0, R32, MPD+0x080, 0
  OP 0, R32, MPD+0x100, 0
  OP 0, R32, MPD+0x104, 0
  OP 0, R32, MPD+0x200, 0
  OP 0, R32, MPD+0x300, 0
  OP 0, R32, MPD+0x380, 0
  OP 0, R32, MPD+0x400, 0
  OP 0, R32, MPD+0x41C, 0
  OP 0, R32, MPD+0x420, 0
  OP 0, R32, MPD+0x440, 0
  OP 0, R32, MPD+0x800, 0
  OP 0, R32, MPD+0x818, 0
  OP 0, R32, MPD+0x81C, 0
  OP 1, R32, MPD+0x81C, 0
  OP 0, R32, MPD+0x820, 0
  OP 0, R32, MPD+0xC00, 0
  OP 0, R32, MPD+0xC04, 0
  OP 0, R32, MPD+0xC08, 0
  OP 0, R32, MPD+0xF00, 0
  OP 0, R32, MPD+0xF10, 0
  OP 0, R32, MPD+0xFD0, 0
  OP 0, R32, MPD+0xFE0, 0
  OP 0, R32, MPD+0xFE4, 0
  OP 0, R32, MPD+0xFE8, 0
  OP 0, R32, MPD+0xFEC, 0
  OP 0, R32, MPD+0xFF0, 0
  OP 0, R32, MPD+0xFF4, 0
  OP 0, R32, MPD+0xFF8, 0
  OP 0, R32, MPD+0xFFC, 0
  OP 0, R8,  MPD+0xFE1, 0
  OP 0, R32, MPC+0x00, 0
  OP 0, R32, MPC+0x04, 0
  OP 0, R32, MPC+0x08, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, R32, MPC+0x14, 0
  OP 0, R32, MPC+0x18, 0
  OP 0, R32, MPC+0x1C, 0
  OP 0, R32, MPC+0x20, 0
  OP 0, R32, MPC+0xFC, 0
@ set-pending of a PPI before any target write (which CPUs does it reach?)
  OP 0, W32, MPD+0x200, 0xFFFFFFFF
  OP 0, R32, MPD+0x200, 0
  OP 1, R32, MPD+0x200, 0
  OP 0, W32, MPD+0x280, 0xFFFFFFFF
  OP 0, R32, MPD+0x200, 0
@ priorities: 4 implemented bits on the 11MPCore, PPIs banked
  OP 0, W32, MPD+0x420, 0xFFFFFFFF
  OP 0, R32, MPD+0x420, 0
  OP 0, W8,  MPD+0x421, 0x35
  OP 0, R32, MPD+0x420, 0
  OP 0, W16, MPD+0x422, 0x9876
  OP 0, R32, MPD+0x420, 0
  OP 0, R16, MPD+0x422, 0
  OP 0, W32, MPD+0x41C, 0x40302010
  OP 0, R32, MPD+0x41C, 0
  OP 1, R32, MPD+0x41C, 0
  OP 0, W32, MPD+0x400, 0x12345678
  OP 0, R32, MPD+0x400, 0
@ targets
  OP 0, W32, MPD+0x818, 0xFFFFFFFF
  OP 0, R32, MPD+0x818, 0
  OP 0, W32, MPD+0x81C, 0xFFFFFFFF
  OP 0, R32, MPD+0x81C, 0
  OP 1, R32, MPD+0x81C, 0
  OP 0, W32, MPD+0x820, 0x0F030201
  OP 0, R32, MPD+0x820, 0
  OP 1, R32, MPD+0x820, 0
@ configuration: SGIs stay edge-triggered, the 11MPCore keeps the model bit
  OP 0, W32, MPD+0xC00, 0
  OP 0, R32, MPD+0xC00, 0
  OP 0, W32, MPD+0xC04, 0xFFFFFFFF
  OP 0, R32, MPD+0xC04, 0
  OP 0, W32, MPD+0xC08, 0x5555AAAA
  OP 0, R32, MPD+0xC08, 0
  OP 0, W32, MPD+0xC08, 0
  OP 0, W32, MPD+0xC04, 0
@ SGI enables cannot be cleared
  OP 0, W32, MPD+0x180, 0xFFFFFFFF
  OP 0, R32, MPD+0x100, 0
@ an SPI targeted at CPU 1 only
  OP 0, W32, MPD+0x000, 1
  OP 0, W32, MPC0+0x00, 1
  OP 0, W32, MPC1+0x00, 1
  OP 0, W32, MPD+0x820, 0x00000002
  OP 0, W8,  MPD+0x420, 0x80
  OP 0, W32, MPD+0x104, 0x00000001
  OP 0, IRQ, 0, 0
  OP 1, IRQ, 0, 0
  OP 0, W32, MPD+0x204, 0x00000001
  OP 0, R32, MPD+0x204, 0
  OP 0, IRQ, 0, 0
  OP 1, IRQ, 0, 0
  OP 0, R32, MPC+0x18, 0
  OP 1, R32, MPC+0x18, 0
  OP 0, R32, MPC1+0x18, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, IRQ, 0, 0
  OP 0, R32, MPD+0x204, 0
  OP 0, R32, MPD+0x304, 0
  OP 1, R32, MPC+0x14, 0
  OP 1, R32, MPC+0x18, 0
  OP 1, W32, MPC+0x10, 32
  OP 1, R32, MPC+0x14, 0
  OP 0, R32, MPD+0x304, 0
@ a pending SPI follows its target
  OP 0, W32, MPD+0x828, 0x00000001
  OP 0, W8,  MPD+0x428, 0x60
  OP 0, W32, MPD+0x104, 0x00000100
  OP 0, W32, MPD+0x204, 0x00000100
  OP 0, R32, MPC0+0x18, 0
  OP 0, R32, MPC1+0x18, 0
  OP 0, W8,  MPD+0x828, 0x02
  OP 0, R32, MPC0+0x18, 0
  OP 0, R32, MPC1+0x18, 0
  OP 0, R32, MPD+0x204, 0
  OP 0, W32, MPD+0x284, 0x00000100
  OP 0, W32, MPD+0x184, 0x00000100
@ priority mask and preemption on CPU 0
  OP 0, W32, MPD+0x820, 0x01010102
  OP 0, W32, MPD+0x420, 0x40A0A080
  OP 0, W32, MPD+0x104, 0x0000000E
  OP 0, W32, MPC+0x04, 0xA0
  OP 0, R32, MPC+0x04, 0
  OP 0, W32, MPD+0x204, 0x00000002
  OP 0, IRQ, 0, 0
  OP 0, R32, MPC+0x18, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, W32, MPC+0x04, 0xBF
  OP 0, R32, MPC+0x04, 0
  OP 0, IRQ, 0, 0
  OP 0, R32, MPC+0x18, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, R32, MPC+0x14, 0
  OP 0, IRQ, 0, 0
  OP 0, W32, MPD+0x204, 0x00000004
  OP 0, R32, MPC+0x18, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, W32, MPD+0x204, 0x00000008
  OP 0, IRQ, 0, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, R32, MPC+0x14, 0
  OP 0, R32, MPD+0x304, 0
  OP 0, W32, MPC+0x10, 35
  OP 0, R32, MPC+0x14, 0
  OP 0, W32, MPC+0x10, 33
  OP 0, R32, MPC+0x14, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, W32, MPC+0x10, 34
  OP 0, R32, MPC+0x14, 0
  OP 0, W32, MPC+0x10, 34
  OP 0, R32, MPC+0x14, 0
@ binary point: the running priority is the group priority
  OP 0, W32, MPC+0x04, 0xF0
  OP 0, W32, MPC+0x08, 0xFF
  OP 0, R32, MPC+0x08, 0
  OP 0, W32, MPC+0x08, 5
  OP 0, W8,  MPD+0x421, 0xB0
  OP 0, W32, MPD+0x204, 0x00000002
  OP 0, R32, MPC+0x0C, 0
  OP 0, R32, MPC+0x14, 0
  OP 0, W32, MPC+0x10, 33
  OP 0, W32, MPC+0x08, 0
@ an active interrupt made pending again is not offered until it is completed
  OP 0, W32, MPD+0x204, 0x00000002
  OP 0, R32, MPC+0x0C, 0
  OP 0, W32, MPD+0x204, 0x00000002
  OP 0, R32, MPD+0x204, 0
  OP 0, R32, MPC+0x18, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, W32, MPC+0x10, 33
  OP 0, R32, MPC+0x18, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, W32, MPC+0x10, 33
  OP 0, W32, MPC+0x10, 33
  OP 0, W32, MPC+0x10, 1023
  OP 0, W32, MPD+0x184, 0x0000000E
@ SGIs through GICD_SGIR and its target filters
  OP 0, W32, MPD+0xF00, 0x00020003
  OP 0, IRQ, 0, 0
  OP 1, IRQ, 0, 0
  OP 1, R32, MPD+0x200, 0
  OP 0, R32, MPD+0x200, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, W32, MPC+0x10, 3
  OP 0, W32, MPD+0xF00, 0x01000005
  OP 0, R32, MPC+0x0C, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, W32, MPC+0x10, 5
  OP 1, W32, MPD+0xF00, 0x02000007
  OP 0, R32, MPC+0x0C, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, W32, MPC+0x10, 7
  OP 1, W32, MPD+0xF00, 0x03000009
  OP 0, R32, MPC+0x0C, 0
  OP 1, R32, MPC+0x0C, 0
  OP 0, W32, MPC+0x10, 9
  OP 1, W32, MPC+0x10, 9
  OP 0, W16, MPD+0xF00, 0x000B
  OP 0, R32, MPD+0x200, 0
  OP 0, W32, MPD+0xF00, 0x000F000B
  OP 0, R32, MPD+0x200, 0
  OP 1, R32, MPD+0x200, 0
  OP 0, W32, MPD+0x280, 0xFFFFFFFF
  OP 0, R32, MPD+0x200, 0
  OP 1, R32, MPD+0x200, 0
@ the named CPU windows and narrow CPU interface accesses
  OP 0, W32, MPC1+0x04, 0x80
  OP 1, R32, MPC+0x04, 0
  OP 0, R32, MPC0+0x04, 0
  OP 0, R8,  MPC1+0x04, 0
  OP 0, R8,  MPC1+0x05, 0
  OP 0, W8,  MPC1+0x04, 0x1F0
  OP 0, R16, MPC1+0x04, 0
  OP 1, R32, MPC+0x10, 0
  OP 0, W32, MPC+0x18, 5
@ bad distributor accesses
  OP 0, W32, MPD+0x004, 0
  OP 0, W32, MPD+0x300, 1
  OP 0, W8,  MPD+0xFE0, 0
  OP 0, R16, MPD+0xF20, 0
  OP 0, R32, MPD+0x500, 0
  OP 0, W32, MPD+0x500, 0
@ the board GIC (GICv1, one CPU) and its output into the MPCore GIC (SPI 42)
  OP 0, R32, BGD+0x000, 0
  OP 0, R32, BGD+0x004, 0
  OP 0, R32, BGD+0x008, 0
  OP 0, R32, BGD+0x100, 0
  OP 0, R32, BGD+0x800, 0
  OP 0, R32, BGD+0x900, 0
  OP 0, W32, BGD+0x820, 0x03030303
  OP 0, R32, BGD+0x820, 0
  OP 0, R32, BGD+0xC00, 0
  OP 0, R32, BGD+0xF10, 0
  OP 0, R32, BGD+0xFD0, 0
  OP 0, R32, BGD+0xFE0, 0
  OP 0, R32, BGD+0xFE4, 0
  OP 0, R32, BGD+0xFE8, 0
  OP 0, R32, BGD+0xFEC, 0
  OP 0, R32, BGC+0x00, 0
  OP 0, R32, BGC+0x04, 0
  OP 0, R32, BGC+0x0C, 0
  OP 0, R32, BGC+0x14, 0
  OP 0, R32, BGC+0xFC, 0
  OP 0, W32, BGD+0x424, 0xFFFFFFFF
  OP 0, R32, BGD+0x424, 0
  OP 0, W32, BGD+0x000, 3
  OP 0, R32, BGD+0x000, 0
  OP 0, W32, BGC+0x00, 0xFF
  OP 0, R32, BGC+0x00, 0
  OP 0, W32, BGC+0x04, 0xF0
  OP 0, W32, MPD+0x844, 0x00000101
  OP 0, W32, MPD+0x828, 0x00010000
  OP 0, W32, MPD+0x104, 0x00000400
  OP 0, W32, BGD+0xF00, 0x02000004
  OP 0, R32, BGD+0xF10, 0
  OP 0, R32, BGD+0xF14, 0
  OP 0, R32, BGD+0x200, 0
  OP 0, R32, MPD+0x204, 0
  OP 0, IRQ, 0, 0
  OP 0, R32, MPC+0x0C, 0
  OP 0, R32, BGC+0x18, 0
  OP 0, R32, BGC+0x0C, 0
  OP 0, R32, BGC+0x14, 0
  OP 0, R32, BGD+0x300, 0
  OP 0, R32, BGD+0x200, 0
  OP 0, W32, BGC+0x10, 4
  OP 0, R32, BGC+0x14, 0
  OP 0, W32, MPC+0x10, 42
  OP 0, R32, MPD+0x204, 0
  OP 0, W32, BGD+0xF20, 0x00000001
  OP 0, W32, BGD+0xF10, 0x00000001
  OP 0, R32, BGD+0xF20, 0
  OP 0, R32, BGD+0x200, 0
  OP 0, W8,  BGD+0xF24, 0x05
  OP 0, R32, BGD+0xF24, 0
  OP 0, R32, BGC+0x0C, 0
  OP 0, R32, BGD+0xF24, 0
  OP 0, R32, BGC+0x0C, 0
  OP 0, W32, BGC+0x10, 4
  OP 0, W32, BGC+0x10, 4
  OP 0, W32, BGD+0x300, 0
  OP 0, R32, BGD+0x380, 0
@ level-triggered inputs: CPU 1's private timer (PPI 29), the SP804 (board line 4:
@ board GIC SPI 36, MPCore SPI 33)
  OP 1, PPIH, 0, 0
  OP 1, R32, MPD+0x200, 0
  OP 1, W32, MPD+0x100, 0x20000000
  OP 1, R32, MPD+0x200, 0
  OP 0, R32, MPD+0x200, 0
  OP 1, IRQ, 0, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, R32, MPD+0x200, 0
  OP 1, W32, MPC+0x10, 29
  OP 1, R32, MPD+0x200, 0
  OP 1, PPIL, 0, 0
  OP 1, R32, MPD+0x200, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, W32, MPC+0x10, 29
  OP 1, R32, MPD+0x200, 0
  OP 1, IRQ, 0, 0
  OP 1, W32, MPD+0xC04, 0x08000000
  OP 1, PPIH, 0, 0
  OP 1, R32, MPD+0x200, 0
  OP 1, R32, MPC+0x0C, 0
  OP 1, W32, MPC+0x10, 29
  OP 1, R32, MPD+0x200, 0
  OP 1, PPIL, 0, 0
  OP 1, W32, MPD+0x180, 0x20000000
  OP 0, W8,  BGD+0x424, 0x10
  OP 0, SPIH, 0, 0
  OP 0, R32, BGD+0x204, 0
  OP 0, R32, MPD+0x204, 0
  OP 0, W32, MPD+0x104, 0x00000002
  OP 0, R32, MPD+0x204, 0
  OP 0, W32, BGD+0x104, 0x00000010
  OP 0, R32, BGC+0x18, 0
  OP 0, R32, BGC+0x0C, 0
  OP 0, R32, BGD+0x204, 0
  OP 0, R32, BGD+0x304, 0
  OP 0, W32, BGC+0x10, 36
  OP 0, R32, BGC+0x18, 0
  OP 0, SPIL, 0, 0
  OP 0, R32, BGD+0x204, 0
  OP 0, R32, BGC+0x18, 0
  OP 0, R32, MPD+0x204, 0
  OP 0, W32, BGD+0xC08, 0x00000200
  OP 0, SPIH, 0, 0
  OP 0, SPIL, 0, 0
  OP 0, R32, BGD+0x204, 0
  OP 0, R32, BGC+0x0C, 0
  OP 0, R32, BGD+0x204, 0
  OP 0, W32, BGC+0x10, 36
@ --- end of script ---
  OP 0, 0, 0, 0

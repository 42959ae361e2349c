@ ThumbLoop of TranslatorTests: arm-none-eabi-as -mcpu=arm926ej-s ThumbLoop.s -o t.o && arm-none-eabi-objcopy -O binary t.o t.bin
@ Every result and the carry after it are folded into r0 (adcs), so a wrong value or C shows.
.syntax divided
.macro acc r
  adc r0, \r
.endm
.arm
_start:
  mov r7, #0x1000
  mov sp, #0x2000
  add r0, pc, #1
  bx r0
.thumb
  mov r1, #0
  mov r2, #3
loop:
  ldr r3, lit
  ldr r4, lit
  acc r3
  acc r4
  add r4, r1, r2
  acc r4
  sub r5, r4, #3
  acc r5
  lsl r6, r5, #3
  acc r6
  lsr r6, r6, #1
  acc r6
  asr r3, r0, #2
  acc r3
  eor r4, r6
  acc r4
  and r4, r0
  acc r4
  orr r5, r4
  acc r5
  bic r5, r2
  acc r5
  mvn r6, r0
  acc r6
  tst r6, r1
  acc r6
  adc r4, r0
  acc r4
  sbc r5, r0
  acc r5
  neg r6, r4
  acc r6
  cmp r6, r5
  bge 1f
  add r0, #1
1:
  cmn r4, r2
  bvc 2f
  add r0, #3
2:
  ror r4, r2
  acc r4
  lsl r5, r1
  acc r5
  lsr r6, r2
  acc r6
  asr r3, r1
  acc r3
  mul r4, r0
  acc r4
  adr r3, lit
  acc r3
  add r3, sp, #8
  acc r3
  add sp, #8
  sub sp, #8
  mov r8, r4
  add r8, r0
  cmp r8, r1
  mov r4, r8
  acc r4
  add r4, pc
  acc r4
  str r0, [r7, #4]
  ldr r5, [r7, r2]
  acc r5
  strb r5, [r7, r1]
  ldrh r6, [r7, #4]
  acc r6
  ldrsb r3, [r7, r1]
  acc r3
  str r6, [r7, #8]
  push {r4, r5}
  pop {r3, r6}
  acc r3
  acc r6
  add r1, #1
  add r2, #5
  cmp r1, #200
  bne loop
  mov r1, #0
  b loop
.align 2
lit: .word 0x87654321

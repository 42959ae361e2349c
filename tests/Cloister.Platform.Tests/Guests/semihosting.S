@ Semihosting console and ":tt" output, command line, heap info, then SYS_EXIT.
.global _start
.text
_start:
  ldr sp, =0x8000
  mov r0, #4               @ SYS_WRITE0 -> the semihosting console (stderr)
  ldr r1, =msg
  svc 0x123456
  mov r0, #3               @ SYS_WRITEC
  ldr r1, =chr
  svc 0x123456
  ldr r1, =openblk         @ SYS_OPEN ":tt" for writing -> stdout
  mov r0, #1
  svc 0x123456
  ldr r1, =wblk
  str r0, [r1]
  mov r0, #5               @ SYS_WRITE
  svc 0x123456
  add r0, r0, #'0'         @ bytes not written, as a digit
  ldr r1, =digit
  strb r0, [r1]
  mov r0, #3
  svc 0x123456
  ldr r1, =istty           @ SYS_ISTTY on the handle
  ldr r0, =wblk
  ldr r0, [r0]
  str r0, [r1]
  mov r0, #9
  svc 0x123456
  add r0, r0, #'0'
  ldr r1, =digit
  strb r0, [r1]
  mov r0, #3
  svc 0x123456
  ldr r1, =heapblk         @ SYS_HEAPINFO
  mov r0, #0x16
  svc 0x123456
  ldr r1, =heap
  ldr r0, [r1, #4]         @ heap limit = RAM size: print its top hex digit
  mov r0, r0, lsr #24
  add r0, r0, #'0'
  ldr r1, =digit
  strb r0, [r1]
  mov r0, #3
  svc 0x123456
  mov r0, #0x18            @ SYS_EXIT, ApplicationExit -> 0
  ldr r1, =0x20026
  svc 0x123456
1: b 1b
.data
msg: .asciz "hello from WRITE0\n"
chr: .byte '!'
digit: .byte 0
tt: .asciz ":tt"
tmsg: .ascii "hello from :tt\n"
.align 2
openblk: .word tt, 4, 3
wblk: .word 0, tmsg, 15
istty: .word 0
heapblk: .word heap
heap: .word 0, 0, 0, 0

    .file "switch.S"
@ Cooperative thread switching: only the callee-saved registers need keeping, because a
@ switch is an ordinary function call for the thread that makes it.
    .syntax unified
    .arm
    .text

@ void thread_switch(uint32_t *save_sp, uint32_t next_sp)
    .global thread_switch
    .type thread_switch, %function
thread_switch:
    push {r4-r11, lr}
    str sp, [r0]
    mov sp, r1
    pop {r4-r11, pc}

@ First code of a new thread: thread_create left the function in r4 and its argument in r5.
    .global thread_start
    .type thread_start, %function
thread_start:
    mov r0, r5
    blx r4
    bl thread_exit
    b .

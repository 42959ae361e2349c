/* callback_op CALLBACKTYPE_failsafe (docs/abi.md, "Faults"): with its stack pointer on an unmapped
 * page the domain takes an undefined instruction; the fault frame cannot be pushed, so the
 * hypervisor enters the failsafe callback with r0 = 1 (a fault), r1 = the bad sp, r2 = the
 * faulting pc. The callback takes a good stack back and the domain carries on. */
#include "minios.h"

#define CALLBACKTYPE_failsafe 1
#define BAD_SP 0xF0000000u

static volatile uint32_t saved_sp, seen_what, seen_sp, seen_pc, faults_handled;
extern uint32_t bad_instruction[];

/* Skips the undefined instruction. */
static void on_fault(struct trap_frame *f) { faults_handled++; f->pc += 4; }

/* The callback is entered with the bad sp: it takes the saved one back before calling C, then
 * resumes after the undefined instruction. */
void failsafe_record(uint32_t what, uint32_t sp, uint32_t pc)
{
    seen_what = what;
    seen_sp = sp;
    seen_pc = pc;
}

__attribute__((naked)) void failsafe_entry(void)
{
    __asm__ volatile(
        "ldr sp, =saved_sp\n"
        "ldr sp, [sp]\n"
        "bl failsafe_record\n"
        "b after_bad_instruction\n");
}

static int register_failsafe(uint32_t address)
{
    static struct { uint16_t type, flags; uint32_t pad; uint64_t address; } cb;
    cb.type = CALLBACKTYPE_failsafe;
    cb.address = address;
    return hypercall(__HYPERVISOR_callback_op, 0, (uint32_t)&cb, 0, 0);
}

int main(void)
{
    traps_init(on_fault);
    check_eq(register_failsafe((uint32_t)failsafe_entry), 0, "register the failsafe callback");
    __asm__ volatile(
        "push {r4-r11, lr}\n"
        "ldr r0, =saved_sp\n"
        "str sp, [r0]\n"
        "ldr sp, =%c0\n"
        ".global bad_instruction\n"
        "bad_instruction: .word 0xe7f000f0\n"   /* UDF: a fault, with nowhere to push its frame */
        ".global after_bad_instruction\n"
        "after_bad_instruction:\n"
        "pop {r4-r11, lr}\n"
        :: "i"(BAD_SP) : "r0", "r1", "r2", "r3", "r12", "memory");
    check_eq(seen_what, 1, "failsafe entered for a fault");
    check_eq(seen_sp, BAD_SP, "with the sp that could not take the frame");
    check_eq(seen_pc, (uint32_t)bad_instruction, "and the faulting pc");
    check_eq(faults_handled, 0, "the fault handler was not entered");
    print("failsafe: a fault with a bad stack went to the failsafe callback\n");

    /* With a good stack the fault handler gets the next fault as usual. */
    __asm__ volatile(".word 0xe7f000f0\n");
    check_eq(faults_handled, 1, "a later fault reaches the fault handler");
    return test_result();
}

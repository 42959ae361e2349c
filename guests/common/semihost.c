/* ARM semihosting: "svc 0x123456" in ARM state, op in r0, argument in r1,
   result in r0. Always called from a privileged mode. */
#include "rt.h"

u32 sh_call(u32 op, u32 arg)
{
    register u32 r0 __asm__("r0") = op;
    register u32 r1 __asm__("r1") = arg;
    /* lr is clobbered if the call is ever taken as a real SVC from SVC mode */
    __asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1) : "memory", "lr");
    return r0;
}

/* SYS_EXIT_EXTENDED carries an exit code on 32-bit ARM; plain SYS_EXIT
   cannot (QEMU maps ApplicationExit to 0 and anything else to 1). */
void sh_exit(int code)
{
    u32 block[2] = { ADP_Stopped_ApplicationExit, (u32)code };
    sh_call(SYS_EXIT_EXTENDED, (u32)block);
    for (;;) { }
}

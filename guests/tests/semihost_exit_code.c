/* SYS_EXIT_EXTENDED: ApplicationExit with subcode 77 gives exit status 77
   (the A32 way to return a real exit code). */
#include "rt.h"

int main(void)
{
    printf("exit via SYS_EXIT_EXTENDED code 77\n");
    u32 block[2] = { ADP_Stopped_ApplicationExit, 77 };
    sh_call(SYS_EXIT_EXTENDED, (u32)block);
    printf("not reached\n");
    return 99;
}

/* SYS_EXIT_EXTENDED with a reason other than ApplicationExit: status 1
   whatever the subcode. */
#include "rt.h"

int main(void)
{
    printf("exit via SYS_EXIT_EXTENDED RunTimeErrorUnknown, subcode 55\n");
    u32 block[2] = { ADP_Stopped_RunTimeErrorUnknown, 55 };
    sh_call(SYS_EXIT_EXTENDED, (u32)block);
    printf("not reached\n");
    return 99;
}

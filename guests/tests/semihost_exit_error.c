/* Plain SYS_EXIT with any other reason (RunTimeErrorUnknown): QEMU exits
   with status 1. */
#include "rt.h"

int main(void)
{
    printf("exit via SYS_EXIT RunTimeErrorUnknown\n");
    sh_call(SYS_EXIT, ADP_Stopped_RunTimeErrorUnknown);
    printf("not reached\n");
    return 99;
}

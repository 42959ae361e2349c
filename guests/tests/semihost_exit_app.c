/* Plain SYS_EXIT with ADP_Stopped_ApplicationExit: on 32-bit ARM the reason
   is passed in r1 itself and QEMU exits with status 0. */
#include "rt.h"

int main(void)
{
    printf("exit via SYS_EXIT ApplicationExit\n");
    sh_call(SYS_EXIT, ADP_Stopped_ApplicationExit);
    printf("not reached\n");
    return 99;
}

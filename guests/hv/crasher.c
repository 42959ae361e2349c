/* Touches memory that is not its own without a fault handler: it must crash alone. */
#include "minios.h"

int main(void)
{
    print("crasher: about to touch 0x00400000\n");
    (void)*(volatile unsigned *)0x00400000;
    print("crasher: survived (wrong)\n");
    return 0;
}

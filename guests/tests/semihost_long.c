/* SYS_WRITE0 with a string longer than 64 KiB: QEMU prints all of it. */
#include "rt.h"

static char text[70000];

int main(void)
{
    for (unsigned i = 0; i < sizeof text - 2; i++) text[i] = (i % 64 == 63) ? '\n' : 'a' + (i / 64) % 26;
    text[sizeof text - 2] = '\n';
    text[sizeof text - 1] = 0;
    sh_call(SYS_WRITE0, (u32)text);
    return 0;
}

#include "pages.h"

/* From 1 MiB, clear of the image, boot stack, grant table (0xE0) and shared_info (0xF0), up
 * to the command line page below the two ring pages of a 4 MiB domain (docs/abi.md). */
#define POOL_FIRST 0x100
#define POOL_END 0x3FD
static unsigned next = POOL_FIRST;

unsigned pages_alloc(unsigned n)
{
    if (n == 0 || next + n > POOL_END) return 0;
    unsigned pfn = next;
    next += n;
    for (unsigned *w = PAGE_ADDRESS(pfn); w < (unsigned *)PAGE_ADDRESS(next); w++) *w = 0;
    return pfn;
}

/* A small compiled workload (CRC, sieve, recursion, libgcc division and
   64-bit arithmetic, jump tables, indirect calls, sorting) run once as ARM
   and once as Thumb code: checksums only, for differential testing of the
   interpreter and the translating engine on ordinary code. */
#include "rt.h"

#define ALG(name) arm_##name
#include "workload_algos.h"

void workload_thumb(u8 *mem, u32 *words);

static u8 mem[100000];
static u32 words[4096];

int main(void)
{
    printf("workload: start\n");
    arm_run("arm", mem, words);
    workload_thumb(mem, words);
    printf("workload: done\n");
    return 0;
}

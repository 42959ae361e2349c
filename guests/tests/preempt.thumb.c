/* The Thumb half of preempt.c: the same workload compiled as Thumb. */
#include "rt.h"

#define ALG(name) thumb_##name
#include "workload_algos.h"

void thumb_checksums(u8 *mem, u32 *words, u32 *out)
{
    for (u32 i = 0; i < 65536; i++) mem[i] = (u8)(i * 131 + (i >> 7));
    out[0] = thumb_crc32(mem, 65536);
    out[1] = thumb_sieve(mem, 100000);
    out[2] = thumb_fib(22);
    out[3] = thumb_arith(777);
    out[4] = thumb_interp(50000);
    u32 x = 7;
    for (u32 i = 0; i < 4096; i++) { x = x * 1103515245 + 12345; words[i] = x >> 8; }
    thumb_sort(words, 4096);
    out[5] = words[0] ^ words[2048] ^ words[4095];
}

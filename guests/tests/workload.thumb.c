/* The Thumb half of workload.c: the same algorithms compiled as Thumb. */
#include "rt.h"

#define ALG(name) thumb_##name
#include "workload_algos.h"

void workload_thumb(u8 *mem, u32 *words)
{
    thumb_run("thumb", mem, words);
}

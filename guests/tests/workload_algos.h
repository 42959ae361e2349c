/* Ordinary compiled code for workload.c (ARM) and workload.thumb.c (Thumb):
   each includes this with ALG(name) giving its functions distinct names, so
   the same algorithms run in both instruction sets. */

static u32 ALG(crc32)(const u8 *p, u32 n)
{
    u32 crc = 0xffffffff;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320 & (0u - (crc & 1)));
    }
    return ~crc;
}

static u32 ALG(sieve)(u8 *flags, u32 n)
{
    u32 count = 0;
    for (u32 i = 0; i < n; i++) flags[i] = 1;
    for (u32 i = 2; i < n; i++) {
        if (!flags[i]) continue;
        count++;
        for (u32 j = i + i; j < n; j += i) flags[j] = 0;
    }
    return count;
}

static u32 ALG(fib)(u32 n) { return n < 2 ? n : ALG(fib)(n - 1) + ALG(fib)(n - 2); }

/* divisions and 64-bit arithmetic go through libgcc helpers */
static u32 ALG(arith)(u32 seed)
{
    u32 acc = seed;
    u64 wide = 0x123456789abcdefull;
    for (u32 i = 1; i < 2000; i++) {
        acc += (acc * 2654435761u) / i + (acc % (i + 7));
        wide = wide * 6364136223846793005ull + acc;
        acc ^= (u32)(wide >> 33) ^ (u32)(wide / (i + 3));
        s32 s = (s32)acc;
        acc += (u32)(s / -7) + (u32)(s % 13);
    }
    return acc ^ (u32)wide;
}

/* a dense switch becomes a jump table; function pointers make indirect calls */
static u32 ALG(op)(u32 k, u32 a, u32 b)
{
    switch (k & 7) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a ^ (b << 3);
    case 4: return (a >> 2) | b;
    case 5: return a & ~b;
    case 6: return b ? a / b : a;
    default: return a + 1;
    }
}

static u32 ALG(twice)(u32 x) { return x * 2; }
static u32 ALG(inc)(u32 x) { return x + 1; }
static u32 ALG(rot)(u32 x) { return (x << 7) | (x >> 25); }

static u32 ALG(interp)(u32 steps)
{
    u32 (*const fns[3])(u32) = { ALG(twice), ALG(inc), ALG(rot) };
    u32 a = 1, b = 3;
    for (u32 i = 0; i < steps; i++) {
        a = ALG(op)(i ^ a, a, b | 1);
        b = fns[(a ^ i) % 3](b);
    }
    return a ^ b;
}

static void ALG(sort)(u32 *v, u32 n)
{
    for (u32 gap = n / 2; gap; gap /= 2)
        for (u32 i = gap; i < n; i++)
            for (u32 j = i; j >= gap && v[j - gap] > v[j]; j -= gap) {
                u32 t = v[j]; v[j] = v[j - gap]; v[j - gap] = t;
            }
}

__attribute__((unused)) static void ALG(run)(const char *isa, u8 *mem, u32 *words)
{
    for (u32 i = 0; i < 65536; i++) mem[i] = (u8)(i * 131 + (i >> 7));
    printf("%s crc32(64K) = %08x\n", isa, ALG(crc32)(mem, 65536));
    printf("%s primes below 100000 = %u\n", isa, ALG(sieve)(mem, 100000));
    printf("%s fib(24) = %u\n", isa, ALG(fib)(24));
    printf("%s arith = %08x\n", isa, ALG(arith)(12345));
    printf("%s interp = %08x\n", isa, ALG(interp)(100000));
    u32 x = 1;
    for (u32 i = 0; i < 4096; i++) { x = x * 1103515245 + 12345; words[i] = x >> 8; }
    ALG(sort)(words, 4096);
    u32 ok = 1;
    for (u32 i = 1; i < 4096; i++) ok &= words[i - 1] <= words[i];
    printf("%s sort sorted=%u first=%08x mid=%08x last=%08x\n", isa, ok, words[0], words[2048], words[4095]);
}

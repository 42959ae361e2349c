/* Integer kernel: a CRC, a sieve and a small matrix multiply, repeated. Straight-line
 * ALU work with loads, stores and short loops, like ordinary C code. */
static unsigned char sieve[4096];
static unsigned mat_a[8][8], mat_b[8][8], mat_c[8][8];
volatile unsigned sink;

static unsigned crc32(const unsigned char *p, unsigned n, unsigned crc)
{
    crc = ~crc;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static unsigned primes(void)
{
    unsigned count = 0;
    for (unsigned i = 0; i < sizeof sieve; i++) sieve[i] = 1;
    for (unsigned i = 2; i < sizeof sieve; i++) {
        if (!sieve[i]) continue;
        count++;
        for (unsigned j = i * 2; j < sizeof sieve; j += i) sieve[j] = 0;
    }
    return count;
}

static unsigned matmul(unsigned seed)
{
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) { mat_a[i][j] = seed + i * 3 + j; mat_b[i][j] = seed ^ (i + j * 5); }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            unsigned s = 0;
            for (int k = 0; k < 8; k++) s += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = s;
        }
    return mat_c[3][5];
}

void main(unsigned iterations)
{
    unsigned acc = 0;
    for (unsigned it = 0; it < iterations; it++) {
        acc += primes();
        acc = crc32(sieve, 256, acc);
        acc += matmul(acc);
    }
    sink = acc;
}

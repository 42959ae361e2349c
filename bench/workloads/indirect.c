/* Indirect-branch-heavy kernel: calls through a table of function pointers chosen by data,
 * as interpreters and object-oriented code do. */
typedef unsigned (*op_fn)(unsigned, unsigned);
static unsigned op_add(unsigned a, unsigned b) { return a + b; }
static unsigned op_sub(unsigned a, unsigned b) { return a - b; }
static unsigned op_xor(unsigned a, unsigned b) { return a ^ b; }
static unsigned op_mix(unsigned a, unsigned b) { return (a << 3) + (b >> 2); }
static unsigned op_mul(unsigned a, unsigned b) { return a * (b | 1); }
static unsigned op_rot(unsigned a, unsigned b) { return (a >> 7) | (a << 25); }
static unsigned op_and(unsigned a, unsigned b) { return a & ~b; }
static unsigned op_or(unsigned a, unsigned b) { return a | (b >> 5); }
static op_fn const table[8] = { op_add, op_sub, op_xor, op_mix, op_mul, op_rot, op_and, op_or };
volatile unsigned sink;

void main(unsigned iterations)
{
    unsigned state = 12345;
    for (unsigned it = 0; it < iterations; it++)
        for (unsigned i = 0; i < 1000; i++) {
            state = state * 1103515245u + 12345u;
            sink = table[(state >> 16) & 7](sink, state);
        }
}

/* Mixed kernel, unlike integer.c in shape: recursive quicksort with a compare callback,
 * a byte-code interpreter dispatched by a switch, string hashing into a table indexed by
 * division, and a binary search. Function calls, switches, division helpers and byte
 * loads dominate, as in ordinary application code. */
#define N 512
static unsigned data[N];
static unsigned char text[1024];
static unsigned buckets[61];
volatile unsigned sink;

static int less(unsigned a, unsigned b) { return (a ^ 0x5a5a5a5au) < (b ^ 0x5a5a5a5au); }

static void quicksort(unsigned *a, int lo, int hi, int (*cmp)(unsigned, unsigned))
{
    while (lo < hi) {
        unsigned pivot = a[(lo + hi) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (cmp(a[i], pivot)) i++;
            while (cmp(pivot, a[j])) j--;
            if (i <= j) { unsigned t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j, cmp); lo = i; }
        else { quicksort(a, i, hi, cmp); hi = j; }
    }
}

enum { PUSH, ADD, MUL, XOR, DUP, SWAP, SHR, JNZ, HALT };
static const unsigned char program[] = {
    PUSH, 7, PUSH, 100, DUP, PUSH, 3, MUL, SWAP, XOR, PUSH, 1, SHR, SWAP, PUSH, 255, ADD,
    SWAP, DUP, JNZ, 4, HALT,
};

static unsigned interpret(unsigned seed)
{
    unsigned stack[16], sp = 0, pc = 0, steps = 0;
    stack[sp++] = seed;
    for (;;) {
        unsigned char op = program[pc++];
        switch (op) {
        case PUSH: stack[sp++] = program[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { unsigned t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case SHR: sp--; stack[sp - 1] >>= stack[sp] & 31; break;
        case JNZ: sp--; if (stack[sp] && ++steps < 200) pc = program[pc]; else pc++; break;
        default: return stack[0] + steps;
        }
        if (sp > 12) sp = 12;
        if (sp < 2) stack[sp++] = seed;
    }
}

static unsigned hash_words(unsigned seed)
{
    for (unsigned i = 0; i < sizeof text; i++) {
        seed = seed * 69069u + 1;
        text[i] = (seed >> 24) % 7 == 0 ? ' ' : 'a' + (seed >> 16) % 26;
    }
    unsigned h = 0, words = 0;
    for (unsigned i = 0; i < sizeof text; i++) {
        if (text[i] == ' ') { buckets[h % 61]++; words++; h = 0; }
        else h = h * 31 + text[i];
    }
    return words + buckets[seed % 61] / 3;
}

static int search(const unsigned *a, int n, unsigned key)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) >> 1;
        if (a[mid] == key) return mid;
        if (less(a[mid], key)) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
}

void main(unsigned iterations)
{
    unsigned acc = 1;
    for (unsigned it = 0; it < iterations; it++) {
        for (int i = 0; i < N; i++) { acc = acc * 1664525u + 1013904223u; data[i] = acc; }
        quicksort(data, 0, N - 1, less);
        acc += interpret(acc) + hash_words(acc);
        for (int i = 0; i < N; i += 7) acc += (unsigned)search(data, N, data[i]);
    }
    sink = acc;
}

#include "console.h"
#include "xtf.h"

static int failures;

void check(int ok, const char *what)
{
    if (ok) return;
    failures++;
    print("FAILED: ");
    print(what);
    print("\n");
}

void check_eq(int got, int want, const char *what)
{
    if (got == want) return;
    failures++;
    print("FAILED: ");
    print(what);
    print_dec(": got ", got);
    print_dec("        expected ", want);
}

int test_result(void)
{
    print(failures ? "Test result: FAILURE\n" : "Test result: SUCCESS\n");
    return failures ? 3 /* SHUTDOWN_crash */ : 0;
}

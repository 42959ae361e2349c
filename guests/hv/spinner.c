/* A guest that never yields: the scheduler's time slice must still let others run. */
#include "minios.h"

static volatile unsigned counter;

int main(void)
{
    print("spinner: start\n");
    for (unsigned i = 0; i < 4000000; i++) counter++;
    print("spinner: done\n");
    check(counter == 4000000, "the loop ran to the end");
    return test_result();
}

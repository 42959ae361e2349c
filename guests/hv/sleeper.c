/* Sleeps until it is told otherwise: a long-running domain for `cloister xl` to list, pause,
   unpause, shut down or destroy (it blocks with no event source, so it costs no CPU). */
#include "minios.h"

int main(void)
{
    print("sleeper: waiting for the toolstack\n");
    for (;;) block();
}

/* Burns CPU until system time reaches until_ms= (from its command line), counting loop rounds:
 * the count shows what share of the CPU the scheduler gave it. */
#include "minios.h"

int main(void)
{
    events_init(0);
    uint64_t until = (uint64_t)cmdline_int("until_ms", 300) * 1000000u;
    unsigned rounds = 0;
    while (system_time() < until)
        for (volatile int i = 0; i < 1000; i++) rounds++;
    print_dec("burner: thousand-rounds ", rounds / 1000);
    return test_result();
}

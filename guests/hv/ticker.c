/* VIRQ_TIMER: five single-shot timers 1 ms apart, each waited for with block(). */
#include "minios.h"

static volatile int ticks;
static void on_event(unsigned port) { ticks++; }

int main(void)
{
    events_init(on_event);
    print_dec("ticker: VIRQ_TIMER bound to port ", bind_virq(VIRQ_TIMER));
    uint64_t start = system_time();
    for (int i = 0; i < 5; i++) {
        set_timer(system_time() + 1000000);
        while (ticks <= i) block();
    }
    uint64_t elapsed = system_time() - start;
    print_dec("ticker: timer events ", ticks);
    print(elapsed >= 5000000 ? "ticker: system time advanced by at least 5 ms\n"
                             : "ticker: system time did not advance enough\n");
    check_eq(ticks, 5, "VIRQ_TIMER events");
    check(elapsed >= 5000000, "system time advances across five 1 ms timers");
    return test_result();
}

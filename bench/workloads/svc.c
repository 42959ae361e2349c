/* Exception round trips: an SVC whose handler returns at once (MOVS PC, LR), the cost of a
 * system call's entry and exit without the work. */
extern void install_svc_handler(void);
extern void do_svc(void);
volatile unsigned sink;

void main(unsigned iterations)
{
    install_svc_handler();
    for (unsigned it = 0; it < iterations; it++)
        for (unsigned i = 0; i < 100; i++) do_svc();
    sink = iterations;
}

#include "hvm.h"
#include "evtchn.h"
#include "sched.h"
#include "consring.h"

#define IN_SIZE 1024
#define OUT_SIZE 2048
struct xencons_interface {
    char in[IN_SIZE], out[OUT_SIZE];
    volatile uint32_t in_cons, in_prod, out_cons, out_prod;
};

static volatile struct xencons_interface *cons;
static unsigned cons_port;

int cons_init(void)
{
    volatile void *page;
    int rc = hvm_get_ring(HVM_PARAM_CONSOLE_PFN, HVM_PARAM_CONSOLE_EVTCHN, &page, &cons_port);
    if (rc == 0) cons = page;
    return rc;
}

void cons_write(const char *s)
{
    for (; *s; s++) {
        /* Full: tell the backend, which takes what is there; sleep only if it has not yet. */
        while (cons->out_prod - cons->out_cons >= OUT_SIZE) {
            evtchn_send(cons_port);
            wait_event_until(cons_port, cons->out_prod - cons->out_cons < OUT_SIZE);
        }
        cons->out[cons->out_prod % OUT_SIZE] = *s;
        __asm__ volatile("" ::: "memory");
        cons->out_prod++;
    }
    evtchn_send(cons_port);
}

unsigned cons_read(char *buf, unsigned len)
{
    wait_event_until(cons_port, cons->in_cons != cons->in_prod);
    unsigned n = 0;
    while (n < len && cons->in_cons != cons->in_prod) {
        buf[n++] = cons->in[cons->in_cons % IN_SIZE];
        __asm__ volatile("" ::: "memory");
        cons->in_cons++;
    }
    evtchn_send(cons_port); /* the backend may wait for room */
    return n;
}

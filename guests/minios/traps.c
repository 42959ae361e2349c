#include "xen.h"
#include "traps.h"

static void (*fault_handler)(struct trap_frame *);
extern void trap_entry(void);

/* Called from trap_entry (entry.S). */
void trap_handler(struct trap_frame *frame)
{
    if (fault_handler) fault_handler(frame);
}

void traps_init(void (*handler)(struct trap_frame *))
{
    static struct callback_register cb;
    fault_handler = handler;
    cb.type = 0x100; cb.address = (uint32_t)trap_entry;
    hypercall(__HYPERVISOR_callback_op, 0, (uint32_t)&cb, 0, 0);
}

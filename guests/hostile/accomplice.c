/* Attacker on the memory attacker's side: maps the page it grants us (writable), and after it
 * has tried to give that page back to the hypervisor, checks that what we still map is the
 * page it was — not scrubbed, not reused as someone else's frame. */
#include "grants.h"

#define ALIAS_PFN 0x1B0
static volatile int events;
static void on_event(unsigned port) { (void)port; events++; }

int main(void)
{
    int granter = cmdline_int("granter", 0);
    events_init(on_event);
    int port = attacker_join();
    int local = -1;
    while (local < 0) {
        for (int p = 1; p < 16 && local < 0; p++) {
            int rc = evtchn_bind_interdomain(granter, p);
            if (rc > 0) local = rc;
        }
        if (local < 0) yield();
    }
    uint32_t handle;
    check_eq(map_raw(granter, ACCOMPLICE_REF, ALIAS_PFN << 12, GNTMAP_host_map, &handle), 0, "map the granter's page");
    volatile uint32_t *alias = (volatile uint32_t *)(ALIAS_PFN << 12);
    check(alias[5] == GOOD_WORD(5), "the mapped page holds what the granter wrote");
    int before = events;
    evtchn_send(local);
    wait_for_event(&events, before);                     /* the granter has tried to free it */
    int scrubbed = 0, reused = 0;
    for (int i = 0; i < 1024; i++) {
        if (alias[i] != GOOD_WORD(i)) scrubbed = 1;
        if (alias[i] == FRESH_WORD(i)) reused = 1;
    }
    refused_if(!scrubbed, "the frame we map was scrubbed under us", scrubbed);
    refused_if(!reused, "the frame we map was handed out again", reused);
    check_eq(unmap_raw(ALIAS_PFN << 12, handle), 0, "unmap");
    evtchn_send(local);
    return attacker_finish(port);
}

#include "xen.h"
#include "evtchn.h"

static int evtchn_op(int cmd, void *arg) { return hypercall(__HYPERVISOR_event_channel_op, cmd, (uint32_t)arg, 0, 0); }

int evtchn_alloc_unbound(int remote_dom)
{
    static struct evtchn_alloc_unbound a;
    a.dom = DOMID_SELF; a.remote_dom = remote_dom;
    int rc = evtchn_op(EVTCHNOP_alloc_unbound, &a);
    return rc < 0 ? rc : (int)a.port;
}

int evtchn_bind_interdomain(int remote_dom, unsigned remote_port)
{
    static struct evtchn_bind_interdomain b;
    b.remote_dom = remote_dom; b.remote_port = remote_port;
    int rc = evtchn_op(EVTCHNOP_bind_interdomain, &b);
    return rc < 0 ? rc : (int)b.local_port;
}

int evtchn_send(unsigned port)
{
    static uint32_t p;
    p = port;
    return evtchn_op(EVTCHNOP_send, &p);
}

int evtchn_close(unsigned port)
{
    static uint32_t p;
    p = port;
    return evtchn_op(EVTCHNOP_close, &p);
}

int bind_virq(unsigned virq)
{
    static struct evtchn_bind_virq b;
    b.virq = virq; b.vcpu = 0;
    int rc = evtchn_op(EVTCHNOP_bind_virq, &b);
    return rc < 0 ? rc : (int)b.port;
}

int bind_ipi(unsigned vcpu)
{
    struct { uint32_t vcpu, port; } b; /* on the stack: each vCPU may bind its own at once */
    b.vcpu = vcpu;
    int rc = evtchn_op(EVTCHNOP_bind_ipi, &b);
    return rc < 0 ? rc : (int)b.port;
}

int evtchn_bind_vcpu(unsigned port, unsigned vcpu)
{
    struct { uint32_t port, vcpu; } b;
    b.port = port;
    b.vcpu = vcpu;
    return evtchn_op(EVTCHNOP_bind_vcpu, &b);
}

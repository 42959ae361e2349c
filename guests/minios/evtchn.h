/* Event channel operations (event_channel_op): results are the port, or a negative Xen errno. */
#ifndef EVTCHN_H
#define EVTCHN_H
int evtchn_alloc_unbound(int remote_dom);
int evtchn_bind_interdomain(int remote_dom, unsigned remote_port);
int evtchn_send(unsigned port);
int evtchn_close(unsigned port);
/* A virtual IRQ (VIRQ_TIMER, ...) of vCPU 0. */
int bind_virq(unsigned virq);
/* An inter-processor event to vCPU vcpu of this domain: a send on it comes back to us. */
int bind_ipi(unsigned vcpu);
/* Moves an unbound or interdomain channel (or a global VIRQ) to notify vCPU vcpu. */
int evtchn_bind_vcpu(unsigned port, unsigned vcpu);
#endif

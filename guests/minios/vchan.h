/* A byte stream between two domains in the layout of Xen's libxenvchan
 * (xen/include/public/io/libxenvchan.h): the server grants a control page and two ring pages
 * to the client and allocates an event channel, and publishes the control page's grant
 * reference and the port in xenstore (PATH/ring-ref, PATH/event-channel, readable by the
 * client only); the client reads them, maps the pages and binds the port. "left" carries
 * client-to-server bytes, "right" server-to-client. Reads and writes sleep the calling thread
 * (sched.h) while the ring is empty or full; each side asks to be told (the notify bytes)
 * before it sleeps, and the other sends an event only then. One thread may read and another
 * write at the same time; two readers (or writers) of one vchan must take turns themselves.
 * Barriers are compiler barriers: Cloister's CPUs see each other's stores in program order
 * (real ARMv6K SMP hardware would need a DMB at each). */
#ifndef VCHAN_H
#define VCHAN_H
#include <stdint.h>

struct vchan_ring { uint32_t cons, prod; };
struct vchan_interface {
    struct vchan_ring left, right;
    uint16_t left_order, right_order;   /* ring sizes, log2 bytes */
    uint8_t cli_live, srv_live;         /* 1 connected, 0 closed; cli_live 2 until a client comes */
    uint8_t cli_notify, srv_notify;     /* VCHAN_NOTIFY_* bits the client / the server waits for */
    uint32_t grants[];                  /* the ring pages' grant refs: left's, then right's */
};
#define VCHAN_NOTIFY_WRITE 1
#define VCHAN_NOTIFY_READ 2

struct vchan {
    volatile struct vchan_interface *shared;
    volatile struct vchan_ring *in, *out;   /* the ring we read, the ring we write */
    volatile uint8_t *in_data, *out_data;
    uint32_t in_size, out_size;
    unsigned port, peer;
    int server;
    unsigned pfns[3];                       /* control page, left ring, right ring */
    int refs[3];                            /* server: the grants; client: the map handles */
};

/* PATH for the vchan NAME from server to client: /local/domain/SERVER/data/vchan/CLIENT/NAME. */
void vchan_path(char *buf, int size, int server, int client, const char *name);
/* Server: 0, or a negative errno (grant table full, xenstore refused...). With path 0 nothing
 * is published: for a domain without xenstore, whose client learns refs[0] and port otherwise
 * (the secure phone's vault: its configuration tells the UI). */
int vchan_server_init(struct vchan *v, int client, const char *path);
/* Server: sleeps until the client has connected. */
void vchan_server_wait(struct vchan *v);
/* Client: waits (1 ms naps) until the server has published PATH, then connects. 0, or the
 * failing grant map's status / bind's errno. */
int vchan_client_init(struct vchan *v, int server, const char *path);

/* Client, without xenstore: connects to the vchan whose control page is the server's grant
 * ring_ref and whose unbound port is port. 0, or the failing map's status / bind's errno
 * (nothing stays mapped then, so it can be retried). */
int vchan_client_connect(struct vchan *v, int server, unsigned ring_ref, unsigned port);
/* Writes all len bytes, sleeping while the ring is full; len, or -1 once the peer closed. */
int vchan_write(struct vchan *v, const void *buf, int len);
/* Reads exactly len bytes, sleeping while the ring is empty; len, or -1 once the peer closed
 * and nothing is left. */
int vchan_read(struct vchan *v, void *buf, int len);
int vchan_data_ready(struct vchan *v);
int vchan_buffer_space(struct vchan *v);
int vchan_peer_live(struct vchan *v);
/* Client: unmaps and says so. Server: says so, then revokes its grants once the client has
 * unmapped (gnttab_end_access -EBUSY until then; returns that last result). */
int vchan_close(struct vchan *v);
#endif

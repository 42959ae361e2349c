#include "evtchn.h"
#include "grant.h"
#include "pages.h"
#include "sched.h"
#include "clock.h"
#include "vchan.h"
#include "xenstore.h"

#define RING_ORDER 12   /* one page each way: the rings live in their own granted pages */
#define ENOMEM 12
#define EBUSY 16
#define barrier() __asm__ volatile("" ::: "memory")

static char *put_str(char *p, char *end, const char *s) { while (*s && p < end) *p++ = *s++; return p; }

static char *put_num(char *p, char *end, unsigned v)
{
    char digits[12];
    int n = 0;
    do { digits[n++] = '0' + v % 10; v /= 10; } while (v);
    while (n && p < end) *p++ = digits[--n];
    return p;
}

static unsigned parse_num(const char *s) { unsigned v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

void vchan_path(char *buf, int size, int server, int client, const char *name)
{
    char *p = buf, *end = buf + size - 1;
    p = put_str(p, end, "/local/domain/");
    p = put_num(p, end, server);
    p = put_str(p, end, "/data/vchan/");
    p = put_num(p, end, client);
    p = put_str(p, end, "/");
    p = put_str(p, end, name);
    *p = 0;
}

static void node(char *buf, const char *path, const char *leaf)
{
    char *end = buf + 127;
    *put_str(put_str(put_str(buf, end, path), end, "/"), end, leaf) = 0;
}

/* Which notify byte is whose: each side sets its own and only reads the other's. */
static volatile uint8_t *own_notify(struct vchan *v) { return v->server ? &v->shared->srv_notify : &v->shared->cli_notify; }
static volatile uint8_t *peer_notify(struct vchan *v) { return v->server ? &v->shared->cli_notify : &v->shared->srv_notify; }

static void tell_peer(struct vchan *v, uint8_t what)
{
    barrier();
    if (*peer_notify(v) & what) evtchn_send(v->port);
}

static void attach_rings(struct vchan *v)
{
    volatile struct vchan_interface *s = v->shared;
    volatile uint8_t *left = PAGE_ADDRESS(v->pfns[1]), *right = PAGE_ADDRESS(v->pfns[2]);
    v->in = v->server ? &s->left : &s->right;
    v->out = v->server ? &s->right : &s->left;
    v->in_data = v->server ? left : right;
    v->out_data = v->server ? right : left;
    v->in_size = 1u << (v->server ? s->left_order : s->right_order);
    v->out_size = 1u << (v->server ? s->right_order : s->left_order);
}

int vchan_server_init(struct vchan *v, int client, const char *path)
{
    unsigned first = pages_alloc(3);
    if (!first) return -ENOMEM;
    v->server = 1; v->peer = client;
    for (int i = 0; i < 3; i++) v->pfns[i] = first + i;
    v->shared = PAGE_ADDRESS(first);
    v->shared->left_order = v->shared->right_order = RING_ORDER;
    v->shared->srv_live = 1;
    v->shared->cli_live = 2;
    /* The client writes the left ring and only reads the right one. */
    for (int i = 0; i < 3; i++)
        if ((v->refs[i] = gnttab_grant_access(client, v->pfns[i], i == 2)) < 0) return v->refs[i];
    v->shared->grants[0] = v->refs[1];
    v->shared->grants[1] = v->refs[2];
    attach_rings(v);
    int port = evtchn_alloc_unbound(client);
    if (port < 0) return port;
    v->port = port;
    if (!path) return 0;

    /* As libxenvchan: the nodes belong to us and the client alone may read them. */
    char owner[16] = "n", reader[16] = "r", leaf[128], num[12];
    int rc = xs_domid();
    if (rc < 0) return rc;
    *put_num(owner + 1, owner + 15, rc) = 0;
    *put_num(reader + 1, reader + 15, client) = 0;
    if ((rc = xs_mkdir(0, path)) < 0 || (rc = xs_set_perms(0, path, owner, reader)) < 0) return rc;
    node(leaf, path, "ring-ref");
    *put_num(num, num + 11, v->refs[0]) = 0;
    if ((rc = xs_write(0, leaf, num)) < 0) return rc;
    node(leaf, path, "event-channel");
    *put_num(num, num + 11, v->port) = 0;
    return xs_write(0, leaf, num);
}

void vchan_server_wait(struct vchan *v)
{
    wait_event_until(v->port, v->shared->cli_live != 2);
}

static int read_number(const char *path, const char *leaf_name, unsigned *value)
{
    char leaf[128], buf[16];
    node(leaf, path, leaf_name);
    int rc = xs_read(0, leaf, buf, sizeof buf);
    if (rc >= 0) *value = parse_num(buf);
    return rc;
}

int vchan_client_init(struct vchan *v, int server, const char *path)
{
    unsigned gref, port;
    /* The event channel is written last: once it is there, so is the ring reference. */
    while (read_number(path, "event-channel", &port) < 0) thread_sleep_until(system_time() + MILLISECONDS(1));
    int rc = read_number(path, "ring-ref", &gref);
    return rc < 0 ? rc : vchan_client_connect(v, server, gref, port);
}

int vchan_client_connect(struct vchan *v, int server, unsigned ring_ref, unsigned port)
{
    if (!v->pfns[0]) {
        unsigned first = pages_alloc(3);
        if (!first) return -ENOMEM;
        for (int i = 0; i < 3; i++) v->pfns[i] = first + i;
    }
    v->server = 0; v->peer = server;
    int rc = grant_map(server, ring_ref, v->pfns[0], 0, (unsigned *)&v->refs[0]);
    if (rc != 0) return rc;
    v->shared = PAGE_ADDRESS(v->pfns[0]);
    for (int i = 1; i < 3; i++)
        if ((rc = grant_map(server, v->shared->grants[i - 1], v->pfns[i], i == 2, (unsigned *)&v->refs[i])) != 0) {
            while (--i >= 0) grant_unmap(v->pfns[i], v->refs[i]);
            return rc;
        }
    attach_rings(v);
    int local = evtchn_bind_interdomain(server, port);
    if (local < 0) {
        for (int i = 2; i >= 0; i--) grant_unmap(v->pfns[i], v->refs[i]);
        return local;
    }
    v->port = local;
    v->shared->cli_live = 1;
    barrier();
    evtchn_send(v->port);
    return 0;
}

int vchan_data_ready(struct vchan *v) { return v->in->prod - v->in->cons; }
int vchan_buffer_space(struct vchan *v) { return v->out_size - (v->out->prod - v->out->cons); }

int vchan_peer_live(struct vchan *v)
{
    return (v->server ? v->shared->cli_live : v->shared->srv_live) == 1;
}

/* Sleeps until cond, having asked the peer to send an event on `what` before looking. */
#define wait_for_peer(v, what, cond)                                        \
    do {                                                                    \
        *own_notify(v) |= (what);                                           \
        barrier();                                                          \
        wait_event_until((v)->port, (cond));                                \
        *own_notify(v) &= ~(what);                                          \
    } while (0)

int vchan_write(struct vchan *v, const void *buf, int len)
{
    const uint8_t *src = buf;
    for (int done = 0; done < len;) {
        if (!vchan_peer_live(v)) return -1;
        int room = vchan_buffer_space(v);
        if (room == 0) {
            wait_for_peer(v, VCHAN_NOTIFY_READ, vchan_buffer_space(v) > 0 || !vchan_peer_live(v));
            continue;
        }
        uint32_t prod = v->out->prod;
        int n = len - done < room ? len - done : room;
        for (int i = 0; i < n; i++) v->out_data[(prod + i) & (v->out_size - 1)] = src[done + i];
        barrier(); /* the bytes before the index that publishes them */
        v->out->prod = prod + n;
        done += n;
        tell_peer(v, VCHAN_NOTIFY_WRITE);
    }
    return len;
}

int vchan_read(struct vchan *v, void *buf, int len)
{
    uint8_t *dst = buf;
    for (int done = 0; done < len;) {
        int ready = vchan_data_ready(v);
        if (ready == 0) {
            if (!vchan_peer_live(v)) return -1;
            wait_for_peer(v, VCHAN_NOTIFY_WRITE, vchan_data_ready(v) > 0 || !vchan_peer_live(v));
            continue;
        }
        uint32_t cons = v->in->cons;
        int n = len - done < ready ? len - done : ready;
        barrier();
        for (int i = 0; i < n; i++) dst[done + i] = v->in_data[(cons + i) & (v->in_size - 1)];
        barrier(); /* the bytes are copied before the writer may reuse them */
        v->in->cons = cons + n;
        done += n;
        tell_peer(v, VCHAN_NOTIFY_READ);
    }
    return len;
}

int vchan_close(struct vchan *v)
{
    if (!v->server) {
        grant_unmap(v->pfns[2], v->refs[2]);
        grant_unmap(v->pfns[1], v->refs[1]);
        v->shared->cli_live = 0;
        barrier();
        evtchn_send(v->port);
        return grant_unmap(v->pfns[0], v->refs[0]);
    }
    v->shared->srv_live = 0;
    barrier();
    evtchn_send(v->port);
    wait_event_until(v->port, v->shared->cli_live != 1);
    /* The client unmaps its last page just after saying it left: a few naps at most. */
    int rc = -EBUSY;
    for (int tries = 0; tries < 100 && rc == -EBUSY; tries++) {
        rc = 0;
        for (int i = 0; i < 3; i++)
            if (v->refs[i] >= 0 && gnttab_end_access(v->refs[i]) == 0) v->refs[i] = -1;
            else if (v->refs[i] >= 0) rc = -EBUSY;
        if (rc) thread_sleep_until(system_time() + MILLISECONDS(1));
    }
    return rc;
}

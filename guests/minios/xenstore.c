#include "hvm.h"
#include "evtchn.h"
#include "sched.h"
#include "xenstore.h"

enum { XS_DIRECTORY = 1, XS_READ = 2, XS_WATCH = 4, XS_UNWATCH = 5, XS_TRANSACTION_START = 6,
       XS_TRANSACTION_END = 7, XS_WRITE = 11, XS_MKDIR = 12, XS_RM = 13, XS_SET_PERMS = 14,
       XS_WATCH_EVENT = 15, XS_ERROR = 16 };

struct xsd_sockmsg { uint32_t type, req_id, tx_id, len; };
#define RING_SIZE 1024
struct xenstore_domain_interface {
    char req[RING_SIZE], rsp[RING_SIZE];
    volatile uint32_t req_cons, req_prod, rsp_cons, rsp_prod;
};

static volatile struct xenstore_domain_interface *ring;
static unsigned port;
static uint32_t next_req = 1;
#define barrier() __asm__ volatile("" ::: "memory")

/* Watch events that came while waiting for a reply: kept until xs_read_watch. */
#define MAX_EVENTS 8
#define MAX_EVENT 128
static char events[MAX_EVENTS][MAX_EVENT];
static int event_len[MAX_EVENTS], events_head, events_count;


int xs_init(void)
{
    volatile void *page;
    int rc = hvm_get_ring(HVM_PARAM_STORE_PFN, HVM_PARAM_STORE_EVTCHN, &page, &port);
    if (rc) return rc; /* -2: no xenstore for this domain */
    ring = page;
    events_init(0);
    return 0;
}

static void put_bytes(const void *data, unsigned len)
{
    const char *d = data;
    for (unsigned i = 0; i < len; i++) {
        /* Full: tell xenstored, which takes what is there and says so; sleep only if it has not yet. */
        while (ring->req_prod - ring->req_cons >= RING_SIZE) {
            evtchn_send(port);
            wait_event_until(port, ring->req_prod - ring->req_cons < RING_SIZE);
        }
        ring->req[ring->req_prod % RING_SIZE] = d[i];
        barrier();
        ring->req_prod++;
    }
}

/* Copies the next len bytes of replies, waiting on the event channel for them. */
static void get_bytes(void *data, unsigned len)
{
    char *d = data;
    for (unsigned i = 0; i < len; i++) {
        wait_event_until(port, ring->rsp_cons != ring->rsp_prod);
        barrier();
        if (d) d[i] = ring->rsp[ring->rsp_cons % RING_SIZE];
        ring->rsp_cons++;
    }
}

static void keep_event(const struct xsd_sockmsg *h)
{
    int slot = (events_head + events_count) % MAX_EVENTS;
    unsigned keep = h->len < MAX_EVENT ? h->len : MAX_EVENT;
    get_bytes(events[slot], keep);
    get_bytes(0, h->len - keep);
    event_len[slot] = keep;
    if (events_count < MAX_EVENTS) events_count++;
    else events_head = (events_head + 1) % MAX_EVENTS; /* full: the oldest goes */
}

static int streq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }

static int error_number(const char *name)
{
    static const struct { const char *name; int value; } table[] = {
        { "EINVAL", 22 }, { "EACCES", 13 }, { "EEXIST", 17 }, { "EISDIR", 21 }, { "ENOENT", 2 },
        { "ENOMEM", 12 }, { "ENOSPC", 28 }, { "EIO", 5 }, { "ENOTEMPTY", 39 }, { "ENOSYS", 38 },
        { "EROFS", 30 }, { "EBUSY", 16 }, { "EAGAIN", 11 }, { "EISCONN", 106 }, { "E2BIG", 7 }, { "EPERM", 1 },
    };
    for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++)
        if (streq(name, table[i].name)) return -table[i].value;
    return -5;
}

static unsigned slen(const char *s) { unsigned n = 0; while (s[n]) n++; return n; }

/* One request of up to three parts (each given with its length); the reply goes to out.
 * Threads take turns: the ring carries one request and its reply at a time. */
static int busy;
static int exchange(uint32_t type, uint32_t tx, const char *a, unsigned alen, const char *b, unsigned blen,
                   char *out, int size)
{
    struct xsd_sockmsg h = { type, next_req++, tx, alen + blen };
    put_bytes(&h, sizeof h);
    put_bytes(a, alen);
    put_bytes(b, blen);
    evtchn_send(port);
    for (;;) {
        struct xsd_sockmsg r;
        get_bytes(&r, sizeof r);
        if (r.type == XS_WATCH_EVENT) { keep_event(&r); continue; }
        char err[16];
        if (r.type == XS_ERROR) {
            unsigned keep = r.len < sizeof err ? r.len : sizeof err - 1;
            get_bytes(err, keep);
            get_bytes(0, r.len - keep);
            err[keep] = 0;
            evtchn_send(port); /* room in the ring: xenstored may have more to say */
            return error_number(err);
        }
        unsigned keep = out && size > 0 ? (r.len < (unsigned)size - 1 ? r.len : (unsigned)size - 1) : 0;
        get_bytes(out, keep);
        get_bytes(0, r.len - keep);
        if (out && size > 0) out[keep] = 0;
        evtchn_send(port);
        return r.req_id == h.req_id ? (int)keep : -5;
    }
}

static int request(uint32_t type, uint32_t tx, const char *a, unsigned alen, const char *b, unsigned blen,
                   char *out, int size)
{
    wait_event_until(port, !busy);
    busy = 1;
    int rc = exchange(type, tx, a, alen, b, blen, out, size);
    busy = 0;
    thread_wake_waiters(port);
    return rc;
}

static int path_request(uint32_t type, uint32_t tx, const char *path, char *out, int size)
{
    return request(type, tx, path, slen(path) + 1, "", 0, out, size);
}

int xs_read(uint32_t tx, const char *path, char *buf, int size) { return path_request(XS_READ, tx, path, buf, size); }
int xs_directory(uint32_t tx, const char *path, char *buf, int size) { return path_request(XS_DIRECTORY, tx, path, buf, size); }
int xs_mkdir(uint32_t tx, const char *path) { int rc = path_request(XS_MKDIR, tx, path, 0, 0); return rc < 0 ? rc : 0; }
int xs_rm(uint32_t tx, const char *path) { int rc = path_request(XS_RM, tx, path, 0, 0); return rc < 0 ? rc : 0; }

int xs_write(uint32_t tx, const char *path, const char *value)
{
    int rc = request(XS_WRITE, tx, path, slen(path) + 1, value, slen(value), 0, 0);
    return rc < 0 ? rc : 0;
}

static int watch_request(uint32_t type, const char *path, const char *token)
{
    int rc = request(type, 0, path, slen(path) + 1, token, slen(token) + 1, 0, 0);
    return rc < 0 ? rc : 0;
}

int xs_watch(const char *path, const char *token) { return watch_request(XS_WATCH, path, token); }
int xs_unwatch(const char *path, const char *token) { return watch_request(XS_UNWATCH, path, token); }

int xs_watch_events_waiting(void)
{
    /* Events xenstored has put in the ring since the last reply are counted too. */
    while (ring->rsp_cons != ring->rsp_prod) {
        struct xsd_sockmsg r;
        get_bytes(&r, sizeof r);
        keep_event(&r); /* between replies only watch events come unasked */
    }
    return events_count;
}

int xs_read_watch(char *path, int psize, char *token, int tsize)
{
    wait_event_until(port, xs_watch_events_waiting() > 0);
    char *e = events[events_head];
    int n = event_len[events_head], i = 0, j = 0;
    while (i < n && e[i] && i < psize - 1) { path[i] = e[i]; i++; }
    path[i] = 0;
    while (i < n && e[i]) i++;
    i++;
    while (i < n && e[i] && j < tsize - 1) token[j++] = e[i++];
    token[j] = 0;
    events_head = (events_head + 1) % MAX_EVENTS;
    events_count--;
    return 0;
}

int xs_domid(void)
{
    char id[12];
    int rc = xs_read(0, "domid", id, sizeof id);
    if (rc < 0) return rc;
    int v = 0;
    for (char *p = id; *p >= '0' && *p <= '9'; p++) v = v * 10 + (*p - '0');
    return v;
}

int xs_set_perms(uint32_t tx, const char *path, const char *owner, const char *other)
{
    char perms[32];
    unsigned n = 0;
    for (const char *p = owner; *p && n < sizeof perms - 2; p++) perms[n++] = *p;
    perms[n++] = 0;
    for (const char *p = other; *p && n < sizeof perms - 1; p++) perms[n++] = *p;
    perms[n++] = 0;
    int rc = request(XS_SET_PERMS, tx, path, slen(path) + 1, perms, n, 0, 0);
    return rc < 0 ? rc : 0;
}

int xs_transaction_start(uint32_t *tx)
{
    char id[16];
    int rc = request(XS_TRANSACTION_START, 0, "", 1, "", 0, id, sizeof id);
    if (rc < 0) return rc;
    uint32_t v = 0;
    for (int i = 0; id[i]; i++) v = v * 10 + (id[i] - '0');
    *tx = v;
    return 0;
}

int xs_transaction_end(uint32_t tx, int commit)
{
    int rc = request(XS_TRANSACTION_END, tx, commit ? "T" : "F", 2, "", 0, 0, 0);
    return rc < 0 ? rc : 0;
}

/* The vault: keeps a PIN and a signing key and serves the UI (only the UI) through a vchan
 * whose pages it grants to the UI alone, one request at a time, until the UI says goodbye. */
#include "minios.h"
#include "protocol.h"

static const char pin[] = "4321";
static const char key[] = "vault-secret-key";

static int same(const char *a, const char *b)
{
    while (*a && *a == *b) { a++; b++; }
    return *a == *b;
}

static void put(char *dst, const char *s) { while ((*dst++ = *s++)) ; }

static void hex(char *dst, uint32_t v)
{
    for (int i = 7; i >= 0; i--) { dst[i] = "0123456789abcdef"[v & 15]; v >>= 4; }
    dst[8] = 0;
}

/* A keyed FNV-1a: not cryptography, just something only the key holder can produce. */
static uint32_t sign(const char *msg)
{
    uint32_t h = 2166136261u;
    for (const char *k = key; *k; k++) h = (h ^ (uint8_t)*k) * 16777619u;
    while (*msg) h = (h ^ (uint8_t)*msg++) * 16777619u;
    return h;
}

static void answer(const struct vault_request *rq, struct vault_reply *rp)
{
    if (rq->op == OP_VERIFY_PIN) {
        int ok = same(rq->arg, pin);
        rp->status = ok ? 0 : 1;
        put(rp->text, ok ? "PIN accepted" : "PIN rejected");
    } else if (rq->op == OP_SIGN) {
        rp->status = 0;
        put(rp->text, "signature ");
        hex(rp->text + 10, sign(rq->arg));
    } else {
        rp->status = -1;
        put(rp->text, "unknown request");
    }
}

int main(void)
{
    static struct vchan v;
    events_init(0);
    int rc = vchan_server_init(&v, cmdline_int("ui", 2), 0);
    print_dec("vault: vchan for the UI, ring-ref ", v.refs[0]);
    print_dec("vault: vchan event channel ", v.port);
    if (rc) return 3;
    vchan_server_wait(&v);
    print("vault: the UI connected\n");
    int served = 0;
    for (;;) {
        struct vault_request rq;
        struct vault_reply rp;
        if (vchan_read(&v, &rq, sizeof rq) < 0 || rq.op == OP_BYE) break;
        rq.arg[sizeof rq.arg - 1] = 0;
        answer(&rq, &rp);
        vchan_write(&v, &rp, sizeof rp);
        served++;
    }
    print_dec("vault: requests served: ", served);
    print(vchan_close(&v) == 0 ? "vault: the UI left; its grants are revoked\n" : "vault: a grant could not be revoked\n");
    /* With stay=1 on its command line the domain stays (blocked) after the scenario, for
       `cloister xl` to inspect, until the toolstack shuts it down or destroys it. */
    if (cmdline_int("stay", 0)) for (;;) block();
    return 0;
}

/* A vchan between two mini-OS domains: the server (server=1) publishes it in xenstore, the
 * client finds it there and connects; each side sends 64 KiB with one thread while another
 * reads the peer's 64 KiB, through 4 KiB rings (so they wrap sixteen times and writers wait
 * for room), in chunks that do not divide the ring. Each side checks every byte it gets and
 * the peer's checksum of what it sent. The server cannot revoke a ring page the client has
 * mapped, and revokes all three once the client has closed. */
#include "minios.h"

#define TOTAL 65536
static struct vchan v;

/* Each direction's bytes: a different simple generator, so a byte's place is checked too. */
static uint8_t stream_byte(int from_server, uint32_t i)
{
    return from_server ? (uint8_t)(i * 13 + (i >> 8)) : (uint8_t)(i * 7 + (i >> 9) + 1);
}

static uint32_t fnv(uint32_t h, uint8_t b) { return (h ^ b) * 16777619u; }

static uint32_t sent_sum = 2166136261u, got_sum = 2166136261u;
static int wrong_bytes, got_total;

static void sender(void *arg)
{
    int chunk = *(int *)arg;
    uint8_t buf[1024];
    for (uint32_t at = 0; at < TOTAL;) {
        int n = TOTAL - at < (uint32_t)chunk ? (int)(TOTAL - at) : chunk;
        for (int i = 0; i < n; i++) sent_sum = fnv(sent_sum, buf[i] = stream_byte(v.server, at + i));
        check_eq(vchan_write(&v, buf, n), n, "vchan_write writes it all");
        at += n;
    }
}

static void receiver(void *arg)
{
    int chunk = *(int *)arg;
    uint8_t buf[1024];
    while (got_total < TOTAL) {
        int n = TOTAL - got_total < chunk ? TOTAL - got_total : chunk;
        check_eq(vchan_read(&v, buf, n), n, "vchan_read reads what it asks for");
        for (int i = 0; i < n; i++) {
            wrong_bytes += buf[i] != stream_byte(!v.server, got_total + i);
            got_sum = fnv(got_sum, buf[i]);
        }
        got_total += n;
    }
}

static void exchange(void)
{
    static int send_chunk, read_chunk;
    send_chunk = v.server ? 777 : 1000;
    read_chunk = v.server ? 1000 : 777;
    int ids[2] = { thread_create("sender", sender, &send_chunk), thread_create("receiver", receiver, &read_chunk) };
    thread_join(ids[0]);
    thread_join(ids[1]);
    check_eq(got_total, TOTAL, "every byte arrives");
    check_eq(wrong_bytes, 0, "every byte is the one sent, in order");
    /* The client closes only after it has our checksum: until then its mappings hold. */
    if (v.server)
        check_eq(gnttab_end_access(v.refs[1]), -16, "a ring page the client has mapped cannot be revoked (EBUSY)");
    uint32_t peer_sum = 0;
    check_eq(vchan_write(&v, &got_sum, 4), 4, "send our checksum");
    check_eq(vchan_read(&v, &peer_sum, 4), 4, "read the peer's checksum");
    check(peer_sum == sent_sum, "the peer's checksum of what it got is ours of what we sent");
    print(v.server ? "vchan server: " : "vchan client: ");
    print_dec("bytes each way ", TOTAL);
}

static int run_server(int self, int client)
{
    char path[96], node[128], value[16];
    vchan_path(path, sizeof path, self, client, "selftest");
    check_eq(vchan_server_init(&v, client, path), 0, "vchan_server_init");
    check_eq(v.in_size, 4096, "the client-to-server ring is a page");
    vchan_path(node, sizeof node, self, client, "selftest/event-channel");
    check(xs_read(0, node, value, sizeof value) > 0, "event-channel is published");
    vchan_server_wait(&v);
    print("vchan server: client connected\n");
    exchange();
    check_eq(vchan_close(&v), 0, "after the client closed, every grant is revoked");
    return test_result();
}

static int run_client(int self, int server)
{
    char path[96];
    vchan_path(path, sizeof path, server, self, "selftest");
    check_eq(vchan_client_init(&v, server, path), 0, "vchan_client_init");
    check_eq(v.out_size, 4096, "the client-to-server ring is a page");
    print("vchan client: connected\n");
    exchange();
    check_eq(vchan_close(&v), 0, "vchan_close unmaps");
    return test_result();
}

int main(void)
{
    check_eq(xs_init(), 0, "xs_init");
    int self = xs_domid();
    check(self > 0, "our domain id from xenstore");
    int peer = self + cmdline_int("peer", 0);
    return cmdline_int("server", 0) ? run_server(self, peer) : run_client(self, peer);
}

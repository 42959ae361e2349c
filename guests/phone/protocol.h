/* The vault's request/response page, shared by grant between the UI and the vault. One request
 * at a time: the UI fills req and signals; the vault answers in rsp with the same seq. */
#ifndef PROTOCOL_H
#define PROTOCOL_H
#include <stdint.h>

enum { OP_VERIFY_PIN = 1, OP_SIGN = 2, OP_BYE = 3 };
struct vault_page {
    struct { uint32_t seq, op; char arg[56]; } req;
    struct { uint32_t seq; int32_t status; char text[56]; } rsp;
};

/* Fixed by the scenario: domain ids in configuration order, first ports, grant references. */
#define VAULT_DOM 1
#define UI_DOM 2
#define RADIO_DOM 3
#define VAULT_PORT 1        /* the vault's port offered to the UI */
#define VAULT_GREF 8        /* the vault's request page, granted to the UI */
#define RADIO_GREF 8        /* the radio's report page, granted to the UI */
#define PAGE(pfn) ((volatile void *)((pfn) << 12))
#endif

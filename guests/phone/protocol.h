/* What the secure phone's domains say to each other.
 *
 * The UI and the vault: fixed-size records over a vchan (guests/minios/vchan.h) that the vault
 * serves and grants to the UI only. The vault has no xenstore (the policy keeps dom0 away from
 * it), so its vchan is not published there: the UI's configuration names the vault's ring-ref
 * and port (examples/secure-phone/ui.cfg), which mini-OS gives deterministically (the first
 * grant reference, 8, and the first port, 1).
 *
 * The radio and the UI: the radio appends text lines to a page it grants the UI read-only
 * (the policy lets the UI map radio pages for reading and nothing more) and signals the UI on
 * the port the UI offered it; the UI acknowledges on the same channel. */
#ifndef PROTOCOL_H
#define PROTOCOL_H
#include <stdint.h>

enum { OP_VERIFY_PIN = 1, OP_SIGN = 2, OP_BYE = 3 };
struct vault_request { uint32_t op; char arg[60]; };
struct vault_reply { int32_t status; char text[60]; };

/* The radio's page: length grows as lines are appended; done once the radio has said all. */
struct radio_log { volatile uint32_t length, done; char text[4096 - 8]; };
#endif

/* The xenstore client: the ring and port come from hvm_op get_param, requests go
 * through struct xenstore_domain_interface (io/xs_wire.h), replies are waited for on the event
 * channel (the calling thread sleeps; others run). Results: >= 0 on success, a negative Xen errno from the ERROR reply otherwise. */
#ifndef XENSTORE_H
#define XENSTORE_H
#include <stdint.h>

/* Finds the ring and port and starts taking events (events_init(0)). 0 or -errno. */
int xs_init(void);
/* Reads a node into buf (NUL-terminated); returns its length. */
int xs_read(uint32_t tx, const char *path, char *buf, int size);
int xs_write(uint32_t tx, const char *path, const char *value);
int xs_mkdir(uint32_t tx, const char *path);
int xs_rm(uint32_t tx, const char *path);
/* The children's names, each NUL-terminated, one after the other; returns the bytes used. */
int xs_directory(uint32_t tx, const char *path, char *buf, int size);
int xs_watch(const char *path, const char *token);
int xs_unwatch(const char *path, const char *token);
/* Waits on the event channel for the next watch event and copies its path and token. */
int xs_read_watch(char *path, int psize, char *token, int tsize);
/* Watch events that have arrived and not been read yet. */
int xs_watch_events_waiting(void);
/* This domain's id, from its "domid" node (libxl writes it), or -errno. */
int xs_domid(void);
/* SET_PERMS with two entries, e.g. owner "n5" (domain 5 owns it, others none) and "r6"
 * (domain 6 may read), as libxenvchan sets its nodes. */
int xs_set_perms(uint32_t tx, const char *path, const char *owner, const char *other);
int xs_transaction_start(uint32_t *tx);
int xs_transaction_end(uint32_t tx, int commit);
#endif

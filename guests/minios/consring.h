/* Reading and writing the domain's console ring (io/console.h, struct xencons_interface), which
 * dom0's console backend prints as the domain's console. Call events_init (or xs_init) first;
 * a writer that finds the ring full sleeps until the backend has taken bytes. */
#ifndef CONSRING_H
#define CONSRING_H
/* 0, or a negative Xen errno; -ENOENT when the domain has no console ring. */
int cons_init(void);
void cons_write(const char *s);
/* Takes up to len bytes of input (what `xl console` typed), sleeping until there is at least one;
 * the number taken. vCPU 0 only. */
unsigned cons_read(char *buf, unsigned len);
#endif

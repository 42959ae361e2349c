/* The early console: console_io writes straight to the hypervisor console (checked by FLASK
 * xen:writeconsole), usable before anything else is set up. consring.h is the ring to dom0. */
#ifndef CONSOLE_H
#define CONSOLE_H
void print(const char *s);
/* label, then value in decimal, then a newline. */
void print_dec(const char *label, int value);
#endif

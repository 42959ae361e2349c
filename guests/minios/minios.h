/* mini-OS for Cloister: everything a domain's C code may call (guests/minios/README.md). */
#ifndef MINIOS_H
#define MINIOS_H
#include "xen.h"
#include "console.h"
#include "domain.h"
#include "cmdline.h"
#include "events.h"
#include "evtchn.h"
#include "clock.h"
#include "traps.h"
#include "pages.h"
#include "grant.h"
#include "sched.h"
#include "hvm.h"
#include "xenstore.h"
#include "consring.h"
#include "vchan.h"
#include "xtf.h"
#endif

# mini-OS for Cloister, for a domain's Makefile: set MINIOS to this directory, include this
# file, and link $(MINIOS_SRC) with the domain's sources using $(MINIOS_FLAGS) (see README.md).
# Unused parts are dropped at link time (one section per function).
MINIOS_CC := arm-none-eabi-gcc
MINIOS_SRC := $(addprefix $(MINIOS)/,start.S hypercall.S entry.S switch.S console.c domain.c \
              cmdline.c events.c evtchn.c clock.c traps.c pages.c grant.c sched.c hvm.c \
              xenstore.c consring.c vchan.c xtf.c)
MINIOS_HEADERS := $(wildcard $(MINIOS)/*.h)
# arm926ej-s code runs on every CPU Cloister's boards have; -Ttext=0x8000 as docs/abi.md
# suggests; no build id and source paths mapped away, so builds are reproducible.
MINIOS_FLAGS := -mcpu=arm926ej-s -marm -O1 -nostdlib -ffreestanding -fno-builtin -I$(MINIOS) \
                -ffunction-sections -fdata-sections -Wl,--gc-sections \
                -Wl,--build-id=none -Wl,--no-warn-rwx-segments -Wl,-Ttext=0x8000 \
                -ffile-prefix-map=$(CURDIR)=. -ffile-prefix-map=$(abspath $(MINIOS))=minios

#!/bin/sh
# Builds gic-probe.elf and records QEMU 7.2's answers to its script: gic-probe.out (UART0),
# gic-probe.log (-d guest_errors). Needs arm-none-eabi-gcc and qemu-system-arm.
set -eu
cd "$(dirname "$0")"
# Assemble and link in two steps so no temporary file name ends up in the ELF.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
arm-none-eabi-gcc -c -mcpu=mpcore gic-probe.S -o "$tmp/gic-probe.o"
arm-none-eabi-ld -Ttext=0x10000 -Tdata=0x20000 "$tmp/gic-probe.o" -o gic-probe.elf
QEMU_AUDIO_DRV=none timeout 60 qemu-system-arm -M realview-eb-mpcore -smp 2 -m 128M -nographic \
    -semihosting -d guest_errors -D gic-probe.log -kernel gic-probe.elf </dev/null >gic-probe.out

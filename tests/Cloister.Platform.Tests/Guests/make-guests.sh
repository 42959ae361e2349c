#!/bin/sh
# Builds the small test programs here and records QEMU 7.2's behaviour for each as the
# expected result: NAME.out (stdout), NAME.err (stderr), NAME.exit (exit code).
# Needs arm-none-eabi-gcc and qemu-system-arm. Run from this directory.
set -eu
cd "$(dirname "$0")"

# run NAME STDIN EXTRA-ARGS...
run() {
    name=$1 input=$2
    shift 2
    arm-none-eabi-gcc -nostdlib -Ttext=0x0 -Tdata=0x1000 "$name.S" -o "$name.elf"
    rc=0
    printf "$input" | QEMU_AUDIO_DRV=none timeout 30 qemu-system-arm -M versatilepb -cpu arm926 -m 128M \
        -nographic -semihosting "$@" -kernel "$name.elf" >"$name.out" 2>"$name.err" || rc=$?
    echo "$rc" >"$name.exit"
}

run semihosting ''
run timer-irq ''
run reset '' -no-reboot
run uart-echo 'HAL\n'

# Shared by scripts/make-goldens, scripts/check-goldens and scripts/check-guest-build (source it).
# Guest programs come in suites, one folder each under guests/, with SUITE/bin/NAME.elf and
# SUITE/golden/NAME.{out,err,exit}; a suite names the board its programs run on.
#
# qemu_run ELF OUTDIR [QEMU ARG...]: runs one guest under QEMU, the oracle, and writes
# OUTDIR/NAME.out (UART0 bytes on stdout), NAME.err (semihosting console bytes, which QEMU
# sends to stderr) and NAME.exit (QEMU's exit code). The suite (the folder above bin/) gives
# the machine; extra arguments are appended (make-goldens adds -accel tcg,thread=single).
#
# The exact command lines, the same ones the C# harness gives `cloister machine`:
#   tests:    qemu-system-arm -M versatilepb -cpu arm926 -m 128M -nographic -semihosting -kernel NAME.elf
#   realview: qemu-system-arm -M realview-eb-mpcore -smp 4 -m 128M -nographic -semihosting -kernel NAME.elf
# - -nographic puts UART0 on stdio (muxed with a monitor that only reacts to
#   Ctrl-A on input; stdin is /dev/null so it never does).
# - QEMU_AUDIO_DRV=none keeps the PL041 AACI's LM4549 codec from printing
#   ALSA warnings on stderr, so stderr carries only semihosting output.
# - QEMU runs in a fresh empty directory: semihosting file operations are
#   relative to it.
# - timeout: a guest that hangs is a failure, recorded as exit code 124.

QEMU=${QEMU:-qemu-system-arm}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-30}

# The guest suites, as folders under guests/.
GUEST_SUITES="tests realview"

# qemu_machine SUITE: the machine arguments of a suite's programs, from
# guests/SUITE/machine.args (one line; the C# GuestGoldenTests read the same file).
qemu_machine() {
    local file
    file="$(dirname "${BASH_SOURCE[0]}")/$1/machine.args"
    if [ ! -f "$file" ]; then echo "qemu-run.sh: unknown guest suite $1 (no $file)" >&2; return 1; fi
    cat "$file"
}

# qemu_golden_variants SUITE: one line per run make-goldens compares before it writes a
# golden, each the extra QEMU arguments of that run. SMP programs run under multi-threaded
# TCG, so their output must not depend on how the CPUs interleave: five runs, and one more
# with every CPU on one thread.
qemu_golden_variants() {
    case "$1" in
        realview) printf '%s\n' "" "" "" "" "" "-accel tcg,thread=single" ;;
        *) printf '%s\n' "" "" "" ;;
    esac
}

qemu_run() {
    local elf=$1 outdir=$2 name rc work suite machine
    shift 2
    name=$(basename "$elf" .elf)
    elf=$(cd "$(dirname "$elf")" && pwd)/$name.elf
    suite=$(basename "$(dirname "$(dirname "$elf")")")
    machine=$(qemu_machine "$suite") || return 1
    outdir=$(cd "$outdir" && pwd)
    work=$(mktemp -d)
    rc=0
    # shellcheck disable=SC2086 # machine holds several arguments
    (cd "$work" && QEMU_AUDIO_DRV=none timeout "$QEMU_TIMEOUT" "$QEMU" $machine \
        -nographic -semihosting -kernel "$elf" "$@" \
        </dev/null >"$outdir/$name.out" 2>"$outdir/$name.err") || rc=$?
    rm -rf "$work"
    echo "$rc" >"$outdir/$name.exit"
}

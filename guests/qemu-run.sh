# Shared by scripts/make-goldens and scripts/check-goldens (source it).
# qemu_run ELF OUTDIR: runs one guest under QEMU, the oracle, and writes
# OUTDIR/NAME.out (UART0 bytes on stdout), NAME.err (semihosting console
# bytes, which QEMU sends to stderr) and NAME.exit (QEMU's exit code).
#
# The exact command line, the same one the C# harness gives `cloister machine`:
#   qemu-system-arm -M versatilepb -cpu arm926 -m 128M -nographic -semihosting -kernel NAME.elf
# - -nographic puts UART0 on stdio (muxed with a monitor that only reacts to
#   Ctrl-A on input; stdin is /dev/null so it never does).
# - QEMU_AUDIO_DRV=none keeps the PL041 AACI's LM4549 codec from printing
#   ALSA warnings on stderr, so stderr carries only semihosting output.
# - QEMU runs in a fresh empty directory: semihosting file operations are
#   relative to it.
# - timeout: a guest that hangs is a failure, recorded as exit code 124.

QEMU=${QEMU:-qemu-system-arm}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-30}

qemu_run() {
    local elf=$1 outdir=$2 name rc work
    name=$(basename "$elf" .elf)
    elf=$(cd "$(dirname "$elf")" && pwd)/$name.elf
    outdir=$(cd "$outdir" && pwd)
    work=$(mktemp -d)
    rc=0
    (cd "$work" && QEMU_AUDIO_DRV=none timeout "$QEMU_TIMEOUT" "$QEMU" -M versatilepb -cpu arm926 -m 128M \
        -nographic -semihosting -kernel "$elf" \
        </dev/null >"$outdir/$name.out" 2>"$outdir/$name.err") || rc=$?
    rm -rf "$work"
    echo "$rc" >"$outdir/$name.exit"
}

#!/bin/sh
# Regenerates the QEMU oracle dumps used by LoaderOracleTests: runs qemu-system-arm
# (stopped before the first instruction, -S) with fixed inputs and dumps guest RAM
# through its GDB stub. Needs qemu-system-arm, gdb-multiarch, dtc, python3.
# Run from this directory: ./make-oracle.sh
set -eu
cd "$(dirname "$0")"
QEMU=${QEMU:-qemu-system-arm}
PORT=${PORT:-12391}

# Inputs (deterministic).
python3 - <<'PY'
import random
r = random.Random(1234)
open("kernel.bin", "wb").write(bytes(r.randrange(256) for _ in range(20000)))
open("initrd.bin", "wb").write(bytes(r.randrange(256) for _ in range(10001)))
import struct, zlib
payload = bytes(r.randrange(256) for _ in range(3000))
name = b"oracle uimage".ljust(32, b"\0")
hdr = struct.pack(">IIIIIIIBBBB32s", 0x27051956, 0, 0, len(payload), 0x8000, 0x8040, zlib.crc32(payload), 5, 2, 2, 0, name)
hcrc = zlib.crc32(hdr)
hdr = hdr[:4] + struct.pack(">I", hcrc) + hdr[8:]
open("kernel.uimg", "wb").write(hdr + payload)
PY
dtc -I dts -O dtb -o test.dtb test.dts
dtc -I dts -O dtb -o nochosen.dtb nochosen.dts

# dump NAME START LENGTH QEMU-ARGS...
dump() {
    name=$1 start=$2 len=$3
    shift 3
    QEMU_AUDIO_DRV=none $QEMU -M versatilepb -nographic -monitor none -S -gdb tcp::$PORT "$@" </dev/null >/dev/null 2>&1 &
    pid=$!
    sleep 1
    gdb-multiarch -batch -ex "target remote :$PORT" \
        -ex "dump binary memory $name $start $(( start + len ))" \
        -ex "info registers pc" >/dev/null 2>&1
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
}

APPEND="console=ttyAMA0 root=/dev/ram rdinit=/bin/sh"
dump atags-full.bin 0 512 -m 128M -kernel kernel.bin -initrd initrd.bin -append "$APPEND"
dump atags-plain.bin 0 512 -m 128M -kernel kernel.bin
dump atags-64m.bin 0 512 -m 64M -kernel kernel.bin -append "x"
dump initrd-full.bin 0x4000000 10001 -m 128M -kernel kernel.bin -initrd initrd.bin -append "$APPEND"
dump kernel-full.bin 0x10000 20000 -m 128M -kernel kernel.bin -initrd initrd.bin -append "$APPEND"
# DTB boot: the stub, and the DTB after the initrd (4 KiB aligned), (size + 10000) * 2 bytes.
DTBLEN=$(( ($(stat -c %s test.dtb) + 10000) * 2 ))
dump dtb-stub.bin 0 64 -m 128M -kernel kernel.bin -initrd initrd.bin -append "$APPEND" -dtb test.dtb
dump dtb-full.bin 0x4003000 $DTBLEN -m 128M -kernel kernel.bin -initrd initrd.bin -append "$APPEND" -dtb test.dtb
DTBLEN2=$(( ($(stat -c %s nochosen.dtb) + 10000) * 2 ))
dump dtb-nochosen.bin 0x4000000 $DTBLEN2 -m 128M -kernel kernel.bin -dtb nochosen.dtb
# uImage: payload at its load address, stub pointing at its entry.
dump uimage-stub.bin 0 512 -m 128M -kernel kernel.uimg -append "$APPEND"
dump uimage-payload.bin 0x8000 3000 -m 128M -kernel kernel.uimg
echo done

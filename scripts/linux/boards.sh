# shellcheck shell=bash disable=SC2034  # sourced; the variables are used by the callers
# scripts/linux/boards.sh — the Linux test kit's board table, sourced by
# scripts/build-linux and scripts/linux-session. Adding a board = one case arm here
# (plus tests/linux/<board>.commands and a QEMU-made tests/linux/<board>.expected).
#
#   DEFCONFIG       kernel defconfig
#   DTB             DTB file name as the kernel builds it (arch/arm/boot/dts/ in 6.1)
#   CONFIG_CHANGES  scripts/config arguments applied after the defconfig. The kit needs:
#                     BLK_DEV_INITRD + RD_GZIP  boot from the gzip'ed -initrd image
#                                               (versatile_defconfig has both already)
#                     DEVTMPFS                  /init mounts devtmpfs on /dev
#                     PRINTK_TIME               kernel console lines carry "[    0.000000] "
#                                               stamps; that is how linux-session tells them
#                                               from userspace output and drops them
#   MACHINE_ARGS    emulator flags that select the board (QEMU's spelling)
#   APPEND          kernel command line (-append)
board_table() {
  case "$1" in
    versatile)   # ARM926EJ-S, QEMU versatilepb
      DEFCONFIG=versatile_defconfig
      DTB=versatile-pb.dtb
      CONFIG_CHANGES=(--enable BLK_DEV_INITRD --enable RD_GZIP --enable DEVTMPFS --enable PRINTK_TIME)
      MACHINE_ARGS=(-M versatilepb -m 128M)
      APPEND="console=ttyAMA0 rdinit=/init"
      ;;
    realview)    # ARM11 MPCore x4, QEMU realview-eb-mpcore
      DEFCONFIG=realview_defconfig
      DTB=arm-realview-eb-11mp-ctrevb.dtb
      CONFIG_CHANGES=(--enable BLK_DEV_INITRD --enable RD_GZIP --enable DEVTMPFS --enable PRINTK_TIME)
      MACHINE_ARGS=(-M realview-eb-mpcore -smp 4 -m 128M)
      APPEND="console=ttyAMA0 rdinit=/init"
      ;;
    *) echo "unknown board '$1' (known: versatile, realview)" >&2; return 1;;
  esac
}

#!/usr/bin/env python3
"""Regenerates mpcore-qtest.out, the QEMU oracle for MpCoreQtestTests.

Drives the realview-eb-mpcore private region and system registers through QEMU's qtest
protocol and records one response line per command of mpcore-qtest.cmds ('#' lines are
comments). The VM stays stopped (-S), so virtual time stays at 0 and every value is
deterministic; qtest accesses act as CPU 0. Needs qemu-system-arm 7.2.
Usage: ./make-mpcore-qtest.py [--check]   (--check: compare instead of writing)
"""
import os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
cmds = [l.strip() for l in open(os.path.join(here, "mpcore-qtest.cmds")) if l.strip() and not l.startswith("#")]
qemu = subprocess.Popen(
    [os.environ.get("QEMU", "qemu-system-arm"), "-M", "realview-eb-mpcore", "-smp", "4", "-m", "128M",
     "-S", "-display", "none", "-qtest", "stdio", "-qtest-log", "/dev/null"],
    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    env=dict(os.environ, QEMU_AUDIO_DRV="none"))
answers = []
try:
    for c in cmds:
        qemu.stdin.write(c + "\n")
        qemu.stdin.flush()
        answers.append(qemu.stdout.readline().rstrip("\n"))
finally:
    qemu.kill()
    qemu.wait()
text = "".join(a + "\n" for a in answers)
out = os.path.join(here, "mpcore-qtest.out")
if sys.argv[1:] == ["--check"]:
    if open(out).read() != text:
        sys.exit("mpcore-qtest.out differs from QEMU")
    print("mpcore-qtest.out matches QEMU")
else:
    open(out, "w").write(text)

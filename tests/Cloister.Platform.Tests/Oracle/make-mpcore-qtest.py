#!/usr/bin/env python3
"""Regenerates mpcore-qtest.out, the QEMU oracle for MpCoreQtestTests.

Drives the realview-eb-mpcore private region and system registers through QEMU's qtest
protocol and records one response line per command of mpcore-qtest.cmds (see qtest_oracle.py).
Needs qemu-system-arm 7.2.
Usage: ./make-mpcore-qtest.py [--check]   (--check: compare instead of writing)
"""
from qtest_oracle import record

record("mpcore-qtest.cmds", "mpcore-qtest.out", ["-M", "realview-eb-mpcore", "-smp", "4", "-m", "128M"])

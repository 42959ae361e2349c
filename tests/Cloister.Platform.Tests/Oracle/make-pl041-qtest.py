#!/usr/bin/env python3
"""Regenerates pl041-qtest.out, the QEMU oracle for Pl041QtestTests.

Drives versatilepb's PL041 AACI (nc_fifo_depth 512) and its LM4549 codec through QEMU's qtest
protocol and records one response line per command of pl041-qtest.cmds (see qtest_oracle.py):
Linux aaci.c's probe (reset, codec registers through the slot registers, FIFO sizing) and
playback short of the point where QEMU's audio backend would stop taking samples.
Needs qemu-system-arm 7.2.
Usage: ./make-pl041-qtest.py [--check]   (--check: compare instead of writing)
"""
from qtest_oracle import record

record("pl041-qtest.cmds", "pl041-qtest.out", ["-M", "versatilepb", "-m", "128M"])

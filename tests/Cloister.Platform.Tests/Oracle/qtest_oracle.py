"""Shared by the make-*-qtest.py scripts: runs a file of qtest commands against QEMU 7.2 and
records one answer line per command, the oracle that a *QtestTests class replays.

The VM stays stopped (-S), so virtual time stays at 0 and every answer is deterministic;
qtest accesses act as CPU 0. There is no audio output (QEMU_AUDIO_DRV=none). Interrupt
changes on an intercepted line (irq_intercept_out/in), which QEMU reports before the
command's answer, are appended to that answer as " [IRQ raise n]" / " [IRQ lower n]"."""
import os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))


def commands(name):
    """The qtest commands of Oracle/<name>, without blank and '#' comment lines."""
    return [l.strip() for l in open(os.path.join(here, name)) if l.strip() and not l.startswith("#")]


def run(machine_args, cmds):
    qemu = subprocess.Popen(
        [os.environ.get("QEMU", "qemu-system-arm"), *machine_args,
         "-S", "-display", "none", "-qtest", "stdio", "-qtest-log", "/dev/null"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        env=dict(os.environ, QEMU_AUDIO_DRV="none"))
    answers = []
    try:
        for c in cmds:
            qemu.stdin.write(c + "\n")
            qemu.stdin.flush()
            events = []
            line = qemu.stdout.readline().rstrip("\n")
            while line.startswith("IRQ "):
                events.append(f" [{line}]")
                line = qemu.stdout.readline().rstrip("\n")
            answers.append(line + "".join(events))
    finally:
        qemu.kill()
        qemu.wait()
    return answers


def record(cmds_name, out_name, machine_args):
    """Writes Oracle/<out_name> from QEMU's answers, or with --check on the command line
    compares instead and exits non-zero on a difference."""
    text = "".join(a + "\n" for a in run(machine_args, commands(cmds_name)))
    out = os.path.join(here, out_name)
    if sys.argv[1:] == ["--check"]:
        if open(out).read() != text:
            sys.exit(f"{out_name} differs from QEMU")
        print(f"{out_name} matches QEMU")
    else:
        open(out, "w").write(text)

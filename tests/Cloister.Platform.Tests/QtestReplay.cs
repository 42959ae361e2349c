using System.Globalization;
using Cloister.Platform.Bus;

namespace Cloister.Platform.Tests;

/// <summary>
/// Replays a file of qtest commands (Oracle/*.cmds, '#' lines are comments) against devices
/// mapped on a bus and compares every answer with QEMU's, recorded in the matching .out file
/// by an Oracle/make-*-qtest.py script. Interrupt changes QEMU reported during a command
/// follow its answer as " [IRQ raise n]" / " [IRQ lower n]" (see qtest_oracle.py).
/// </summary>
public static class QtestReplay
{
    /// <summary>Replays the commands; <paramref name="irqs"/>, if given, stands for the
    /// intercepted interrupt lines (irq_intercept_out/in answer OK and do nothing else).</summary>
    public static void Run(PhysicalBus bus, string cmdsFile, string answersFile, QtestIrqRecorder? irqs = null)
    {
        string[] cmds = [.. File.ReadAllLines(Oracle.File(cmdsFile)).Where(l => l.Length > 0 && l[0] != '#')];
        string[] answers = File.ReadAllLines(Oracle.File(answersFile));
        Assert.Equal(cmds.Length, answers.Length);
        for (int i = 0; i < cmds.Length; i++)
        {
            string[] w = cmds[i].Split(' ');
            string got;
            irqs?.Events.Clear();
            switch (w[0])
            {
                case "readl": case "readw":
                    Assert.True(bus.Read(Parse(w[1]), w[0] == "readl" ? 4 : 2, out uint v));
                    got = $"OK 0x{v:x16}";
                    break;
                case "writel": case "writew":
                    Assert.True(bus.Write(Parse(w[1]), w[0] == "writel" ? 4 : 2, Parse(w[2])));
                    got = "OK";
                    break;
                case "irq_intercept_out": case "irq_intercept_in":
                    got = "OK";
                    break;
                default:
                    throw new InvalidDataException($"unknown qtest command {cmds[i]}");
            }
            if (irqs is not null) got += string.Concat(irqs.Events.Select(e => $" [{e}]"));
            Assert.True(answers[i] == got, $"{cmdsFile} command {i + 1} `{cmds[i]}`: QEMU `{answers[i]}`, Cloister `{got}`");
        }
    }

    static uint Parse(string s) => s.StartsWith("0x")
        ? uint.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : uint.Parse(s, CultureInfo.InvariantCulture);
}

/// <summary>Records level changes of interrupt inputs in qtest's words ("IRQ raise n").</summary>
public sealed class QtestIrqRecorder : IIrqSink
{
    readonly Dictionary<int, bool> levels = [];

    public List<string> Events { get; } = [];

    public void SetInput(int line, bool level)
    {
        if (levels.GetValueOrDefault(line) == level) return; // qtest reports changes only
        levels[line] = level;
        Events.Add($"IRQ {(level ? "raise" : "lower")} {line}");
    }
}

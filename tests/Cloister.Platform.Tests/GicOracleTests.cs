using System.Globalization;
using System.Text.RegularExpressions;
using Cloister.Platform.Bus;
using Cloister.Platform.Devices.Gic;

namespace Cloister.Platform.Tests;

/// <summary>
/// Replays the script of Gic/gic-probe.S on the GIC models wired as on QEMU's
/// realview-eb-mpcore (the MPCore GIC with 2 CPUs and 64 interrupts, board GIC 0 feeding its
/// SPI 42) and compares every value read, every IRQ sample and every guest-error line with
/// what QEMU 7.2 printed for the same program (Gic/make-gic-oracle.sh).
/// </summary>
public class GicOracleTests
{
    static readonly Dictionary<string, uint> Symbols = new()
    {
        ["MPC"] = 0x10100100, ["MPC0"] = 0x10100200, ["MPC1"] = 0x10100300, ["MPD"] = 0x10101000,
        ["BGC"] = 0x10040000, ["BGD"] = 0x10041000,
    };

    record Step(int Cpu, string Kind, uint Address, uint Value, string Source);

    static readonly Regex OpLine = new(@"^\s*OP\s+(\d+),\s*(\w+),\s*([^,]+),\s*(\S+)\s*$");

    static List<Step> Script()
    {
        var steps = new List<Step>();
        bool inScript = false;
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Gic", "gic-probe.S")))
        {
            if (line.Contains("--- script")) inScript = true;
            else if (line.Contains("--- end of script")) break;
            else if (inScript && OpLine.Match(line) is { Success: true } m)
                steps.Add(new Step(int.Parse(m.Groups[1].Value), m.Groups[2].Value, Address(m.Groups[3].Value.Trim()),
                    Number(m.Groups[4].Value), line.Trim()));
        }
        return steps;
    }

    static uint Address(string expr)
    {
        string[] parts = expr.Split('+');
        uint addr = Symbols.TryGetValue(parts[0], out uint b) ? b : Number(parts[0]);
        return parts.Length > 1 ? addr + Number(parts[1]) : addr;
    }

    static uint Number(string s) => s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        ? uint.Parse(s.AsSpan(2), NumberStyles.HexNumber)
        : uint.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void ModelAnswersTheProbeScriptAsQemuDid()
    {
        int cpu = 0;
        var log = new CollectingLog();
        var mpcore = new ArmGic("gic", 2, 64, GicRevision.Arm11MpCore, () => cpu, log.Logger());
        var board = new ArmGic("realview_gic", 1, 96, GicRevision.V1, () => cpu, log.Logger());
        board.Irq[0].Connect(mpcore, 10); // hw/cpu/realview_mpcore.c: board GIC n -> MPCore input 10 + n

        (IMmioDevice Window, uint Offset) Decode(uint addr) => addr switch
        {
            >= 0x10100100 and < 0x10100200 => (mpcore.CpuInterfaceOfCurrent, addr - 0x10100100),
            >= 0x10100200 and < 0x10100400 => (mpcore.CpuInterface((int)(addr - 0x10100200) >> 8), addr & 0xFF),
            >= 0x10101000 and < 0x10102000 => (mpcore.Distributor, addr - 0x10101000),
            >= 0x10040000 and < 0x10040100 => (board.CpuInterfaceOfCurrent, addr - 0x10040000),
            >= 0x10041000 and < 0x10042000 => (board.Distributor, addr - 0x10041000),
            _ => throw new InvalidOperationException($"no GIC at {addr:x8}"),
        };

        var printed = new List<string>();
        var sources = new List<string>();
        foreach (var step in Script())
        {
            cpu = step.Cpu;
            uint? read = null;
            switch (step.Kind)
            {
                // Input steps: the timers in the probe drive these lines on QEMU.
                case "PPIH" or "PPIL": // CPU's private timer -> PPI 29 (hw/cpu/arm11mpcore.c)
                    mpcore.SetInput(64 - 32 + cpu * 32 + 29, step.Kind == "PPIH");
                    break;
                case "SPIH" or "SPIL": // SP804 on board line 4 -> every board GIC, and MPCore input 1
                    board.SetInput(4, step.Kind == "SPIH");
                    mpcore.SetInput(1, step.Kind == "SPIH");
                    break;
                case "IRQ":
                    read = mpcore.Irq[cpu].Level ? 1u : 0u;
                    break;
                case "R32" or "R16" or "R8":
                {
                    var (w, off) = Decode(step.Address);
                    Assert.True(w.Read(off, Size(step.Kind), out uint v));
                    read = v;
                    break;
                }
                default:
                {
                    var (w, off) = Decode(step.Address);
                    Assert.True(w.Write(off, Size(step.Kind), step.Value & SizeMask(Size(step.Kind))));
                    break;
                }
            }
            if (read is uint r)
            {
                printed.Add(r.ToString("x8"));
                sources.Add(step.Source);
            }
        }

        string[] expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Gic", "gic-probe.out"));
        Assert.Equal(expected.Length, printed.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == printed[i], $"read {i} ({sources[i]}): QEMU {expected[i]}, model {printed[i]}");

        string[] expectedLog = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Gic", "gic-probe.log"));
        Assert.Equal(expectedLog, log.Lines);
    }

    static int Size(string kind) => kind[1..] switch { "32" => 4, "16" => 2, _ => 1 };

    static uint SizeMask(int size) => size == 4 ? 0xFFFFFFFFu : (1u << (8 * size)) - 1;
}

using System.Globalization;
using Cloister.Differential.Tests.Generator;

namespace Cloister.Differential.Tests.Runner;

/// <summary>The machine state a program prints at its end: r0-r14, the CPSR, on a target with VFP
/// S0-S31 and the FPSCR, and the data buffer.</summary>
public sealed record MachineDump(uint[] Registers, uint Cpsr, byte[] Buffer, VfpState? Vfp = null)
{
    public const int RegisterCount = 15;

    public MachineDump With(int register, uint value)
    {
        var regs = (uint[])Registers.Clone();
        regs[register] = value;
        return this with { Registers = regs };
    }

    public MachineDump WithByte(int offset, byte value)
    {
        var buffer = (byte[])Buffer.Clone();
        buffer[offset] = value;
        return this with { Buffer = buffer };
    }

    /// <summary>The dump in the program's own format, markers included.</summary>
    public string ToText()
    {
        var s = new System.Text.StringBuilder();
        s.Append(ProgramTemplate.BeginMarker).Append("\nR");
        foreach (uint r in Registers) s.Append($" {r:x8}");
        s.Append($"\nCPSR {Cpsr:x8}\n");
        if (Vfp is not null) s.Append("S ").AppendJoin(' ', Vfp.Singles.Select(w => $"{w:x8}")).Append($"\nFPSCR {Vfp.Fpscr:x8}\n");
        for (int offset = 0; offset < Buffer.Length; offset += 32)
            s.Append($"M {offset:x8} {Convert.ToHexStringLower(Buffer, offset, 32)}\n");
        return s.Append(ProgramTemplate.EndMarker).Append('\n').ToString();
    }

    /// <summary>
    /// Reads the text between the markers:
    /// <code>
    /// CLOISTER-DIFF-BEGIN
    /// R xxxxxxxx ... (r0-r14)
    /// CPSR xxxxxxxx
    /// S xxxxxxxx ... (s0-s31) and FPSCR xxxxxxxx, only on a target with VFP
    /// M oooooooo 64 hex digits (32 bytes at buffer offset o), 128 lines
    /// CLOISTER-DIFF-END
    /// </code>
    /// Anything around the markers (emulator noise) is ignored.
    /// </summary>
    public static MachineDump? TryParse(string output, out string? error)
    {
        error = null;
        int begin = output.IndexOf(ProgramTemplate.BeginMarker, StringComparison.Ordinal);
        int end = begin < 0 ? -1 : output.IndexOf(ProgramTemplate.EndMarker, begin, StringComparison.Ordinal);
        if (begin < 0 || end < 0)
        {
            error = begin < 0 ? "no dump in the output (begin marker missing)" : "dump cut short (end marker missing)";
            return null;
        }
        var lines = output[(begin + ProgramTemplate.BeginMarker.Length)..end]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            return Parse(lines);
        }
        catch (FormatException e)
        {
            error = "malformed dump: " + e.Message;
            return null;
        }
    }

    static MachineDump Parse(string[] lines)
    {
        bool hasVfp = lines.Length > 2 && lines[2].StartsWith("S ", StringComparison.Ordinal);
        int first = hasVfp ? 4 : 2;
        if (lines.Length != first + Layout.BufferSize / 32) throw new FormatException($"{lines.Length} lines");
        var regs = Fields(lines[0], "R", RegisterCount).Select(Hex).ToArray();
        uint cpsr = Hex(Fields(lines[1], "CPSR", 1)[0]);
        var vfp = hasVfp
            ? new VfpState(Fields(lines[2], "S", 32).Select(Hex).ToArray(), Hex(Fields(lines[3], "FPSCR", 1)[0]))
            : null;
        var buffer = new byte[Layout.BufferSize];
        for (int i = first; i < lines.Length; i++)
        {
            var f = Fields(lines[i], "M", 2);
            int offset = (int)Hex(f[0]);
            if (offset != (i - first) * 32) throw new FormatException($"memory line for offset {offset:x} out of order");
            Convert.FromHexString(f[1]).CopyTo(buffer, offset);
        }
        return new MachineDump(regs, cpsr, buffer, vfp);
    }

    static string[] Fields(string line, string tag, int count)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count + 1 || parts[0] != tag) throw new FormatException($"expected '{tag}' and {count} fields: '{line}'");
        return parts[1..];
    }

    static uint Hex(string s) => uint.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}

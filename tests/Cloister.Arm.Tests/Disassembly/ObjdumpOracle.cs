using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cloister.Arm.Tests.Disassembly;

/// <summary>One instruction as arm-none-eabi-objdump printed it: address, raw halfword/word(s), text.</summary>
internal readonly record struct OracleLine(uint Address, uint[] Raw, bool Thumb, string Text);

/// <summary>Runs arm-none-eabi-objdump and normalises its text for comparison with the disassembler.</summary>
internal static partial class ObjdumpOracle
{
    public const string Tool = "arm-none-eabi-objdump";

    public static bool Available()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Tool, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            p!.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public const string AssemblerTool = "arm-none-eabi-as";

    public static bool AssemblerAvailable() => File.Exists("/usr/bin/" + AssemblerTool) || Which(AssemblerTool);

    static bool Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>Assembles for ARMv6K with VFPv2 (the richest CPU model); throws with the assembler's messages on failure.</summary>
    public static void Assemble(string source, string output)
    {
        var info = new ProcessStartInfo(AssemblerTool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-march=armv6k", "-mfpu=vfpv2", "-o", output, source }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException(errors);
    }

    public static string Run(params string[] args)
    {
        var info = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        string text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text;
    }

    [GeneratedRegex(@"^\s*([0-9a-f]+):\t((?:[0-9a-f]{4,8} ?)+)\s*\t?(.*)$")]
    private static partial Regex LinePattern();

    /// <summary>Instruction lines of an objdump -d listing; data (.word, .short) lines are skipped.</summary>
    public static IEnumerable<OracleLine> Parse(string listing)
    {
        foreach (var line in listing.Split('\n'))
        {
            var m = LinePattern().Match(line);
            if (!m.Success) continue;
            string text = m.Groups[3].Value;
            if (text.StartsWith('.')) continue;
            var raw = m.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(h => Convert.ToUInt32(h, 16)).ToArray();
            bool thumb = m.Groups[2].Value.Trim().Split(' ')[0].Length == 4;
            yield return new OracleLine(Convert.ToUInt32(m.Groups[1].Value, 16), raw, thumb, text);
        }
    }

    [GeneratedRegex(@"\b([0-9a-f]+) <[^>]*>")]
    private static partial Regex SymbolTarget();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Drops "@ ..." / "; ..." comments, turns "8060 &lt;sym&gt;" into 0x8060, collapses spaces.</summary>
    public static string Normalise(string text)
    {
        int at = text.IndexOf('@');
        if (at >= 0) text = text[..at];
        int semi = text.IndexOf(';');
        if (semi >= 0) text = text[..semi];
        text = SymbolTarget().Replace(text, m => "0x" + m.Groups[1].Value);
        return Spaces().Replace(text, " ").Trim();
    }

    public static bool IsUndefined(string objdumpRaw) => objdumpRaw.Contains("UNDEFINED") || objdumpRaw.Contains("undefined");
}

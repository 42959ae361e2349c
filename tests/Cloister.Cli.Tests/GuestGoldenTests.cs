using System.Text;
using Xunit;
using Cloister.Cli;

namespace Cloister.Cli.Tests;

/// <summary>
/// Differential tests against QEMU: every bare-metal guest of each suite (guests/tests on
/// versatilepb, guests/realview on realview-eb-mpcore with 4 CPUs) runs under `cloister machine`
/// with QEMU's own command line (guests/SUITE/machine.args), and its UART0 bytes (stdout),
/// semihosting console bytes (stderr) and exit code must equal what QEMU produced, committed as
/// guests/SUITE/golden/NAME.{out,err,exit} by scripts/make-goldens (and re-checked against
/// QEMU by scripts/check-goldens).
/// </summary>
public class GuestGoldenTests
{
    static string RepoRoot => RepositoryRoot.Path;
    static readonly string[] Suites = ["tests", "realview"];
    static string GoldenDir(string suite) => Path.Combine(RepoRoot, "guests", suite, "golden");
    static string BinDir(string suite) => Path.Combine(RepoRoot, "guests", suite, "bin");

    // A guest that never exits is a failure, not a hung test run.
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static TheoryData<string, string> Guests()
    {
        var data = new TheoryData<string, string>();
        foreach (string suite in Suites)
            foreach (var f in Directory.GetFiles(GoldenDir(suite), "*.out").Order(StringComparer.Ordinal))
                data.Add(suite, Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Guests))]
    public async Task MatchesQemu(string suite, string name)
    {
        string elf = Path.Combine(BinDir(suite), name + ".elf");
        Assert.True(File.Exists(elf), $"{elf} is missing");
        string golden = GoldenDir(suite);
        byte[] expectedOut = File.ReadAllBytes(Path.Combine(golden, name + ".out"));
        string errPath = Path.Combine(golden, name + ".err");
        byte[] expectedErr = File.Exists(errPath) ? File.ReadAllBytes(errPath) : [];
        int expectedExit = int.Parse(File.ReadAllText(Path.Combine(golden, name + ".exit")).Trim());
        string[] machine = File.ReadAllText(Path.Combine(RepoRoot, "guests", suite, "machine.args"))
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["machine", .. machine, "-nographic", "-semihosting", "-kernel", elf];
        int exit = await Task.Run(() => CommandTable.Dispatch(args, stdout, stderr))
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

        // Device bytes arrive as chars 0-255; compare them as bytes.
        AssertSameBytes(name + ".out (UART0)", expectedOut, Encoding.Latin1.GetBytes(stdout.ToString()));
        AssertSameBytes(name + ".err (semihosting console)", expectedErr, Encoding.Latin1.GetBytes(stderr.ToString()));
        Assert.Equal(expectedExit, exit);
    }

    /// <summary>Fails naming the first differing line, which is far more useful than two huge strings.</summary>
    static void AssertSameBytes(string what, byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        int at = expected.AsSpan().CommonPrefixLength(actual);
        int lineStart = Array.LastIndexOf(expected, (byte)'\n', Math.Max(0, at - 1)) + 1;
        if (at == 0) lineStart = 0;
        int line = 1 + expected.AsSpan(0, lineStart).Count((byte)'\n');
        Assert.Fail($"{what}: differs from QEMU at byte {at} (line {line}).\n" +
                    $"  QEMU:     {Excerpt(expected, lineStart)}\n" +
                    $"  Cloister: {Excerpt(actual, lineStart)}\n" +
                    $"  lengths: QEMU {expected.Length}, Cloister {actual.Length}");
    }

    static string Excerpt(byte[] bytes, int start)
    {
        if (start >= bytes.Length) return "<end of output>";
        int end = Array.IndexOf(bytes, (byte)'\n', start);
        if (end < 0) end = bytes.Length;
        end = Math.Min(end, start + 200);
        return Encoding.Latin1.GetString(bytes, start, end - start);
    }
}

using Xunit;
using Cloister.Arm.Disassembly;

namespace Cloister.Arm.Tests.Disassembly;

/// <summary>
/// Compares Disassembler output with arm-none-eabi-objdump: on every instruction of the committed
/// guest images and on random ARM/Thumb encodings (raw blobs with -b binary).
/// </summary>
public class DisassemblerTests
{
    static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !Directory.Exists(Path.Combine(dir.FullName, "guests"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }

    static void Report(string name, DisassemblerAgreement agreement)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cloister-disasm-{name}.txt");
        File.WriteAllText(path, agreement.Summary() + "\n\n" + string.Join("\n", agreement.Differences));
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: {agreement.Same}/{agreement.Total}\n{agreement.Summary()}\n(details: {path})");
    }

    static void Compare(DisassemblerAgreement agreement, IEnumerable<OracleLine> lines)
    {
        foreach (var line in lines)
        {
            if (!line.Thumb)
            {
                uint raw = line.Raw[0];
                agreement.Add(DisassemblerAgreement.ArmClass(raw), line.Address, raw, $"{raw:x8}", line.Text, Disassembler.Arm(raw, line.Address));
            }
            else if (line.Raw.Length == 2)
            {
                // objdump joins a BL/BLX pair; Cloister shows the halves separately, so compare the pair form.
                agreement.Add("thumb-bl", line.Address, 0, $"{line.Raw[0]:x4} {line.Raw[1]:x4}", line.Text,
                              ThumbDisassembler.Pair(line.Raw[0], line.Raw[1], line.Address));
            }
            else
            {
                agreement.Add("thumb", line.Address, 0, $"{line.Raw[0]:x4}", line.Text, Disassembler.Thumb(line.Raw[0], line.Address));
            }
        }
    }

    [Fact]
    public void GuestImagesMatchObjdump()
    {
        Assert.SkipUnless(ObjdumpOracle.Available(), "arm-none-eabi-objdump not installed");
        string root = RepoRoot();
        var agreement = new DisassemblerAgreement();
        var images = Directory.GetFiles(Path.Combine(root, "guests/tests/bin"), "*.elf")
            .Concat(Directory.GetFiles(Path.Combine(root, "guests/hv/bin"), "*.elf"));
        foreach (var image in images)
            Compare(agreement, ObjdumpOracle.Parse(ObjdumpOracle.Run("-d", "-M", "reg-names-std", image)));
        Report("guests", agreement);
        Assert.True(agreement.Total > 1000);
        Assert.True(agreement.CoreSame == agreement.CoreTotal, string.Join("\n", agreement.Differences.Take(40)));
    }

    /// <summary>Assembles <see cref="IsaCoverage"/> and requires full agreement on every line of it.</summary>
    [Fact]
    public void AssembledInstructionSetMatchesObjdump()
    {
        Assert.SkipUnless(ObjdumpOracle.Available() && ObjdumpOracle.AssemblerAvailable(), "arm-none-eabi binutils not installed");
        var agreement = new DisassemblerAgreement();
        foreach (var (name, source) in new[] { ("arm", IsaCoverage.Arm), ("thumb", IsaCoverage.Thumb) })
        {
            string asm = Path.Combine(Path.GetTempPath(), $"cloister-disasm-isa-{name}.s");
            string obj = Path.ChangeExtension(asm, ".o");
            File.WriteAllText(asm, source + "\n");
            ObjdumpOracle.Assemble(asm, obj);
            Compare(agreement, ObjdumpOracle.Parse(ObjdumpOracle.Run("-d", "-M", "reg-names-std", obj)));
        }
        Report("isa", agreement);
        Assert.True(agreement.Total > 250);
        Assert.True(agreement.Same == agreement.Total, string.Join("\n", agreement.Differences));
    }

    static DisassemblerAgreement RandomBlob(bool thumb, int count, int seed)
    {
        var random = new Random(seed);
        const uint baseAddress = 0x8000;
        var bytes = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            uint word = (uint)random.NextInt64(0, 1L << 32);
            if (thumb)
            {
                // 32-bit Thumb-2 first halves would swallow their neighbour: emit real BL/BLX pairs instead.
                // CBZ/CBNZ and IT are Thumb-2 (not ARMv6K); objdump decodes them anyway.
                if ((word & 0xF500) == 0xB100 || ((word & 0xFF00) == 0xBF00 && (word & 0xF) != 0)) word = 0xBF00;
                if ((word & 0xF800) >= 0xE800)
                {
                    uint suffix = (word >> 16) & 0x7FF;
                    bool blx = (word & 0x10000000) != 0;
                    if (blx) suffix &= ~1u;
                    word = 0xF000 | (word & 0x7FF) | ((blx ? 0xE800 : 0xF800 | suffix) << 16);
                    if (blx) word |= suffix << 16;
                    bytes.AddRange(BitConverter.GetBytes(word));
                    continue;
                }
                bytes.Add((byte)word); bytes.Add((byte)(word >> 8));
            }
            else
            {
                bytes.AddRange(BitConverter.GetBytes(word));
            }
        }
        string blob = Path.Combine(Path.GetTempPath(), $"cloister-disasm-{(thumb ? "thumb" : "arm")}-{seed}.bin");
        File.WriteAllBytes(blob, bytes.ToArray());
        var args = new List<string> { "-D", "-b", "binary", "-m", "arm", "--architecture=armv6k", "-M", "reg-names-std",
                                      $"--adjust-vma=0x{baseAddress:x}" };
        if (thumb) args.AddRange(["-M", "force-thumb"]);
        args.Add(blob);
        var agreement = new DisassemblerAgreement();
        Compare(agreement, ObjdumpOracle.Parse(ObjdumpOracle.Run(args.ToArray())));
        return agreement;
    }

    [Fact]
    public void RandomArmEncodingsMostlyMatchObjdump()
    {
        Assert.SkipUnless(ObjdumpOracle.Available(), "arm-none-eabi-objdump not installed");
        var agreement = RandomBlob(thumb: false, count: 20000, seed: 1);
        Report("random-arm", agreement);
        Assert.True(agreement.CoreSame >= agreement.CoreTotal * 0.95, agreement.Summary());
    }

    [Fact]
    public void RandomThumbEncodingsMostlyMatchObjdump()
    {
        Assert.SkipUnless(ObjdumpOracle.Available(), "arm-none-eabi-objdump not installed");
        var agreement = RandomBlob(thumb: true, count: 20000, seed: 2);
        Report("random-thumb", agreement);
        Assert.True(agreement.CoreSame >= agreement.CoreTotal * 0.95, agreement.Summary());
    }
}

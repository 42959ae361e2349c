using System.Buffers.Binary;
using System.Diagnostics;
using Cloister.Platform.Loaders;

namespace Cloister.Platform.Tests;

/// <summary>
/// The loader's RAM image against QEMU 7.2's, dumped through its GDB stub before the first
/// instruction (Oracle/make-oracle.sh regenerates the dumps).
/// </summary>
public class LoaderOracleTests
{
    const uint Ram128 = 128u << 20;
    const string Append = "console=ttyAMA0 root=/dev/ram rdinit=/bin/sh";

    static BootImage Load(string kernel, uint ram = Ram128, string? initrd = null, string? append = null, string? dtb = null) =>
        KernelLoader.Load(new BootRequest(Oracle.File(kernel), initrd is null ? null : Oracle.File(initrd), append,
            dtb is null ? null : Oracle.File(dtb)), 0, ram, 0x183);

    /// <summary>RAM contents in [start, start+length) after the blobs are written over zeroed RAM.</summary>
    static byte[] Region(BootImage image, uint start, int length)
    {
        var result = new byte[length];
        foreach (var blob in image.Blobs)
        {
            long from = Math.Max(start, blob.Address);
            long to = Math.Min((long)start + length, (long)blob.Address + blob.Data.Length);
            for (long a = from; a < to; a++) result[a - start] = blob.Data[a - blob.Address];
        }
        return result;
    }

    [Fact]
    public void BootStubAndAtagsMatchQemuWithInitrdAndCmdline()
    {
        var image = Load("kernel.bin", initrd: "initrd.bin", append: Append);
        Assert.Equal(Oracle.Bytes("atags-full.bin"), Region(image, 0, 512));
        Assert.True(image.IsLinux);
        Assert.Equal(0x10000u, image.Entry);
        Assert.Equal(0x4000000u, image.InitrdStart);
        Assert.Equal(0x100u, image.AtagsStart);
    }

    [Fact]
    public void AtagsMatchQemuWithoutInitrdOrCmdline() =>
        Assert.Equal(Oracle.Bytes("atags-plain.bin"), Region(Load("kernel.bin"), 0, 512));

    [Fact]
    public void AtagsMatchQemuWith64MiBAndShortCmdline() =>
        Assert.Equal(Oracle.Bytes("atags-64m.bin"), Region(Load("kernel.bin", ram: 64u << 20, append: "x"), 0, 512));

    [Fact]
    public void KernelAndInitrdLandWhereQemuPutsThem()
    {
        var image = Load("kernel.bin", initrd: "initrd.bin", append: Append);
        Assert.Equal(Oracle.Bytes("kernel-full.bin"), Region(image, 0x10000, 20000));
        Assert.Equal(Oracle.Bytes("initrd-full.bin"), Region(image, 0x4000000, 10001));
    }

    [Fact]
    public void BootStubWordsAreQemus()
    {
        var stub = Oracle.Bytes("atags-plain.bin");
        uint W(int i) => BinaryPrimitives.ReadUInt32LittleEndian(stub.AsSpan(i * 4));
        Assert.Equal(KernelLoader.BootStubCode, new[] { W(0), W(1), W(2), W(3) });
        Assert.Equal(0x183u, W(4));
        Assert.Equal(0x100u, W(5));
        Assert.Equal(0x10000u, W(6));
    }

    [Fact]
    public void DtbBootStubPointsAtTheDtbAfterTheInitrd()
    {
        var image = Load("kernel.bin", initrd: "initrd.bin", append: Append, dtb: "test.dtb");
        Assert.Equal(Oracle.Bytes("dtb-stub.bin"), Region(image, 0, 64));
        Assert.Equal(0x4003000u, image.DtbStart);
        Assert.Null(image.AtagsStart);
    }

    [Fact]
    public void RewrittenDtbIsByteForByteQemus()
    {
        var image = Load("kernel.bin", initrd: "initrd.bin", append: Append, dtb: "test.dtb");
        var expected = Oracle.Bytes("dtb-full.bin");
        var dtb = image.Find("dtb")!;
        Assert.Equal(expected.Length, dtb.Data.Length);
        Assert.Equal(expected, dtb.Data);
    }

    [Fact]
    public void DtbWithoutChosenOrRootMemoryMatchesQemu()
    {
        var image = Load("kernel.bin", dtb: "nochosen.dtb");
        Assert.Equal(0x4000000u, image.DtbStart);
        Assert.Equal(Oracle.Bytes("dtb-nochosen.bin"), image.Find("dtb")!.Data);
    }

    [Fact]
    public void UImageIsLoadedAtItsLoadAddressAndEnteredAtItsEntryPoint()
    {
        var image = Load("kernel.uimg", append: Append);
        Assert.Equal(Oracle.Bytes("uimage-stub.bin"), Region(image, 0, 512));
        Assert.Equal(Oracle.Bytes("uimage-payload.bin"), Region(image, 0x8000, 3000));
        Assert.True(image.IsLinux);
        Assert.Equal(0x8040u, image.Entry);
    }

    [Fact]
    public void MachineBootWritesTheBoardsIdIntoTheStub()
    {
        foreach (var (board, id) in new[] { ("versatilepb", 0x183u), ("versatileab", 0x25Eu) })
        {
            var config = new MachineConfig { Board = board, Kernel = Oracle.File("kernel.bin"), Append = Append };
            using var machine = new Machine(config);
            machine.Boot();
            Assert.Equal(id, machine.Bus.ReadWord(0x10));
            Assert.Equal(0u, machine.Cpu.Pc);
            Assert.Equal(Oracle.Bytes("atags-plain.bin")[0x100..0x118], machine.Bus.Ram[0x100..0x118].ToArray());
        }
    }

    [Fact]
    public void RewrittenDtbDecompilesWithDtc()
    {
        var image = Load("kernel.bin", initrd: "initrd.bin", append: Append, dtb: "test.dtb");
        string dts = Dtc(image.Find("dtb")!.Data);
        if (dts.Length == 0) return; // dtc not installed
        Assert.Contains("memory@0 {", dts);
        Assert.Contains("reg = <0x00 0x8000000>;", dts);
        Assert.Contains("device_type = \"memory\";", dts);
        Assert.Contains($"bootargs = \"{Append}\";", dts);
        Assert.Contains("linux,initrd-start = <0x4000000>;", dts);
        Assert.Contains("linux,initrd-end = <0x4002711>;", dts);
        Assert.DoesNotContain("memory@20000000", dts);
        Assert.DoesNotContain("old arguments", dts);
    }

    static string Dtc(byte[] blob)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, blob);
            var psi = new ProcessStartInfo("dtc", ["-I", "dtb", "-O", "dts", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi);
            if (p is null) return "";
            string output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
        finally
        {
            File.Delete(path);
        }
    }
}

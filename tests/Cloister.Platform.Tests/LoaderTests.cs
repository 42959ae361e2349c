using System.Buffers.Binary;
using Cloister.Platform.Loaders;

namespace Cloister.Platform.Tests;

public class LoaderTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("cloister-loader").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    string Write(string name, byte[] data)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, data);
        return path;
    }

    /// <summary>A minimal ARM ELF executable with the given PT_LOAD segments.</summary>
    public static byte[] Elf(uint entry, params (uint Addr, byte[] Data, uint MemSize)[] segments)
    {
        int phoff = 52, phentsize = 32;
        int dataOff = phoff + phentsize * segments.Length;
        var file = new List<byte>(new byte[dataOff]);
        var hdr = new byte[52];
        hdr[0] = 0x7F; hdr[1] = (byte)'E'; hdr[2] = (byte)'L'; hdr[3] = (byte)'F';
        hdr[4] = 1; hdr[5] = 1; hdr[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(hdr.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(hdr.AsSpan(18), 40);
        BinaryPrimitives.WriteUInt32LittleEndian(hdr.AsSpan(20), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(hdr.AsSpan(24), entry);
        BinaryPrimitives.WriteUInt32LittleEndian(hdr.AsSpan(28), (uint)phoff);
        BinaryPrimitives.WriteUInt16LittleEndian(hdr.AsSpan(40), 52);
        BinaryPrimitives.WriteUInt16LittleEndian(hdr.AsSpan(42), (ushort)phentsize);
        BinaryPrimitives.WriteUInt16LittleEndian(hdr.AsSpan(44), (ushort)segments.Length);
        for (int i = 0; i < 52; i++) file[i] = hdr[i];
        int off = dataOff;
        for (int s = 0; s < segments.Length; s++)
        {
            var ph = new byte[32];
            BinaryPrimitives.WriteUInt32LittleEndian(ph, 1);
            BinaryPrimitives.WriteUInt32LittleEndian(ph.AsSpan(4), (uint)off);
            BinaryPrimitives.WriteUInt32LittleEndian(ph.AsSpan(8), segments[s].Addr);
            BinaryPrimitives.WriteUInt32LittleEndian(ph.AsSpan(12), segments[s].Addr);
            BinaryPrimitives.WriteUInt32LittleEndian(ph.AsSpan(16), (uint)segments[s].Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(ph.AsSpan(20), segments[s].MemSize);
            for (int i = 0; i < 32; i++) file[phoff + s * 32 + i] = ph[i];
            file.AddRange(segments[s].Data);
            off += segments[s].Data.Length;
        }
        return [.. file];
    }

    [Fact]
    public void ElfSegmentsGoToTheirPhysicalAddressesWithBssZeroed()
    {
        var path = Write("a.elf", Elf(0x8001, (0x8000, [1, 2, 3, 4], 8), (0x20000, [9], 1)));
        var image = KernelLoader.Load(new BootRequest(path, Initrd: path, Append: "ignored"), 0, 1 << 20, 0x183);
        Assert.False(image.IsLinux);
        Assert.Equal(0x8001u, image.Entry);
        Assert.Equal(2, image.Blobs.Count); // no stub, no ATAGs, no initrd for a non-Linux image
        Assert.Equal(new byte[] { 1, 2, 3, 4, 0, 0, 0, 0 }, image.Blobs[0].Data);
        Assert.Equal(0x20000u, image.Blobs[1].Address);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("wrong machine")]
    [InlineData("64-bit")]
    [InlineData("outside RAM")]
    public void BadElfImagesAreRejected(string what)
    {
        var elf = Elf(0x8000, (0x8000, [1, 2, 3, 4], 4));
        switch (what)
        {
            case "truncated": elf = elf[..30]; break;
            case "wrong machine": elf[18] = 3; break;
            case "64-bit": elf[4] = 2; break;
            case "outside RAM": elf = Elf(0x8000, (0x200000, [1], 1)); break;
        }
        var path = Write("bad.elf", elf);
        var e = Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest(path), 0, 1 << 20, 0x183));
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingFilesGiveQemusMessages()
    {
        var k = Write("k", new byte[100]);
        Assert.Equal("could not load kernel '/nonexistent/k'",
            Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest("/nonexistent/k"), 0, 1 << 20, 0x183)).Message);
        Assert.Equal("could not load initrd '/nonexistent/r'",
            Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest(k, "/nonexistent/r"), 0, 1 << 20, 0x183)).Message);
        Assert.Equal("Couldn't open dtb file /nonexistent/d",
            Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest(k, Dtb: "/nonexistent/d"), 0, 1 << 20, 0x183)).Message);
    }

    [Fact]
    public void KernelTooBigForRamIsRejected()
    {
        var k = Write("k", new byte[2 << 20]);
        Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest(k), 0, 1 << 20, 0x183));
    }

    [Fact]
    public void InitrdTooBigForRamIsRejected()
    {
        var k = Write("k", new byte[100]);
        var r = Write("r", new byte[(1 << 20) / 2 + 1]);
        var e = Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest(k, r), 0, 1 << 20, 0x183));
        Assert.Equal($"could not load initrd '{r}'", e.Message);
    }

    [Fact]
    public void MalformedDtbIsRejected()
    {
        var k = Write("k", new byte[100]);
        var d = Write("d.dtb", [0xD0, 0x0D, 0xFE, 0xED, 0, 0, 0, 8]);
        Assert.Throws<BootException>(() => KernelLoader.Load(new BootRequest(k, Dtb: d), 0, 16 << 20, 0x183));
    }

    [Fact]
    public void InitrdStartIsHalfOfRamCappedAt128MiB()
    {
        var k = Write("k", new byte[100]);
        var r = Write("r", new byte[10]);
        Assert.Equal(0x8000000u, KernelLoader.Load(new BootRequest(k, r), 0, 256u << 20, 0x183).InitrdStart);
        Assert.Equal(0x2000000u, KernelLoader.Load(new BootRequest(k, r), 0, 64u << 20, 0x183).InitrdStart);
    }

    [Fact]
    public void GzipUImageIsDecompressed()
    {
        var payload = new byte[5000];
        new Random(5).NextBytes(payload);
        var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Optimal, true))
            gz.Write(payload);
        var comp = ms.ToArray();
        var hdr = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(hdr, UImage.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(hdr.AsSpan(12), (uint)comp.Length);
        BinaryPrimitives.WriteUInt32BigEndian(hdr.AsSpan(16), 0x8000);
        BinaryPrimitives.WriteUInt32BigEndian(hdr.AsSpan(20), 0x8000);
        hdr[28] = UImage.OsLinux; hdr[29] = 2; hdr[30] = UImage.TypeKernel; hdr[31] = UImage.CompGzip;
        var path = Write("u.img", [.. hdr, .. comp]);
        var image = KernelLoader.Load(new BootRequest(path), 0, 1 << 20, 0x183);
        Assert.Equal(payload, image.Blobs.Single(b => b.Address == 0x8000).Data);
        Assert.True(image.IsLinux);
    }
}

using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Boot.DeviceTree;
using Xunit;

namespace Cloister.Hypervisor.Tests.DeviceTree;

/// <summary>The hypervisor's FDT reader against dtc's blobs, checked node by node and property by
/// property with fdtget (the oracle), for each blob layout dtc writes.</summary>
public class FdtParserTests
{
    public static TheoryData<string> Layouts => new()
    {
        "",          // dtc's defaults: version 17, no padding
        "-V 16",     // version 16: no size_dt_struct
        "-p 4096",   // padding after the strings block
        "-a 256",    // totalsize aligned
        "-R 3",      // three extra empty reservation entries
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_node_and_property_reads_as_fdtget_reads_it(string layout)
    {
        var blob = DtcTools.CompileFile("sample.dts", layout.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var tree = FdtParser.Parse(blob);
        int properties = 0;
        foreach (var node in Walk(tree.Root))
        {
            Assert.Equal(Lines(DtcTools.FdtGet(blob, ["-l"], node.Path)), node.Children.Select(c => c.Name).ToArray());
            Assert.Equal(Lines(DtcTools.FdtGet(blob, ["-p"], node.Path)), node.Properties.Select(p => p.Key).ToArray());
            foreach (var (name, value) in node.Properties)
            {
                var expected = DtcTools.FdtGet(blob, ["-t", "bx"], node.Path, name)
                    .Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(h => Convert.ToByte(h, 16));
                Assert.Equal(expected, value);
                properties++;
            }
        }
        Assert.True(properties >= 19, $"{properties} properties compared");
    }

    [Fact]
    public void Every_node_of_the_source_is_found()
    {
        var tree = FdtParser.Parse(DtcTools.CompileFile("sample.dts"));
        Assert.Equal(["/", "/memory@0", "/wide", "/wide/region@40000000", "/bytes", "/deep", "/deep/level2",
            "/deep/level2/level3", "/deep/level2/level3/level4", "/chosen"], Walk(tree.Root).Select(n => n.Path));
    }

    [Fact]
    public void The_reservation_map_reads_as_dtc_prints_it()
    {
        var blob = DtcTools.CompileFile("sample.dts", "-R", "2");
        var printed = DtcTools.ToDts(blob).Split('\n').Where(l => l.StartsWith("/memreserve/"))
            .Select(l => l.Split([' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => new MemoryBank(Convert.ToUInt32(w[1], 16), Convert.ToUInt32(w[2], 16)));
        Assert.Equal(printed, FdtParser.Parse(blob).Reserved);
        Assert.Equal(2, FdtParser.Parse(blob).Reserved.Count);
    }

    [Fact]
    public void Typed_readers_interpret_values_as_the_source_wrote_them()
    {
        var root = FdtParser.Parse(DtcTools.CompileFile("sample.dts")).Root;
        Assert.Equal(["arm,versatile-pb", "arm,something-else"], root.Strings("compatible"));
        Assert.True(root.IsCompatible("arm,something-else"));
        Assert.Equal("a sample", root.String("model"));
        Assert.Equal(1u, root.Cell("#address-cells"));
        var bytes = root.Child("bytes")!;
        Assert.Null(bytes.String("blob")); // not NUL-terminated: not a string
        Assert.True(bytes.Has("flag"));
        Assert.Null(bytes.Cell("flag"));
        Assert.Equal("", root.Child("chosen")!.String("empty-string"));
        // A label reference is the target's phandle, which dtc added to the target.
        Assert.Equal(root.Child("deep")!.Cell("phandle"), bytes.Cell("label-user"));
        Assert.Same(root.Child("memory@0"), root.Child("memory"));
    }

    [Fact]
    public void Reg_entries_use_the_parent_cell_counts()
    {
        var root = FdtParser.Parse(DtcTools.CompileFile("sample.dts")).Root;
        Assert.Equal([new MemoryBank(0, 0x8000000), new MemoryBank(0x10000000, 0x1000000)], RegReader.Read(root.Child("memory")!));
        Assert.Equal([new MemoryBank(0x40000000, 0x1000)], RegReader.Read(root.Child("wide")!.Child("region")!));
    }

    [Fact]
    public void A_region_above_4_GiB_is_refused()
    {
        var blob = DtcTools.Compile("/dts-v1/; / { #address-cells = <2>; #size-cells = <1>; m { reg = <1 0 0x1000>; }; };");
        var e = Assert.Throws<BootException>(() => RegReader.Read(FdtParser.Parse(blob).Root.Child("m")!));
        Assert.Contains("above 4 GiB", e.Message);
    }

    [Fact]
    public void A_blob_without_the_magic_is_refused()
    {
        var blob = DtcTools.CompileFile("sample.dts");
        blob[0] ^= 1;
        var e = Assert.Throws<BootException>(() => FdtParser.Parse(blob));
        Assert.Contains("bad magic", e.Message);
    }

    [Fact]
    public void Every_truncation_is_refused_without_reading_past_the_end()
    {
        var blob = DtcTools.CompileFile("sample.dts");
        for (int length = 0; length < blob.Length; length++)
            Assert.Throws<BootException>(() => FdtParser.Parse(blob.AsSpan(0, length)));
    }

    [Fact]
    public void Every_corrupted_byte_is_read_or_refused_but_never_crashes_the_reader()
    {
        var original = DtcTools.CompileFile("sample.dts");
        int refused = 0;
        for (int at = 0; at < original.Length; at++)
        {
            var blob = (byte[])original.Clone();
            blob[at] ^= 0xA5;
            try { FdtParser.Parse(blob); }
            catch (BootException) { refused++; }
        }
        Assert.InRange(refused, 1, original.Length - 1);
    }

    static IEnumerable<FdtNode> Walk(FdtNode node) => [node, .. node.Children.SelectMany(Walk)];

    static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

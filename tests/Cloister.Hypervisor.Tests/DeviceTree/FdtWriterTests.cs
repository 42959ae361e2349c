using Cloister.Toolstack.DeviceTree;
using Xunit;

namespace Cloister.Hypervisor.Tests.DeviceTree;

/// <summary>The toolstack's FDT writer, with dtc as the oracle: what it writes decompiles to the
/// tree of the equivalent source, and is byte for byte what dtc compiles from that source.</summary>
public class FdtWriterTests
{
    static byte[] WriteTheSample() => new FdtWriter().BeginNode("")
        .Strings("compatible", "arm,realview-eb")
        .Cells("#address-cells", 1).Cells("#size-cells", 1)
        .BeginNode("chosen")
            .Cells("#address-cells", 1).Cells("#size-cells", 1)
            .Strings("xen,xen-bootargs", "flask=permissive loglvl=all")
            .BeginNode("module@4000000")
                .Strings("compatible", "xen,xsm-policy", "multiboot,module")
                .Cells("reg", 0x4000000, 0x28a6)
            .EndNode()
            .BeginNode("domU1")
                .Strings("compatible", "xen,domain")
                .Cells("memory", 0, 0x1000)
                .Cells("cpus", 2)
                .Empty("vpl011")
                .Property("odd", [1, 2, 3])
            .EndNode()
        .EndNode()
        .EndNode().Finish();

    [Fact]
    public void The_written_tree_decompiles_to_the_source_tree()
    {
        // Both decompiled by dtc: its guesses at value types (string lists, cells) are the same for both.
        Assert.Equal(DtcTools.ToDts(DtcTools.CompileFile("written.dts")), DtcTools.ToDts(WriteTheSample()));
    }

    [Fact]
    public void The_written_blob_is_what_dtc_compiles()
    {
        Assert.Equal(DtcTools.CompileFile("written.dts"), WriteTheSample());
    }

    [Fact]
    public void Unclosed_nodes_and_properties_outside_nodes_are_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().BeginNode("").Finish());
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().Cells("x", 1));
        Assert.Throws<InvalidOperationException>(() => new FdtWriter().BeginNode("").EndNode().BeginNode(""));
        Assert.Throws<ArgumentException>(() => new FdtWriter().BeginNode("").BeginNode("a/b"));
    }
}

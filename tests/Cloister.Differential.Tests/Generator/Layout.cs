namespace Cloister.Differential.Tests.Generator;

/// <summary>Where the test program lives in the Versatile/PB's RAM (which starts at 0).</summary>
public static class Layout
{
    /// <summary>Link and entry address (QEMU's usual kernel address; the ELF loader honours it).</summary>
    public const uint LoadAddress = 0x00010000;

    /// <summary>The data buffer every load and store targets; dumped whole at the end.</summary>
    public const uint BufferAddress = 0x00080000;
    public const int BufferSize = 4096;

    /// <summary>Where the epilogue formats its text before one SYS_WRITE0.</summary>
    public const uint OutputAddress = 0x00090000;
}

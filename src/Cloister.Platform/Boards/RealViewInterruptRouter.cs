namespace Cloister.Platform.Boards;

/// <summary>
/// The RealView EB's interrupt wiring for the ARM11 MPCore tile (QEMU's "realview_mpcore",
/// hw/cpu/realview_mpcore.c): each of the 64 baseboard lines goes to all four board GICs, and
/// the lines the tile takes directly (UARTs, timers, ...) also go to an MPCore GIC input.
/// </summary>
public sealed class RealViewInterruptRouter(IIrqSink[] boardGics, IIrqSink mpcoreGic) : IIrqSink
{
    public const int Lines = 64;

    /// <summary>Baseboard line → MPCore GIC external input (SPI, interrupt ID 32 + n), or -1.</summary>
    static readonly int[] ToMpCore =
    [
        -1, -1, -1, -1,  1,  2, -1, -1,
        -1, -1,  6, -1,  4,  5, -1, -1,
        -1, 14, 15,  0,  7,  8, -1, -1,
        -1, -1, -1, -1,  9,  3, -1, -1,
    ];

    public void SetInput(int line, bool level)
    {
        foreach (var gic in boardGics) gic.SetInput(line, level);
        if (line < ToMpCore.Length && ToMpCore[line] >= 0) mpcoreGic.SetInput(ToMpCore[line], level);
    }
}

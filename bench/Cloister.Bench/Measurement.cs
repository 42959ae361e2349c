namespace Cloister.Bench;

/// <summary>One run: guest instructions retired and wall-clock seconds.</summary>
public readonly record struct Measurement(long Instructions, double Seconds);

/// <summary>Rate from two runs of different sizes: (I2 - I1) / (t2 - t1), so fixed start-up cost
/// (process start, JIT, image loading) does not count.</summary>
public static class Rate
{
    public static double InstructionsPerSecond(Measurement small, Measurement large) =>
        (large.Instructions - small.Instructions) / Math.Max(large.Seconds - small.Seconds, 1e-6);
}

using Cloister.Arm.Vfp;
using Cloister.Vfp.Tests.Generator;

namespace Cloister.Vfp.Tests;

/// <summary>
/// A quick check that needs no QEMU: in round-to-nearest without FZ/DN the host's IEEE float and
/// double arithmetic is exact, so the soft-float's values must equal it bit for bit (NaN payload
/// choice and the flags are left to the differential tests, where QEMU is the oracle).
/// </summary>
public sealed class SoftFloatHostTests
{
    const int Iterations = 200_000;

    static bool IsNaN32(uint v) => (v & 0x7FFFFFFF) > 0x7F800000;
    static bool IsNaN64(ulong v) => (v & 0x7FFFFFFFFFFFFFFF) > 0x7FF0000000000000;

    [Fact]
    public void SingleMatchesHost()
    {
        var rng = new Random(12345);
        var pool = new OperandPool(rng);
        var f = FloatFormat.Single;
        for (int i = 0; i < Iterations; i++)
        {
            uint a = pool.Single();
            uint b = rng.Next(3) == 0 ? (uint)pool.Near(a, FloatShape.Single) : pool.Single();
            float x = BitConverter.UInt32BitsToSingle(a), y = BitConverter.UInt32BitsToSingle(b);
            var st = new FpStatus();
            Check("add", a, b, (uint)SoftFloat.Add(a, b, f, ref st), BitConverter.SingleToUInt32Bits(x + y));
            Check("sub", a, b, (uint)SoftFloat.Sub(a, b, f, ref st), BitConverter.SingleToUInt32Bits(x - y));
            Check("mul", a, b, (uint)SoftFloat.Mul(a, b, f, ref st), BitConverter.SingleToUInt32Bits(x * y));
            Check("div", a, b, (uint)SoftFloat.Div(a, b, f, ref st), BitConverter.SingleToUInt32Bits(x / y));
            Check("sqrt", a, 0, (uint)SoftFloat.Sqrt(a, f, ref st), BitConverter.SingleToUInt32Bits(MathF.Sqrt(x)));
            Check("cvt", a, 0, SoftFloat.ConvertFormat(a, f, FloatFormat.Double, ref st), BitConverter.DoubleToUInt64Bits(x));
            Check("sito", a, 0, (uint)SoftFloat.FromInt32((int)a, f, ref st), BitConverter.SingleToUInt32Bits((int)a));
            Check("uito", a, 0, (uint)SoftFloat.FromUInt32(a, f, ref st), BitConverter.SingleToUInt32Bits(a));
        }

        static void Check(string op, uint a, uint b, ulong got, ulong want)
        {
            bool nan = op == "cvt" ? IsNaN64(want) : IsNaN32((uint)want);
            if (nan) Assert.True(op == "cvt" ? IsNaN64(got) : IsNaN32((uint)got), $"{op}(0x{a:x8}, 0x{b:x8}) should be NaN, got 0x{got:x}");
            else Assert.True(got == want, $"{op}(0x{a:x8}, 0x{b:x8}): got 0x{got:x}, host 0x{want:x}");
        }
    }

    [Fact]
    public void DoubleMatchesHost()
    {
        var rng = new Random(54321);
        var pool = new OperandPool(rng);
        var f = FloatFormat.Double;
        for (int i = 0; i < Iterations; i++)
        {
            ulong a = pool.Double();
            ulong b = rng.Next(3) == 0 ? pool.Near(a, FloatShape.Double) : pool.Double();
            double x = BitConverter.UInt64BitsToDouble(a), y = BitConverter.UInt64BitsToDouble(b);
            var st = new FpStatus();
            Check("add", a, b, SoftFloat.Add(a, b, f, ref st), BitConverter.DoubleToUInt64Bits(x + y));
            Check("sub", a, b, SoftFloat.Sub(a, b, f, ref st), BitConverter.DoubleToUInt64Bits(x - y));
            Check("mul", a, b, SoftFloat.Mul(a, b, f, ref st), BitConverter.DoubleToUInt64Bits(x * y));
            Check("div", a, b, SoftFloat.Div(a, b, f, ref st), BitConverter.DoubleToUInt64Bits(x / y));
            Check("sqrt", a, 0, SoftFloat.Sqrt(a, f, ref st), BitConverter.DoubleToUInt64Bits(Math.Sqrt(x)));
            Check("cvt", a, 0, SoftFloat.ConvertFormat(a, f, FloatFormat.Single, ref st), BitConverter.SingleToUInt32Bits((float)x));
            Check("sito", a, 0, SoftFloat.FromInt32((int)a, f, ref st), BitConverter.DoubleToUInt64Bits((int)a));
        }

        static void Check(string op, ulong a, ulong b, ulong got, ulong want)
        {
            bool nan = op == "cvt" ? IsNaN32((uint)want) : IsNaN64(want);
            if (nan) Assert.True(op == "cvt" ? IsNaN32((uint)got) : IsNaN64(got), $"{op}(0x{a:x16}, 0x{b:x16}) should be NaN, got 0x{got:x}");
            else Assert.True(got == want, $"{op}(0x{a:x16}, 0x{b:x16}): got 0x{got:x}, host 0x{want:x}");
        }
    }
}

using Cloister.Differential.Tests.Generator.Vfp;

namespace Cloister.Differential.Tests.Generator.Arm;

/// <summary>
/// VFPv2 in ARM state, single and double precision. FPSCR.LEN stays 0, so every operation is scalar
/// (vectors are tests/Cloister.Vfp.Tests' job). FPSCR writes change NZCV, DN, FZ, the rounding mode and the
/// cumulative flags at random; the trap enables stay 0. No VFP register transfer touches PC.
/// </summary>
public sealed partial class ArmBlockGenerator
{
    static readonly string[] VfpBinary = ["vadd", "vsub", "vmul", "vdiv", "vnmul", "vmla", "vmls", "vnmla", "vnmls"];
    static readonly string[] VfpUnary = ["vabs", "vneg", "vsqrt", "vmov"];

    bool PickDouble() => _rng.Chance(0.5);

    string Sreg() => $"s{_rng.Next(32)}";
    string Dreg() => $"d{_rng.Next(16)}";

    void VfpArithmetic(BlockBuilder b)
    {
        bool dbl = PickDouble();
        string t = dbl ? ".f64" : ".f32", cond = Cond();
        string Reg() => dbl ? Dreg() : Sreg();
        if (_rng.Chance(0.7)) b.Instruction($"{_rng.Pick(VfpBinary)}{cond}{t} {Reg()}, {Reg()}, {Reg()}");
        else b.Instruction($"{_rng.Pick(VfpUnary)}{cond}{t} {Reg()}, {Reg()}");
    }

    /// <summary>VCMP/VCMPE with a register or #0, and often VMRS APSR_nzcv right after, so the flags reach
    /// the CPSR and a conditional instruction can use them.</summary>
    void VfpCompare(BlockBuilder b)
    {
        bool dbl = PickDouble();
        string op = _rng.Pick(["vcmp", "vcmpe"]), t = dbl ? ".f64" : ".f32";
        string first = dbl ? Dreg() : Sreg(), second = _rng.Chance(0.2) ? "#0" : dbl ? Dreg() : Sreg();
        if (_rng.Chance(0.6))
        {
            b.Prep($"{op}{t} {first}, {second}");
            b.Instruction($"vmrs{Cond()} APSR_nzcv, fpscr");
        }
        else b.Instruction($"{op}{Cond()}{t} {first}, {second}");
    }

    /// <summary>Single to double and back; float to signed/unsigned integer, rounding towards zero (VCVT) or
    /// in the FPSCR's mode (VCVTR); integer to float.</summary>
    void VfpConvert(BlockBuilder b)
    {
        string cond = Cond(), integer = _rng.Pick(["s32", "u32"]);
        switch (_rng.Next(4))
        {
            case 0: b.Instruction($"vcvt{cond}.f64.f32 {Dreg()}, {Sreg()}"); break;
            case 1: b.Instruction($"vcvt{cond}.f32.f64 {Sreg()}, {Dreg()}"); break;
            case 2:
                string r = _rng.Chance(0.5) ? "r" : "";
                b.Instruction(PickDouble() ? $"vcvt{r}{cond}.{integer}.f64 {Sreg()}, {Dreg()}" : $"vcvt{r}{cond}.{integer}.f32 {Sreg()}, {Sreg()}");
                break;
            default:
                b.Instruction(PickDouble() ? $"vcvt{cond}.f64.{integer} {Dreg()}, {Sreg()}" : $"vcvt{cond}.f32.{integer} {Sreg()}, {Sreg()}");
                break;
        }
    }

    /// <summary>FPSCR writes (a new random mode) and reads; VMOV between core and VFP registers; VLDR/VSTR
    /// in the buffer (word-aligned, offsets up to ±1020 in words).</summary>
    void VfpTransfer(BlockBuilder b)
    {
        string cond = Cond();
        switch (_rng.Next(6))
        {
            case 0:
                int rt = Pick();
                b.Load(rt, VfpValues.Fpscr(_rng));
                b.Instruction($"vmsr{cond} fpscr, {R(rt)}");
                break;
            case 1: b.Instruction($"vmrs{cond} {R(Pick())}, fpscr"); break;
            case 2: b.Instruction(_rng.Chance(0.5) ? $"vmov{cond} {Sreg()}, {R(Pick())}" : $"vmov{cond} {R(Pick())}, {Sreg()}"); break;
            case 3:
                int lo = Pick(), hi = Pick(lo);
                b.Instruction(_rng.Chance(0.5) ? $"vmov{cond} {Dreg()}, {R(lo)}, {R(hi)}" : $"vmov{cond} {R(lo)}, {R(hi)}, {Dreg()}");
                break;
            default:
                bool dbl = PickDouble();
                uint address = BufferAddresses.Pick(_rng, dbl ? 8 : 4, 4);
                int offset = 4 * _rng.Between(-255, 255);
                int rn = Pick();
                b.Load(rn, address - (uint)offset);
                string op = _rng.Chance(0.5) ? "vldr" : "vstr";
                b.Instruction($"{op}{cond} {(dbl ? Dreg() : Sreg())}, [{R(rn)}, #{offset}]");
                break;
        }
    }
}

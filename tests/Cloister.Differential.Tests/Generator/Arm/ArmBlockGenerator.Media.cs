using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator.Arm;

/// <summary>
/// ARMv6 media instructions (ARM ARM v6, "Media instructions" and "Multiply instructions"). PC is never an
/// operand: every one of them is UNPREDICTABLE with R15. The GE flags come from the parallel additions and
/// subtractions and are read back by SEL and by MRS.
/// </summary>
public sealed partial class ArmBlockGenerator
{
    static readonly string[] ParallelPrefixes = ["s", "q", "sh", "u", "uq", "uh"];
    static readonly string[] ParallelOps = ["add16", "add8", "sub16", "sub8", "asx", "sax"];

    /// <summary>The 36 parallel add/subtract instructions; the S and U forms set GE[3:0].</summary>
    void ParallelAddSubtract(BlockBuilder b) =>
        b.Instruction($"{_rng.Pick(ParallelPrefixes)}{_rng.Pick(ParallelOps)}{Cond()} {R(Pick())}, {R(Pick())}, {R(Pick())}");

    /// <summary>SEL, half the time right after an S/U parallel operation that sets GE from random operands.</summary>
    void Select(BlockBuilder b)
    {
        if (_rng.Chance(0.5))
            b.Prep($"{_rng.Pick(["s", "u"])}{_rng.Pick(ParallelOps)} {R(Pick())}, {R(Pick())}, {R(Pick())}");
        b.Instruction($"sel{Cond()} {R(Pick())}, {R(Pick())}, {R(Pick())}");
    }

    static readonly string[] Extends = ["sxtb", "sxth", "sxtb16", "uxtb", "uxth", "uxtb16"];
    static readonly string[] Rotations = ["", ", ror #8", ", ror #16", ", ror #24"];

    /// <summary>SXT*/UXT* and the accumulating SXTA*/UXTA* forms, with each rotation.</summary>
    void Extend(BlockBuilder b)
    {
        string op = _rng.Pick(Extends), ror = _rng.Pick(Rotations), cond = Cond();
        if (_rng.Chance(0.5)) b.Instruction($"{op}{cond} {R(Pick())}, {R(Pick())}{ror}");
        else b.Instruction($"{op[..3]}a{op[3..]}{cond} {R(Pick())}, {R(Pick())}, {R(Pick())}{ror}");
    }

    /// <summary>REV/REV16/REVSH, PKHBT (LSL #0-31) and PKHTB (ASR #1-32), USAD8/USADA8.</summary>
    void PackReverseAbsoluteDifference(BlockBuilder b)
    {
        string cond = Cond();
        switch (_rng.Next(5))
        {
            case 0: b.Instruction($"{_rng.Pick(["rev", "rev16", "revsh"])}{cond} {R(Pick())}, {R(Pick())}"); break;
            case 1: b.Instruction($"pkhbt{cond} {R(Pick())}, {R(Pick())}, {R(Pick())}{(_rng.Chance(0.2) ? "" : $", lsl #{_rng.Next(32)}")}"); break;
            case 2: b.Instruction($"pkhtb{cond} {R(Pick())}, {R(Pick())}, {R(Pick())}, asr #{1 + _rng.Next(32)}"); break;
            case 3: b.Instruction($"usad8{cond} {R(Pick())}, {R(Pick())}, {R(Pick())}"); break;
            default: b.Instruction($"usada8{cond} {R(Pick())}, {R(Pick())}, {R(Pick())}, {R(Pick())}"); break;
        }
    }

    /// <summary>SSAT (#1-32) and USAT (#0-31) with an optional LSL #0-31 or ASR #1-32; SSAT16 (#1-16) and
    /// USAT16 (#0-15). Each sets Q when it saturates.</summary>
    void Saturate(BlockBuilder b)
    {
        string cond = Cond();
        int rd = Pick(), rm = Pick();
        string shift = _rng.Next(3) switch { 0 => "", 1 => $", lsl #{_rng.Next(32)}", _ => $", asr #{1 + _rng.Next(32)}" };
        switch (_rng.Next(4))
        {
            case 0: b.Instruction($"ssat{cond} {R(rd)}, #{1 + _rng.Next(32)}, {R(rm)}{shift}"); break;
            case 1: b.Instruction($"usat{cond} {R(rd)}, #{_rng.Next(32)}, {R(rm)}{shift}"); break;
            case 2: b.Instruction($"ssat16{cond} {R(rd)}, #{1 + _rng.Next(16)}, {R(rm)}"); break;
            default: b.Instruction($"usat16{cond} {R(rd)}, #{_rng.Next(16)}, {R(rm)}"); break;
        }
    }

    /// <summary>The dual 16-bit multiplies (SMLAD/SMLSD/SMUAD/SMUSD and the long SMLALD/SMLSLD, each with X),
    /// the most-significant-word multiplies (SMMUL/SMMLA/SMMLS, each with R) and UMAAL. SMLAD and SMUAD set Q
    /// on overflow. The long forms and UMAAL need RdLo != RdHi (otherwise UNPREDICTABLE).</summary>
    void V6Multiply(BlockBuilder b)
    {
        string cond = Cond(), x = _rng.Chance(0.5) ? "x" : "", r = _rng.Chance(0.5) ? "r" : "";
        int rd = Pick(), rn = Pick(), rm = Pick(), ra = Pick();
        switch (_rng.Next(6))
        {
            case 0: b.Instruction($"{_rng.Pick(["smlad", "smlsd"])}{x}{cond} {R(rd)}, {R(rn)}, {R(rm)}, {R(ra)}"); break;
            case 1: b.Instruction($"{_rng.Pick(["smuad", "smusd"])}{x}{cond} {R(rd)}, {R(rn)}, {R(rm)}"); break;
            case 2: b.Instruction($"{_rng.Pick(["smlald", "smlsld"])}{x}{cond} {R(rd)}, {R(Pick(rd))}, {R(rn)}, {R(rm)}"); break;
            case 3: b.Instruction($"smmul{r}{cond} {R(rd)}, {R(rn)}, {R(rm)}"); break;
            case 4: b.Instruction($"{_rng.Pick(["smmla", "smmls"])}{r}{cond} {R(rd)}, {R(rn)}, {R(rm)}, {R(ra)}"); break;
            default: b.Instruction($"umaal{cond} {R(rd)}, {R(Pick(rd))}, {R(rn)}, {R(rm)}"); break;
        }
    }
}

namespace Cloister.Differential.Tests.Generator;

/// <summary>A generated test program: its source and the part a human reads when it fails.</summary>
public sealed record GeneratedProgram(int Seed, GeneratorOptions Options, string Source, IReadOnlyList<string> Body, InitialState Initial)
{
    /// <summary>"arm:17" (ARM926) or "arm1176/thumb:17" — the name a failure gives and CLOISTER_DIFF_SEED accepts.</summary>
    public string Name => NameOf(Options, Seed);

    public static string NameOf(GeneratorOptions options, int seed) =>
        (options.Target == TargetCpu.Arm926 ? "" : options.Target.Name + "/") + $"{options.Isa.ToString().ToLowerInvariant()}:{seed}";

    public string Listing => string.Join('\n', Body);
}

/// <summary>The state the prologue sets up: r0-r14, NZCVQ (bits 31:27), the buffer's words and, on a
/// target with VFP, S0-S31 and the FPSCR.</summary>
public sealed record InitialState(uint[] Registers, uint Flags, uint[] Fill, VfpState? Vfp);

/// <summary>The VFP registers as words (S0-S31; D<i>n</i> is S2n (low half) and S2n+1) and the FPSCR.</summary>
public sealed record VfpState(uint[] Singles, uint Fpscr);

namespace Cloister.Differential.Tests.Generator;

/// <summary>A generated test program: its source and the part a human reads when it fails.</summary>
public sealed record GeneratedProgram(int Seed, GeneratorOptions Options, string Source, IReadOnlyList<string> Body, InitialState Initial)
{
    /// <summary>"arm:17" — the name a failure gives and CLOISTER_DIFF_SEED accepts.</summary>
    public string Name => $"{Options.Isa.ToString().ToLowerInvariant()}:{Seed}";

    public string Listing => string.Join('\n', Body);
}

/// <summary>The state the prologue sets up: r0-r14, NZCVQ (bits 31:27) and the buffer's words.</summary>
public sealed record InitialState(uint[] Registers, uint Flags, uint[] Fill);

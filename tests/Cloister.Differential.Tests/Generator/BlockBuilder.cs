using Cloister.Differential.Tests.Encoding;

namespace Cloister.Differential.Tests.Generator;

/// <summary>
/// Collects the random block as assembler lines. Each random instruction is one "unit": the set-up lines the
/// generator needs just before it (literal loads of base registers and so on) followed by the instruction.
/// Branch targets are only placed between units, so a branch never skips the set-up of the instruction it
/// lands on. Literal pools are placed every few units behind an unconditional branch, because Thumb's LDR
/// (literal) only reaches 1020 bytes forwards.
/// </summary>
public sealed class BlockBuilder(InstructionSet isa)
{
    /// <summary>Units between literal pools; far inside both ISAs' literal and branch ranges.</summary>
    const int PoolInterval = 12;

    readonly List<string> _lines = [];
    readonly List<(string Label, uint Value)> _pool = [];
    readonly List<(string Label, int UnitsLeft)> _targets = [];
    int _labels, _unitsSincePool;

    public InstructionSet Isa => isa;
    public IReadOnlyList<string> Lines => _lines;
    public int InstructionCount { get; private set; }

    /// <summary>New branches are refused once a pool is due, so pending targets drain and the pool can go out.</summary>
    public bool BranchesAllowed => _unitsSincePool < PoolInterval;

    /// <summary>Set-up line: load a 32-bit constant from the next literal pool (no flags change, unlike MOVS).</summary>
    public void Load(int reg, uint value) => Prep($"ldr {Reg.Name(reg)}, {Literal(value)}");

    /// <summary>A label for <paramref name="value"/> in the next literal pool.</summary>
    public string Literal(uint value)
    {
        string label = $".Lk{_labels++}";
        _pool.Add((label, value));
        return label;
    }

    /// <summary>Any other set-up line for the coming instruction.</summary>
    public void Prep(string line) => _lines.Add("    " + line);

    /// <summary>The random instruction that closes the unit.</summary>
    public void Instruction(string text)
    {
        _lines.Add($"    {text,-40} @ #{InstructionCount}");
        InstructionCount++;
        _unitsSincePool++;
        PlaceDueTargets();
        if (_targets.Count == 0 && _unitsSincePool >= PoolInterval) FlushPool();
    }

    /// <summary>A label that will be placed after <paramref name="unitsAhead"/> more units (the branch's own unit counts).</summary>
    public string ForwardTarget(int unitsAhead)
    {
        string label = $".Lt{_labels++}";
        _targets.Add((label, unitsAhead));
        return label;
    }

    /// <summary>Places every pending target at the end of the block and emits the last pool.</summary>
    public void Finish()
    {
        foreach (var (label, _) in _targets) _lines.Add(label + ":");
        _targets.Clear();
        FlushPool();
    }

    void PlaceDueTargets()
    {
        for (int i = 0; i < _targets.Count; i++)
            _targets[i] = (_targets[i].Label, _targets[i].UnitsLeft - 1);
        foreach (var (label, _) in _targets.Where(t => t.UnitsLeft <= 0)) _lines.Add(label + ":");
        _targets.RemoveAll(t => t.UnitsLeft <= 0);
    }

    void FlushPool()
    {
        _unitsSincePool = 0;
        if (_pool.Count == 0) return;
        string end = $".Lp{_labels++}";
        _lines.Add($"    b {end}");
        _lines.Add("    .balign 4");
        foreach (var (label, value) in _pool) _lines.Add($"{label}: .word 0x{value:x8}");
        _lines.Add(end + ":");
        _pool.Clear();
    }
}

namespace Cloister.Differential.Tests.Generator;

/// <summary>Emits one random instruction (one unit) per call into the block.</summary>
public interface IBlockGenerator
{
    void EmitOne(BlockBuilder block);
}

/// <summary>An entry of a generator's table: how often the class is drawn, what the CPU must implement for
/// it, and how it is emitted. New architectures add rows.</summary>
public sealed record InstructionClass(string Name, int Weight, ArchFeatures Requires, Action<BlockBuilder> Emit);

/// <summary>Draws classes by weight among those the target implements.</summary>
public sealed class WeightedTable
{
    readonly InstructionClass[] _classes;
    readonly int _total;
    readonly Rng _rng;

    public WeightedTable(IEnumerable<InstructionClass> classes, TargetCpu target, Rng rng)
    {
        _classes = classes.Where(c => target.Has(c.Requires)).ToArray();
        _total = _classes.Sum(c => c.Weight);
        _rng = rng;
    }

    public IReadOnlyList<InstructionClass> Classes => _classes;

    public InstructionClass Draw()
    {
        int n = _rng.Next(_total);
        foreach (var c in _classes)
        {
            if (n < c.Weight) return c;
            n -= c.Weight;
        }
        throw new InvalidOperationException("weights exhausted");
    }
}

using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>Theory rows for the programs chosen by <see cref="CaseSelection"/>.</summary>
public static class SelectedCases
{
    /// <summary>Rows name the CPU by its name (a string serialises into the test's display name).</summary>
    public static TheoryData<string, InstructionSet, int> All()
    {
        var data = new TheoryData<string, InstructionSet, int>();
        foreach (var (target, isa, seed) in CaseSelection.Selected()) data.Add(target.Name, isa, seed);
        return data;
    }
}

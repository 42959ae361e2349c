using Cloister.Differential.Tests.Generator;
using Cloister.Differential.Tests.Runner;

namespace Cloister.Differential.Tests.Tests;

/// <summary>Theory rows for the programs chosen by <see cref="CaseSelection"/>.</summary>
public static class SelectedCases
{
    public static TheoryData<InstructionSet, int> All()
    {
        var data = new TheoryData<InstructionSet, int>();
        foreach (var (isa, seed) in CaseSelection.Selected()) data.Add(isa, seed);
        return data;
    }
}

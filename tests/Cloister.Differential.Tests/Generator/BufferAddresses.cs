namespace Cloister.Differential.Tests.Generator;

/// <summary>Picks effective addresses inside the data buffer.</summary>
public static class BufferAddresses
{
    /// <summary>An address A, a multiple of <paramref name="alignment"/>, with A .. A+size-1 inside the buffer.</summary>
    public static uint Pick(Rng rng, int size, int alignment)
    {
        int slots = (Layout.BufferSize - size) / alignment + 1;
        return Layout.BufferAddress + (uint)(rng.Next(slots) * alignment);
    }
}

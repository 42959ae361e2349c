using System.Buffers.Binary;
using Cloister.Toolstack.Rings;

namespace Cloister.Hypervisor.Tests;

/// <summary>A ring page in host memory, for testing the rings without a guest; this[offset] is a u32 there.</summary>
sealed class MemoryRingPage : IRingPage
{
    public readonly byte[] Bytes = new byte[4096];
    public bool Read(int offset, Span<byte> dest) { Bytes.AsSpan(offset, dest.Length).CopyTo(dest); return true; }
    public bool Write(int offset, ReadOnlySpan<byte> src) { src.CopyTo(Bytes.AsSpan(offset)); return true; }

    public uint this[int offset]
    {
        get => BinaryPrimitives.ReadUInt32LittleEndian(Bytes.AsSpan(offset));
        set => BinaryPrimitives.WriteUInt32LittleEndian(Bytes.AsSpan(offset), value);
    }
}

using System.Buffers.Binary;

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>Reads and writes hypercall argument structures in guest memory; any fault is -EFAULT.</summary>
public static class GuestStructs
{
    public const ushort DomidSelf = 0x7FF0;

    public static bool Read(in HypercallContext call, uint address, Span<byte> buffer) =>
        call.Domain.Memory.TryRead(address, buffer);

    public static bool Write(in HypercallContext call, uint address, ReadOnlySpan<byte> buffer) =>
        call.Domain.Memory.TryWrite(address, buffer);

    public static ushort U16(ReadOnlySpan<byte> s, int o) => BinaryPrimitives.ReadUInt16LittleEndian(s[o..]);
    public static uint U32(ReadOnlySpan<byte> s, int o) => BinaryPrimitives.ReadUInt32LittleEndian(s[o..]);
    public static ulong U64(ReadOnlySpan<byte> s, int o) => BinaryPrimitives.ReadUInt64LittleEndian(s[o..]);
    public static void Put16(Span<byte> s, int o, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(s[o..], v);
    public static void Put32(Span<byte> s, int o, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(s[o..], v);
    public static void Put64(Span<byte> s, int o, ulong v) => BinaryPrimitives.WriteUInt64LittleEndian(s[o..], v);
}

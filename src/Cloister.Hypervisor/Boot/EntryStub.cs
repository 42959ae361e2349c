namespace Cloister.Hypervisor.Boot;

/// <summary>
/// The hypervisor's boot image as the board's loader sees it: a few ARM words loaded like a
/// kernel. The first is a permanently undefined instruction reserved for Cloister; executing it
/// is how control reaches the C# hypervisor, with r0–r2 as the Linux boot protocol sets them.
/// The rest are code the hypervisor runs on the CPU itself: an idle loop and a halt.
/// </summary>
public static class EntryStub
{
    /// <summary>UDF #0xCE10: the hypervisor entry trap.</summary>
    public const uint EntryTrap = 0xE7FCE1F0;

    /// <summary>Offset of the idle loop: wait for interrupt (CP15 c7,c0,4), then loop.</summary>
    public const uint IdleOffset = 0x4;

    /// <summary>Offset of the halt sequence: semihosting SYS_EXIT with r1 = reason, then loop.
    /// Used only when the machine offers semihosting (a debugger or emulator is attached).</summary>
    public const uint HaltOffset = 0xC;

    public static readonly uint[] Words =
    [
        EntryTrap,   // 0x00 entry
        0xEE070F90,  // 0x04 idle: mcr p15, 0, r0, c7, c0, 4 (wait for interrupt)
        0xEAFFFFFD,  // 0x08 b 0x04
        0xE3A00018,  // 0x0C halt: mov r0, #0x18 (SYS_EXIT)
        0xEF123456,  // 0x10 svc 0x123456
        0xEAFFFFFE,  // 0x14 b .
    ];

    /// <summary>The image file's bytes (little-endian words).</summary>
    public static byte[] ToBytes()
    {
        var bytes = new byte[Words.Length * 4];
        for (int i = 0; i < Words.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), Words[i]);
        return bytes;
    }
}

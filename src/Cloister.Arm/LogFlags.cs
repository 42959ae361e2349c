namespace Cloister.Arm;

/// <summary>What the CPU reports to its log sink (QEMU's -d items of the same names).</summary>
[Flags]
public enum LogFlags
{
    None = 0,
    /// <summary>Each instruction the first time it is decoded (in_asm).</summary>
    InAsm = 1,
    /// <summary>Every exception taken (int).</summary>
    Interrupts = 2,
    /// <summary>Accesses to unimplemented registers and devices (unimp).</summary>
    Unimplemented = 4,
    /// <summary>Guest mistakes: unpredictable encodings, bad register accesses (guest_errors).</summary>
    GuestErrors = 8,
}

namespace Cloister.Platform.Devices;

/// <summary>
/// National LM4549 AC'97 codec behind the PL041 AACI, as QEMU's hw/audio/lm4549.c: a file of
/// 16-bit registers addressed by their AC'97 register number (0x00–0x7E) and a playback buffer
/// of 1024 16-bit samples (512 stereo frames). Cloister has no audio output: a full buffer is
/// handed to a silent sink that takes it at once, so the buffer never stays full (see
/// docs/platform.md for how this differs from QEMU's "none" audio backend).
/// </summary>
public sealed class Lm4549Codec
{
    const int RegReset = 0x00, RegPowerdown = 0x26, RegExtAudioId = 0x28, RegVendorId1 = 0x7C, RegVendorId2 = 0x7E;

    /// <summary>QEMU's LM4549_BUFFER_SIZE: 512 stereo frames of 16-bit samples.</summary>
    public const int BufferSamples = 1024;

    // Reset values QEMU gives (register number, value); registers not listed reset to 0
    // only at power-on: a codec reset leaves them as they were, as in QEMU.
    static readonly (int Reg, ushort Value)[] ResetValues =
    [
        (0x00, 0x0D50), (0x02, 0x8008), (0x04, 0x8000), (0x06, 0x8000), (0x0A, 0x0000),
        (0x0C, 0x8008), (0x0E, 0x8008), (0x10, 0x8808), (0x12, 0x8808), (0x14, 0x8808),
        (0x16, 0x8808), (0x18, 0x8808), (0x1A, 0x0000), (0x1C, 0x8000), (0x20, 0x0000),
        (0x22, 0x0101), (0x26, 0x000F), (0x28, 0x0001), (0x2A, 0x0000), (0x2C, 0xBB80),
        (0x32, 0xBB80), (0x7C, 0x4E53), (0x7E, 0x4331),
    ];

    readonly ushort[] regs = new ushort[128];

    // The DAC rate is stored whatever its value: QEMU 7.2 checks no range (later QEMUs
    // ignore rates outside 4–48 kHz).
    public Lm4549Codec() => ResetRegisters();

    /// <summary>Samples waiting in the playback buffer.</summary>
    public int BufferLevel { get; private set; }

    /// <summary>Stereo frames handed to the (silent) output since power-on.</summary>
    public long FramesPlayed { get; private set; }

    void ResetRegisters()
    {
        foreach (var (reg, value) in ResetValues) regs[reg] = value;
    }

    /// <summary>An AC-link slot-1 read of register <paramref name="reg"/> (0–127).</summary>
    public ushort Read(int reg) => regs[reg & 0x7F];

    /// <summary>An AC-link slot-1/slot-2 write.</summary>
    public void Write(int reg, ushort value)
    {
        reg &= 0x7F;
        switch (reg)
        {
            case RegReset:
                ResetRegisters();
                break;
            case RegPowerdown:
                // The low four bits are ready flags the codec drives itself.
                regs[reg] = (ushort)((value & ~0xF) | (regs[reg] & 0xF));
                break;
            case RegExtAudioId:
            case RegVendorId1:
            case RegVendorId2:
                break; // read-only
            default:
                regs[reg] = value;
                break;
        }
    }

    /// <summary>
    /// Takes one stereo frame of 20-bit samples (the codec keeps bits 19:4, as QEMU's model
    /// does). Returns false when the buffer has no room, which with the immediate sink never
    /// happens; the AACI stops transmitting then.
    /// </summary>
    public bool WriteFrame(uint left, uint right)
    {
        if (BufferLevel > BufferSamples - 2) return false;
        BufferLevel += 2;
        if (BufferLevel == BufferSamples)
        {
            // QEMU hands the full buffer to its audio backend here; the silent sink takes all.
            FramesPlayed += BufferSamples / 2;
            BufferLevel = 0;
        }
        return true;
    }
}

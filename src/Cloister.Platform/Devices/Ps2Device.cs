namespace Cloister.Platform.Devices;

/// <summary>
/// A PS/2 device's command side, as QEMU's hw/input/ps2.c answers it: a 256-byte output queue
/// whose non-emptiness is the device's interrupt, and the keyboard or mouse command set. No
/// host keyboard or mouse is attached, so only command replies ever appear.
/// </summary>
public abstract class Ps2Device
{
    const int BufferSize = 256;
    protected const byte Ack = 0xFA;

    readonly byte[] queue = new byte[BufferSize];
    int rptr, wptr, count;
    protected int WriteCommand = -1;

    /// <summary>Called with the interrupt level (data waiting) when it may have changed.</summary>
    public Action<bool>? IrqChanged { get; set; }

    public int Pending => count;

    protected void ResetQueue()
    {
        rptr = wptr = count = 0;
        IrqChanged?.Invoke(false);
    }

    protected void Queue(params byte[] bytes)
    {
        foreach (var b in bytes)
        {
            if (count >= BufferSize) break;
            queue[wptr] = b;
            if (++wptr == BufferSize) wptr = 0;
            count++;
        }
        IrqChanged?.Invoke(count > 0);
    }

    /// <summary>Reads the next byte; with nothing queued, the last byte again (as QEMU).</summary>
    public byte ReadData()
    {
        if (count == 0)
        {
            int index = rptr - 1;
            if (index < 0) index = BufferSize - 1;
            return queue[index];
        }
        byte v = queue[rptr];
        if (++rptr == BufferSize) rptr = 0;
        count--;
        IrqChanged?.Invoke(false);
        if (count > 0) IrqChanged?.Invoke(true);
        return v;
    }

    public abstract void Write(byte value);

    public abstract void Reset();
}

/// <summary>QEMU's PS/2 keyboard (an MF2 AT keyboard, scancode set 2, no translation).</summary>
public sealed class Ps2Keyboard : Ps2Device
{
    public int ScancodeSet { get; private set; } = 2;
    public bool ScanEnabled { get; private set; } = true;
    public byte Leds { get; private set; }

    public override void Reset()
    {
        ResetKeyboard();
        WriteCommand = -1;
    }

    void ResetKeyboard()
    {
        ScanEnabled = true;
        ScancodeSet = 2;
        ResetQueue();
        Leds = 0;
    }

    public override void Write(byte val)
    {
        switch (WriteCommand)
        {
            case 0xFC: // set make/break
            case 0xF3: // set rate
                Queue(Ack);
                WriteCommand = -1;
                break;
            case 0xF0: // scancode set
                if (val == 0) Queue(Ack, (byte)ScancodeSet);
                else if (val is >= 1 and <= 3) { ScancodeSet = val; Queue(Ack); }
                else Queue(0xFE);
                WriteCommand = -1;
                break;
            case 0xED: // LEDs
                Leds = val;
                Queue(Ack);
                WriteCommand = -1;
                break;
            default:
                switch (val)
                {
                    case 0x00: Queue(Ack); break;
                    case 0x05: Queue(0xFE); break;
                    case 0xF2: Queue(Ack, 0xAB, 0x83); break; // get ID: MF2 keyboard
                    case 0xEE: Queue(0xEE); break;            // echo
                    case 0xF4: ScanEnabled = true; Queue(Ack); break;
                    case 0xF0: case 0xED: case 0xF3: case 0xFC:
                        WriteCommand = val;
                        Queue(Ack);
                        break;
                    case 0xF5: ResetKeyboard(); ScanEnabled = false; Queue(Ack); break;
                    case 0xF6: ResetKeyboard(); ScanEnabled = true; Queue(Ack); break;
                    case 0xFF: ResetKeyboard(); Queue(Ack, 0xAA); break;
                    case 0xFA: Queue(Ack); break;
                    default: Queue(0xFE); break;
                }
                break;
        }
    }
}

/// <summary>QEMU's PS/2 mouse (standard, IntelliMouse / Explorer detection by sample-rate knocks).</summary>
public sealed class Ps2Mouse : Ps2Device
{
    const byte StatusRemote = 0x40, StatusEnabled = 0x20, StatusScale21 = 0x10;

    byte status, resolution = 2, sampleRate = 100, type;
    int detectState;
    bool wrap;

    public byte Type => type;

    public override void Reset()
    {
        status = 0;
        resolution = 2;
        sampleRate = 100;
        type = 0;
        detectState = 0;
        wrap = false;
        WriteCommand = -1;
        ResetQueue();
    }

    public override void Write(byte val)
    {
        switch (WriteCommand)
        {
            case 0xF3: // sample rate (and the IMPS/2, IMEX knock sequences)
                sampleRate = val;
                detectState = detectState switch
                {
                    0 => val == 200 ? 1 : 0,
                    1 => val == 100 ? 2 : val == 200 ? 3 : 0,
                    2 => SetType(val == 80 ? (byte)3 : type),
                    3 => SetType(val == 80 ? (byte)4 : type),
                    _ => 0,
                };
                Queue(Ack);
                WriteCommand = -1;
                return;
            case 0xE8: // resolution
                resolution = val;
                Queue(Ack);
                WriteCommand = -1;
                return;
        }
        if (wrap)
        {
            if (val == 0xEC) { wrap = false; Queue(Ack); return; }
            if (val != 0xFF) { Queue(val); return; }
        }
        switch (val)
        {
            case 0xE6: status &= unchecked((byte)~StatusScale21); Queue(Ack); break;
            case 0xE7: status |= StatusScale21; Queue(Ack); break;
            case 0xEA: status &= unchecked((byte)~StatusRemote); Queue(Ack); break;
            case 0xEE: wrap = true; Queue(Ack); break;
            case 0xF0: status |= StatusRemote; Queue(Ack); break;
            case 0xF2: Queue(Ack, type); break;
            case 0xE8: case 0xF3: WriteCommand = val; Queue(Ack); break;
            case 0xE9: Queue(Ack, status, resolution, sampleRate); break;
            case 0xEB: Queue(Ack, (byte)(0x08 | (status & 0x07)), 0, 0); if (type >= 3) Queue(0); break; // poll: an empty packet
            case 0xF4: status |= StatusEnabled; Queue(Ack); break;
            case 0xF5: status &= unchecked((byte)~StatusEnabled); Queue(Ack); break;
            case 0xF6: sampleRate = 100; resolution = 2; status = 0; Queue(Ack); break;
            case 0xFF:
                sampleRate = 100; resolution = 2; status = 0; type = 0;
                ResetQueue();
                Queue(Ack, 0xAA, type);
                break;
        }
    }

    int SetType(byte t)
    {
        type = t;
        return 0;
    }
}

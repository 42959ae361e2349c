using Cloister.Platform;

namespace Cloister.Cli.Machine;

/// <summary>
/// QEMU's -nographic escape on the console input: Ctrl-A x quits, Ctrl-A Ctrl-A (or Ctrl-A a)
/// sends one Ctrl-A; any other byte after Ctrl-A is passed on with it.
/// </summary>
public sealed class ConsoleEscape(IHostInput inner, Action quit) : IHostInput
{
    const byte CtrlA = 0x01;
    readonly Queue<byte> pending = new();
    bool escaped;

    public WaitHandle DataAvailable => inner.DataAvailable;

    public bool TryRead(out byte b)
    {
        while (true)
        {
            if (pending.TryDequeue(out b)) return true;
            if (!inner.TryRead(out byte raw)) return false;
            Filter(raw);
        }
    }

    public bool ReadBlocking(out byte b, CancellationToken cancel)
    {
        while (true)
        {
            if (pending.TryDequeue(out b)) return true;
            if (!inner.ReadBlocking(out byte raw, cancel)) return false;
            Filter(raw);
        }
    }

    void Filter(byte raw)
    {
        if (!escaped)
        {
            if (raw == CtrlA) escaped = true;
            else pending.Enqueue(raw);
            return;
        }
        escaped = false;
        switch (raw)
        {
            case (byte)'x':
            case (byte)'X':
                quit();
                break;
            case CtrlA:
            case (byte)'a':
                pending.Enqueue(CtrlA);
                break;
            default:
                pending.Enqueue(CtrlA);
                pending.Enqueue(raw);
                break;
        }
    }
}

using System.Runtime.InteropServices;

namespace Cloister.Cli.Machine;

/// <summary>
/// Puts the controlling terminal (stdin) into QEMU's raw mode while a machine runs (keys go to
/// the guest one by one, unechoed and untranslated; output post-processing stays on, so the
/// host turns the guest's "\r\n" into "\r\r\n" exactly as under QEMU), and restores it
/// afterwards. Ctrl-C still raises SIGINT (ISIG is kept), which stops the machine. Linux only.
/// </summary>
public sealed partial class RawTerminal : IDisposable
{
    // struct termios on Linux (glibc/musl, all architectures .NET runs on): 4 flag words,
    // c_line, c_cc[32], then speeds — 60 bytes; 64 leaves slack.
    const int TermiosSize = 64;
    const int IflagOffset = 0, OflagOffset = 4, LflagOffset = 12, CcOffset = 17;
    const uint IGNBRK = 0x1, BRKINT = 0x2, PARMRK = 0x8, ISTRIP = 0x20, INLCR = 0x40, IGNCR = 0x80, ICRNL = 0x100, IXON = 0x400;
    const uint OPOST = 0x1;
    const uint ICANON = 0x2, ECHO = 0x8, ECHONL = 0x40, IEXTEN = 0x8000;
    const int VTIME = 5, VMIN = 6;
    const int TCSANOW = 0;

    readonly byte[]? saved;
    int restored;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcgetattr(int fd, byte[] termios);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, byte[] termios);

    [LibraryImport("libc")]
    private static partial int isatty(int fd);

    RawTerminal(byte[]? saved) => this.saved = saved;

    /// <summary>True while the terminal is in raw mode.</summary>
    public bool Active => saved is not null && restored == 0;

    public static RawTerminal Enter()
    {
        if (!OperatingSystem.IsLinux() || Console.IsInputRedirected) return new RawTerminal(null);
        try
        {
            if (isatty(0) != 1) return new RawTerminal(null);
            var saved = new byte[TermiosSize];
            if (tcgetattr(0, saved) != 0) return new RawTerminal(null);
            var raw = (byte[])saved.Clone();
            // QEMU's stdio chardev settings: input raw, output post-processing kept (OPOST).
            Update(raw, IflagOffset, ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON));
            BitConverter.GetBytes(BitConverter.ToUInt32(raw, OflagOffset) | OPOST).CopyTo(raw, OflagOffset);
            Update(raw, LflagOffset, ~(ICANON | ECHO | ECHONL | IEXTEN));
            raw[CcOffset + VMIN] = 1;
            raw[CcOffset + VTIME] = 0;
            if (tcsetattr(0, TCSANOW, raw) != 0) return new RawTerminal(null);
            var term = new RawTerminal(saved);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => term.Dispose();
            return term;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new RawTerminal(null);
        }
    }

    static void Update(byte[] t, int offset, uint andMask)
    {
        uint v = BitConverter.ToUInt32(t, offset) & andMask;
        BitConverter.GetBytes(v).CopyTo(t, offset);
    }

    public void Dispose()
    {
        if (saved is null || Interlocked.Exchange(ref restored, 1) != 0) return;
        tcsetattr(0, TCSANOW, saved);
    }
}

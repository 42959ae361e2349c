using System.Text;
using Cloister.Hypervisor.Drivers;

namespace Cloister.Hypervisor.Console;

/// <summary>Xen's log levels (loglvl=): a line is printed when its level is at or below the threshold.</summary>
public enum LogLevel { None, Error, Warning, Info, Debug, All }

/// <summary>
/// The hypervisor console: its own lines start with "(XEN) ", guests' console_io output with
/// "(dN) " for domains other than dom0, as Xen prints them. Output goes to the board's UART,
/// filtered by <see cref="Threshold"/>; with <see cref="Off"/> (console=none) nothing is printed.
/// </summary>
public sealed class HypervisorConsole(Pl011Console uart)
{
    /// <summary>Xen's default console ring size (CONRING_SIZE): what `xl dmesg` can read back.</summary>
    public const int RingSize = 16384;
    readonly Dictionary<int, StringBuilder> partialGuestLines = [];
    readonly StringBuilder ring = new();

    // Xen's conringp and conringc: characters ever written, and where a reader that cleared the ring stopped.
    uint produced, consumed;

    /// <summary>The last <see cref="RingSize"/> characters written (since the last clear), as Xen's conring keeps them.</summary>
    public string Recent() => ring.ToString(ring.Length - Unread, Unread);

    int Unread => (int)Math.Min((uint)ring.Length, produced - consumed);

    /// <summary>conringp: the index just past the last character written (it wraps at 2^32, as Xen's).</summary>
    public uint Produced => produced;

    /// <summary>conringc: the index of the oldest character still readable.</summary>
    public uint Oldest => produced - (uint)Unread;

    /// <summary>The characters from index <paramref name="from"/> (between <see cref="Oldest"/> and
    /// <see cref="Produced"/>), at most <paramref name="max"/>.</summary>
    public string ReadFrom(uint from, int max) =>
        ring.ToString(ring.Length - (int)(produced - from), (int)Math.Min((uint)max, produced - from));

    /// <summary>sysctl readconsole with clear: what was read is no longer readable.</summary>
    public void ClearTo(uint index) => consumed = index;

    public LogLevel Threshold { get; set; } = LogLevel.All;
    public bool Off { get; set; }

    /// <summary>An informational line (domain created, boot progress).</summary>
    public void Log(string line) => Write(LogLevel.Info, line);

    /// <summary>Something a security engineer must see (AVC denials, refused requests).</summary>
    public void Warn(string line) => Write(LogLevel.Warning, line);

    /// <summary>A failure of the hypervisor itself (panics).</summary>
    public void Error(string line) => Write(LogLevel.Error, line);

    void Write(LogLevel level, string line)
    {
        if (level > Threshold) return;
        WriteRaw("(XEN) ");
        WriteRaw(line);
        WriteRaw("\n");
    }

    /// <summary>Bytes a domain wrote with console_io, as written (its id, the bytes).</summary>
    public event Action<int, byte[]>? GuestWrote;

    /// <summary>Bytes a domain wrote with console_io: complete lines are printed with its prefix.</summary>
    public void GuestWrite(int domainId, ReadOnlySpan<byte> bytes)
    {
        GuestWrote?.Invoke(domainId, bytes.ToArray());
        if (!partialGuestLines.TryGetValue(domainId, out var line))
            partialGuestLines[domainId] = line = new StringBuilder();
        foreach (byte b in bytes)
        {
            if (b == '\n')
            {
                if (domainId != 0) WriteRaw($"(d{domainId}) ");
                WriteRaw(line.ToString());
                WriteRaw("\n");
                line.Clear();
            }
            else if (b != '\r')
            {
                line.Append((char)b);
            }
        }
    }

    /// <summary>A whole line of a domain's console that reached dom0 another way (its console ring).</summary>
    public void DomainLine(int domainId, string line)
    {
        WriteRaw($"(d{domainId}) ");
        WriteRaw(line);
        WriteRaw("\n");
    }

    void WriteRaw(string s)
    {
        if (Off) return;
        foreach (char c in s) uart.Write((byte)c);
        ring.Append(s);
        produced += (uint)s.Length;
        if (ring.Length > RingSize) ring.Remove(0, ring.Length - RingSize);
    }
}

using Cloister.Arm;

namespace Cloister.Platform;

/// <summary>
/// QEMU's -d / -D logging for the board: lines are written only for the enabled items
/// (guest_errors, unimp, int, in_asm), to one sink (stderr or the -D file).
/// </summary>
public sealed class Logger(Action<string>? sink, LogFlags mask)
{
    readonly HashSet<string> once = [];

    public LogFlags Mask { get; } = mask;
    public Action<string>? Sink { get; } = sink;

    public bool Enabled(LogFlags item) => Sink is not null && (Mask & item) != 0;

    public void Write(LogFlags item, string line)
    {
        if (Enabled(item)) Sink!(line);
    }

    public void GuestError(string line) => Write(LogFlags.GuestErrors, line);

    public void Unimplemented(string line) => Write(LogFlags.Unimplemented, line);

    /// <summary>Writes an unimp line only the first time <paramref name="key"/> is seen.</summary>
    public void UnimplementedOnce(string key, string line)
    {
        if (Enabled(LogFlags.Unimplemented) && once.Add(key)) Sink!(line);
    }

    public static readonly Logger None = new(null, LogFlags.None);
}

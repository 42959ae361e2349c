using System.Text;

namespace Cloister.Cli.Control;

/// <summary>
/// The control socket's line protocol: the client sends one request line ("COMMAND ARG..."), the
/// server answers "ok" and data lines, or "error ERRNO MESSAGE" (ERRNO a positive Xen errno, 0 for
/// a fault of the protocol or the instance), and closes the connection.
/// </summary>
public static class ControlProtocol
{
    public const int Internal = 0;

    public static string Ok(IEnumerable<string> lines)
    {
        var sb = new StringBuilder("ok\n");
        foreach (var line in lines) sb.Append(line).Append('\n');
        return sb.ToString();
    }

    public static string Ok(params string[] lines) => Ok((IEnumerable<string>)lines);

    public static string Error(int errno, string message) => $"error {errno} {message}\n";

    /// <summary>A reply as the client sees it: Errno is null on success.</summary>
    public sealed record Reply(int? Errno, string Message, IReadOnlyList<string> Lines);

    public static Reply Parse(string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) return new Reply(Internal, "empty reply from the instance", []);
        if (lines[0] == "ok") return new Reply(null, "", lines[1..]);
        var parts = lines[0].Split(' ', 3);
        if (parts.Length >= 2 && parts[0] == "error" && int.TryParse(parts[1], out int errno))
            return new Reply(errno, parts.Length > 2 ? parts[2] : "", lines[1..]);
        return new Reply(Internal, $"malformed reply '{lines[0]}'", []);
    }

    /// <summary>strerror for the Xen errnos the control requests return.</summary>
    public static string ErrorText(int errno) => errno switch
    {
        1 => "Operation not permitted",
        2 => "No such file or directory",
        3 => "No such process",
        13 => "Permission denied",
        22 => "Invalid argument",
        38 => "Function not implemented",
        _ => $"error {errno}",
    };
}

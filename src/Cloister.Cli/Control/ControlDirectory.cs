using System.Runtime.InteropServices;

namespace Cloister.Cli.Control;

/// <summary>
/// Where `cloister run` instances keep their control sockets: $XDG_RUNTIME_DIR/cloister/, else
/// /tmp/cloister-UID/ (mode 0700), one run-PID.sock per instance (run-PID-N.sock for the Nth
/// instance of one process, as tests start several).
/// </summary>
public static partial class ControlDirectory
{
    static int instances;

    public static string Path
    {
        get
        {
            string? runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
            return !string.IsNullOrEmpty(runtime)
                ? System.IO.Path.Combine(runtime, "cloister")
                : $"/tmp/cloister-{GetUid()}";
        }
    }

    /// <summary>A fresh socket path for a new instance; the directory is created private to the user.</summary>
    public static string NewSocketPath()
    {
        string dir = Path;
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        int n = Interlocked.Increment(ref instances);
        string name = n == 1 ? $"run-{Environment.ProcessId}.sock" : $"run-{Environment.ProcessId}-{n}.sock";
        return System.IO.Path.Combine(dir, name);
    }

    /// <summary>The sockets of instances whose process still exists (a crashed one leaves its file).</summary>
    public static IReadOnlyList<string> RunningSockets()
    {
        string dir = Path;
        if (!Directory.Exists(dir)) return [];
        return [.. Directory.GetFiles(dir, "run-*.sock").Where(IsAlive).Order(StringComparer.Ordinal)];
    }

    static bool IsAlive(string socket)
    {
        string name = System.IO.Path.GetFileNameWithoutExtension(socket)["run-".Length..];
        int dash = name.IndexOf('-');
        return int.TryParse(dash < 0 ? name : name[..dash], out int pid) && Directory.Exists($"/proc/{pid}");
    }

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}

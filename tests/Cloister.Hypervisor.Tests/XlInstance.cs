using System.Text.RegularExpressions;
using Cloister.Cli;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// A `cloister run` of sleeper domains (guests/hv/sleeper.c: they block until the toolstack ends
/// them) on a background thread, and `cloister xl` against its control socket. Disposing shuts
/// down what is left so the run ends.
/// </summary>
sealed partial class XlInstance : IDisposable
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    readonly string dir = Directory.CreateTempSubdirectory("cloister-xl-test-").FullName;
    readonly StringWriter stdout = new(), stderr = new();
    readonly TextWriter syncOut, syncErr;
    readonly int count;

    /// <param name="domains">Name and seclabel type of each domain, in creation order (ids 1, 2, ...).</param>
    public XlInstance(string[] runOptions, params (string Name, string Type)[] domains)
    {
        count = domains.Length;
        syncOut = TextWriter.Synchronized(stdout);
        syncErr = TextWriter.Synchronized(stderr);
        string elf = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", "sleeper.elf");
        var configs = domains.Select(d =>
        {
            string cfg = Path.Combine(dir, d.Name + ".cfg");
            File.WriteAllText(cfg, $"name = \"{d.Name}\"\nmemory = 4\nkernel = \"{elf}\"\nseclabel = \"system_u:system_r:{d.Type}\"\n");
            return cfg;
        });
        (Run, Socket) = Start(["run", .. runOptions, .. configs]);
    }

    /// <summary>A run of the given xl.cfg files (their domains must stay until shut down).</summary>
    public XlInstance(string[] runOptions, IReadOnlyList<string> configFiles)
    {
        count = configFiles.Count;
        syncOut = TextWriter.Synchronized(stdout);
        syncErr = TextWriter.Synchronized(stderr);
        (Run, Socket) = Start(["run", .. runOptions, .. configFiles]);
    }

    (Task<int>, string) Start(string[] args)
    {
        var run = Task.Run(() => CommandTable.Dispatch(args, syncOut, syncErr));
        var deadline = DateTime.UtcNow + StartTimeout;
        while (SocketLine().Match(Stderr) is not { Success: true })
        {
            if (run.IsCompleted || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"cloister run did not open its control socket:\n{Stderr}\n{Stdout}");
            Thread.Sleep(20);
        }
        return (run, SocketLine().Match(Stderr).Groups[1].Value);
    }

    public XlInstance(params (string Name, string Type)[] domains) : this([], domains) { }

    public Task<int> Run { get; }
    public string Socket { get; }
    // The synchronized writers lock on themselves: read under the same lock.
    public string Stdout { get { lock (syncOut) return stdout.ToString(); } }
    public string Stderr { get { lock (syncErr) return stderr.ToString(); } }

    public (int Exit, string Out, string Err) Xl(params string[] args) => Cloister(["xl", "--socket", Socket, .. args]);

    /// <summary>A `cloister` command in this process: its status, stdout and stderr.</summary>
    public static (int Exit, string Out, string Err) Cloister(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int exit = CommandTable.Dispatch(args, o, e);
        return (exit, o.ToString(), e.ToString());
    }

    /// <summary>xl list's rows (header left out), once every listed domain is blocked: a sleeper is
    /// runnable only until it reaches its first block.</summary>
    public string[] ListWhenBlocked(params string[] options)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var (exit, output, err) = Xl(["list", .. options]);
            if (exit != 0) throw new InvalidOperationException($"xl list failed: {err}");
            var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
            if (rows.All(r => StateOf(r)[1] == 'b') || DateTime.UtcNow > deadline) return rows;
            Thread.Sleep(20);
        }
    }

    /// <summary>The six state letters of an xl list row (the field after VCPUs).</summary>
    public static string StateOf(string row) => row[63..69];

    /// <summary>Ends the run: destroys every domain, in permissive mode if the policy keeps dom0
    /// from some of them.</summary>
    public void Dispose()
    {
        for (int attempt = 0; attempt < 2 && !Run.IsCompleted; attempt++)
        {
            if (attempt == 1) Xl("setenforce", "0");
            for (int id = 1; id <= count && !Run.IsCompleted; id++) Xl("destroy", $"{id}");
            // Domains built while it ran (a restart, xl create) have later ids.
            foreach (var row in Run.IsCompleted ? [] : Xl("list").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                Xl("destroy", row[41..46].Trim());
        }
        Run.Wait(TimeSpan.FromSeconds(30));
        Directory.Delete(dir, recursive: true);
    }

    [GeneratedRegex(@"cloister run: control socket (\S+)\n")]
    private static partial Regex SocketLine();
}

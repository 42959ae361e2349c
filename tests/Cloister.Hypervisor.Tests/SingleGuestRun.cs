using Cloister.Cli;

namespace Cloister.Hypervisor.Tests;

/// <summary>`cloister run` of one guest from guests/hv/bin (4 MiB, the given label and command
/// line) with the project policy: the exit status and the console lines.</summary>
static class SingleGuestRun
{
    public static (int Exit, string[] Lines) Run(string elf, string type, string cmdline, params string[] board)
    {
        string dir = Directory.CreateTempSubdirectory("cloister-test-").FullName;
        try
        {
            string cfg = Path.Combine(dir, "guest.cfg");
            string kernel = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", elf);
            string policy = Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");
            File.WriteAllText(cfg, $"name = \"guest\"\nmemory = 4\nkernel = \"{kernel}\"\nseclabel = \"system_u:system_r:{type}\"\ncmdline = \"{cmdline}\"\n");
            var stdout = new StringWriter();
            int exit = CommandTable.Dispatch(["run", .. board, "--policy", policy, cfg], stdout, new StringWriter());
            return (exit, stdout.ToString().Split('\n'));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

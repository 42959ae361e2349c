using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// `xl create CFG [KEY=VALUE...]` against a running instance: xl parses the file (printing
/// "Parsing config from CFG", tools/xl/xl_vmcontrol.c), KEY=VALUE arguments are extra lines that
/// override the file's; dom0 builds the domain, checked as Xen's flask_domain_create
/// (domain:create from dom0_t, sesearch on the policy). What the guests print is in their source.
/// </summary>
public sealed class XlCreateTests : IDisposable
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");
    static string Guests => Path.Combine(RepositoryRoot.Path, "guests", "hv");
    readonly string dir = Directory.CreateTempSubdirectory("cloister-create-test-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static string[] Lines(string text) => text.Split('\n');

    [Theory]
    [MemberData(nameof(XlCommandTests.Boards), MemberType = typeof(XlCommandTests))]
    public void Create_builds_a_domain_that_runs_its_program(string[] board)
    {
        Assert.True(Sesearch.Allows(Policy, "dom0_t", "domU_t", "domain", "create"));
        using var run = new XlInstance(board, ("sleeper", "domU_t"));
        run.ListWhenBlocked();
        string cfg = Path.Combine(Guests, "hello.cfg");
        Assert.Equal((0, $"Parsing config from {cfg}\n"), Pick(run.Xl("create", cfg)));
        // hello.S prints its line and powers off; the default on_poweroff destroys it.
        WaitFor(run, () => run.Stderr.Contains("Domain 2 needs to be cleaned up"));
        Assert.Contains(Lines(run.Stdout), l => l.StartsWith("(XEN) d2: created 'hello', 4 MiB, label system_u:system_r:domU_t"));
        Assert.Contains("(d2) hello from a Cloister guest", Lines(run.Stdout));
        Assert.Contains("(XEN) d2: shutdown, reason poweroff", Lines(run.Stdout));
        Assert.StartsWith("sleeper ", Assert.Single(run.ListWhenBlocked()));
    }

    [Fact]
    public void Key_value_arguments_override_the_file()
    {
        using var run = new XlInstance(("sleeper", "domU_t"));
        run.ListWhenBlocked();
        string cfg = Path.Combine(Guests, "sleeper.cfg");
        Assert.Equal(0, run.Xl("create", cfg, "name=\"second\"", "memory=8", "on_crash='preserve'").Exit);
        var rows = run.ListWhenBlocked();
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("second                                       2     8     1", rows[1]);
        var json = System.Text.Json.Nodes.JsonNode.Parse(run.Xl("list", "-l").Out)!.AsArray();
        var config = json.Single(j => (int)j!["domid"]! == 2)!["config"]!;
        Assert.Equal("second", (string)config["c_info"]!["name"]!);
        Assert.Equal(8 * 1024, (int)config["b_info"]!["max_memkb"]!);
        Assert.Equal("preserve", (string)config["on_crash"]!);
    }

    [Fact]
    public void A_label_dom0_may_not_create_is_denied_and_audited()
    {
        Assert.False(Sesearch.Allows(Policy, "dom0_t", "vault_t", "domain", "create"));
        using var run = new XlInstance(("sleeper", "domU_t"));
        run.ListWhenBlocked();
        string cfg = Path.Combine(dir, "vault.cfg");
        File.WriteAllText(cfg, $"name = \"vault\"\nkernel = \"{Path.Combine(Guests, "bin", "sleeper.elf")}\"\nmemory = 4\nseclabel = \"system_u:system_r:vault_t\"\n");
        var (exit, err) = Pick(run.Xl("create", cfg));
        Assert.Equal(1, exit);
        Assert.Equal($"Parsing config from {cfg}\nlibxl: error: {cfg}:4: key 'seclabel': cannot make domain: Permission denied\n", err);
        Assert.Contains("(XEN) avc:  denied  { create } for source=d0 scontext=system_u:system_r:dom0_t "
                        + "tcontext=system_u:system_r:vault_t tclass=domain", Lines(run.Xl("dmesg").Out));
        Assert.Single(run.ListWhenBlocked());
    }

    [Fact]
    public void Errors_name_the_file_the_line_and_the_key()
    {
        using var run = new XlInstance(["-m", "32"], ("sleeper", "domU_t"));
        run.ListWhenBlocked();
        string cfg = Path.Combine(Guests, "sleeper.cfg");
        string missing = Path.Combine(dir, "missing.cfg");
        var (exit, err) = Pick(run.Xl("create", missing));
        Assert.Equal(1, exit);
        Assert.StartsWith($"Parsing config from {missing}\n{missing}: cannot read:", err);
        // xl appends "\n", the KEY=VALUE arguments and "\n" to the file's text (create_domain): after
        // the file's own last newline the first argument is line N + 2.
        Assert.EndsWith("\n", File.ReadAllText(cfg));
        int first = File.ReadAllLines(cfg).Length + 2;
        Assert.Equal((1, $"Parsing config from {cfg}\n{cfg}:{first}: key 'vcpus': 'many' is not a number\n"),
            Pick(run.Xl("create", cfg, "vcpus=many")));
        // 32 MiB of RAM cannot hold a second domain of 31 MiB.
        Assert.Equal((1, $"Parsing config from {cfg}\nlibxl: error: {cfg}:{first + 1}: key 'memory': cannot make domain: out of memory building domain big\n"),
            Pick(run.Xl("create", cfg, "name=\"big\"", "memory=31")));
        // sleeper.cfg's own name is taken by the running sleeper.
        int nameLine = Array.FindIndex(File.ReadAllLines(cfg), l => l.StartsWith("name")) + 1;
        Assert.Equal((1, $"Parsing config from {cfg}\nlibxl: error: {cfg}:{nameLine}: key 'name': cannot make domain: Domain with name \"sleeper\" already exists.\n"),
            Pick(run.Xl("create", cfg)));
        Assert.Equal(2, run.Xl("create").Exit);
        Assert.Single(run.ListWhenBlocked());
    }

    static (int, string) Pick((int Exit, string Out, string Err) r) => (r.Exit, r.Err);

    static void WaitFor(XlInstance run, Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{run.Stdout}\n{run.Stderr}");
            Thread.Sleep(20);
        }
    }
}

using System.Globalization;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// `xl top` in xentop's batch mode (-b -i N -d SECONDS): a domain that burns the CPU and one that
/// blocks, plus one the policy hides from dom0 (sesearch). Columns and widths are xentop's
/// (tools/xentop/xentop.c: the fields table); CPU(%) is taken over virtual time.
/// </summary>
public class XlTopTests
{
    static string Policy => Path.Combine(RepositoryRoot.Path, "policy", "cloister.30");

    const string Header = "      NAME  STATE   CPU(sec) CPU(%)     MEM(k) MEM(%)  MAXMEM(k) MAXMEM(%) VCPUS NETS NETTX(k) "
                          + "NETRX(k) VBDS   VBD_OO   VBD_RD   VBD_WR  VBD_RSECT  VBD_WSECT SSID";

    sealed class Run : IDisposable
    {
        readonly string dir = Directory.CreateTempSubdirectory("cloister-top-test-").FullName;
        public XlInstance Instance { get; }

        public Run()
        {
            string bin = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin");
            string Config(string name, int mib, string kernel, string type, string cmdline = "")
            {
                string path = Path.Combine(dir, name + ".cfg");
                File.WriteAllText(path, $"name = \"{name}\"\nmemory = {mib}\nkernel = \"{Path.Combine(bin, kernel)}\"\n"
                                        + $"seclabel = \"system_u:system_r:{type}\"\ncmdline = \"{cmdline}\"\n");
                return path;
            }
            // The burner runs until system time reaches until_ms: far beyond the test.
            Instance = new XlInstance(["-m", "64"], [
                Config("burner", 4, "burner.elf", "domU_t", "until_ms=100000000"),
                Config("a-sleeper-with-a-long-name", 8, "sleeper.elf", "domU_t"),
                Config("phonectl", 4, "sleeper.elf", "phone_ctl_t")]);
            // The sleeper is runnable until it reaches its first block.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!Instance.Xl("list").Out.Split('\n').Any(r => r.StartsWith("a-sleeper") && XlInstance.StateOf(r) == "-b----"))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the sleeper never blocked");
                Thread.Sleep(20);
            }
        }

        public void Dispose()
        {
            Instance.Dispose();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Batch_mode_prints_the_table_each_iteration_with_cpu_shares_over_virtual_time()
    {
        Assert.True(Sesearch.Allows(Policy, "dom0_t", "domU_t", "domain", "getdomaininfo"));
        Assert.False(Sesearch.Allows(Policy, "dom0_t", "phone_ctl_t", "domain", "getdomaininfo"));
        using var run = new Run();
        var (exit, output, err) = run.Instance.Xl("top", "-b", "-i", "3", "-d", "1");
        Assert.True(exit == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Batch mode: no summary, the header and one row per visible domain, by id, each time.
        Assert.Equal(9, lines.Length);
        for (int n = 0; n < 3; n++)
        {
            Assert.Equal(Header, lines[3 * n]);
            var burner = Fields(lines[3 * n + 1]);
            var sleeper = Fields(lines[3 * n + 2]);
            Assert.Equal(("burner", "-----r"), (burner[0], burner[1]));
            Assert.Equal(("a-sleeper-", "--b---"), (sleeper[0], sleeper[1]));
            // memory = 4 and 8 MiB of the 64 MiB board: MEM(k), MEM(%), MAXMEM(k), MAXMEM(%), VCPUS, NETS, VBDS.
            Assert.Equal(["4096", "6.2", "4096", "6.2", "1", "0", "0", "0", "0"], burner[4..13]);
            Assert.Equal(["8192", "12.5", "8192", "12.5", "1", "0", "0", "0", "0"], sleeper[4..13]);
            Assert.Equal(["-", "-", "-", "-", "-"], burner[13..18]);
            Assert.Equal(burner[18], sleeper[18]); // the same label, the same SID
            double burnerPct = double.Parse(burner[3], CultureInfo.InvariantCulture);
            if (n == 0) Assert.Equal(0.0, burnerPct); // no previous sample yet, as xentop
            // One CPU: the burner has all of it while the sleeper blocks.
            else Assert.InRange(burnerPct, 99.0, 100.0);
            Assert.Equal("0.0", sleeper[3]);
        }
    }

    [Fact]
    public void The_live_table_has_xentops_summary()
    {
        using var run = new Run();
        var (exit, output, _) = run.Instance.Xl("top", "-i", "1", "-f");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\x1b[H\x1b[2Jxentop - ", lines[0]);
        Assert.EndsWith("   Xen 4.17-cloister", lines[0]);
        Assert.Equal("2 domains: 1 running, 1 blocked, 0 paused, 0 crashed, 0 dying, 0 shutdown ", lines[1]);
        Assert.StartsWith("Mem: 65536k total, ", lines[2]);
        Assert.EndsWith("CPUs: 1 @ 1MHz", lines[2]);
        // -f: the name column as wide as the longest name.
        Assert.StartsWith("                      NAME  STATE ", lines[3]);
        Assert.StartsWith("a-sleeper-with-a-long-name --b--- ", lines[5]);
        Assert.Equal(2, run.Instance.Xl("top", "-x").Exit);
    }

    static string[] Fields(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

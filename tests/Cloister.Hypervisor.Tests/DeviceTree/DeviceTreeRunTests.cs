using Cloister.Arm;
using Cloister.Cli;
using Cloister.Hypervisor.Boot;
using Cloister.Platform;
using Cloister.Platform.Devices;
using Xunit;

namespace Cloister.Hypervisor.Tests.DeviceTree;

/// <summary>`cloister run --boot dtb`: the same domains as with ATAGs, through the board's own
/// loader with r2 = the DTB; and the panic lines of trees the hypervisor cannot boot from.</summary>
public class DeviceTreeRunTests
{
    static string[] Selftests =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples", "selftest"), "*.cfg").Order(StringComparer.Ordinal).ToArray();

    static (int Exit, string Out) Run(params string[] args)
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", .. args], stdout, new StringWriter());
        return (exit, stdout.ToString());
    }

    /// <summary>The lines that say how the hypervisor was booted, which differ by design.</summary>
    static bool SaysHowItBooted(string line) => line.StartsWith("(XEN) Boot information: ") || line.StartsWith("(XEN) Boot modules: ");

    [Theory]
    [InlineData("versatilepb", "arm926", 1)]
    [InlineData("realview-eb-mpcore", "arm11mpcore", 4)]
    public void Selftests_print_the_same_with_a_device_tree_as_with_atags(string board, string cpu, int smp)
    {
        string[] common = ["-M", board, "-cpu", cpu, "-smp", $"{smp}"];
        var atags = Run([.. common, "--boot", "atags", .. Selftests]);
        var dtb = Run([.. common, "--boot", "dtb", .. Selftests]);
        Assert.Equal(0, atags.Exit);
        Assert.Equal(0, dtb.Exit);
        var dtbLines = dtb.Out.Split('\n');
        Assert.Single(dtbLines, l => l.StartsWith("(XEN) Boot information: device tree at 0x"));
        Assert.Equal(atags.Out.Split('\n').Where(l => !SaysHowItBooted(l)), dtbLines.Where(l => !SaysHowItBooted(l)));
        for (int d = 1; d <= Selftests.Length; d++)
            Assert.Contains($"(d{d}) Test result: SUCCESS", dtbLines);
        Assert.Equal(dtb.Out, Run([.. common, "--boot", "dtb", .. Selftests]).Out);
    }

    [Fact]
    public void The_hypervisor_command_line_reaches_it_through_xen_bootargs()
    {
        string hello = Path.Combine(RepositoryRoot.Path, "guests", "hv", "hello.cfg");
        string[] common = ["--cmdline", "flask=permissive loglvl=all", hello];
        var dtb = Run(["--boot", "dtb", .. common]).Out.Split('\n');
        Assert.Contains("(XEN) Command line: flask=permissive loglvl=all", dtb);
        Assert.Equal(Run(common).Out.Split('\n').Where(l => !SaysHowItBooted(l)), dtb.Where(l => !SaysHowItBooted(l)));
    }

    [Fact]
    public void Atags_stay_the_default()
    {
        string hello = Path.Combine(RepositoryRoot.Path, "guests", "hv", "hello.cfg");
        Assert.Equal(Run(hello).Out, Run("--boot", "atags", hello).Out);
        Assert.DoesNotContain("Boot information", Run(hello).Out);
    }

    [Fact]
    public void An_unknown_boot_protocol_is_a_usage_error()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandTable.Dispatch(["run", "--boot", "uefi", "x.cfg"], new StringWriter(), stderr));
        Assert.Contains("--boot uefi: expected atags or dtb", stderr.ToString());
    }

    /// <summary>The hypervisor's image booted by the board's loader with this tree (-dtb) and nothing else.</summary>
    static (int Exit, string Out) BootWithTree(string board, string dts)
    {
        string dir = Directory.CreateTempSubdirectory("cloister-dtb-").FullName;
        try
        {
            string image = Path.Combine(dir, "cloister.img"), tree = Path.Combine(dir, "boot.dtb");
            File.WriteAllBytes(image, EntryStub.ToBytes());
            File.WriteAllBytes(tree, DtcTools.Compile(dts));
            var stdout = new StringWriter();
            var config = new MachineConfig { Board = board, Kernel = image, Dtb = tree, Semihosting = true, NoReboot = true };
            config.Serial.Add(new TextWriterCharBackend(stdout));
            config.SemihostingConsole = new TextWriterCharBackend(new StringWriter());
            using var machine = new Platform.Machine(config);
            var hypervisor = new Hypervisor(machine.Cpu);
            foreach (var c in machine.Cpus) c.ExceptionHook = new ExceptionHookChain(c.ExceptionHook, hypervisor);
            machine.Boot();
            int exit = machine.Run(CancellationToken.None, maxInstructions: 10_000_000);
            return (exit, stdout.ToString());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("versatilepb", "arm,realview-eb", "(XEN) Panic: device tree is for \"arm,realview-eb\", not this board (ARM-Versatile PB: \"arm,versatile-pb\")")]
    [InlineData("realview-eb-mpcore", "arm,realview-eb", "(XEN) Panic: Flask: no policy module and flask is not disabled")]
    public void A_tree_the_hypervisor_cannot_boot_from_is_a_panic_line(string board, string compatible, string panic)
    {
        var (exit, output) = BootWithTree(board, $$"""
            /dts-v1/;
            / { compatible = "{{compatible}}"; #address-cells = <1>; #size-cells = <1>; chosen { }; };
            """);
        Assert.NotEqual(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(panic, lines[^1]);
        Assert.All(lines, l => Assert.StartsWith("(XEN) ", l));
    }
}

using Cloister.Cli;

namespace Cloister.Platform.Tests;

/// <summary>`cloister machine` end to end: programs run on the CPU and the board, with QEMU's
/// output as the expected result.</summary>
public class MachineCommandTests
{
    static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CommandTable.Dispatch(["machine", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    static string Guest(string name) => Path.Combine(AppContext.BaseDirectory, "Guests", name);

    static string Latin1(string path) => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));

    [Theory]
    [InlineData("timer-irq")]
    [InlineData("semihosting")]
    public void TestProgramsBehaveAsUnderQemu(string name)
    {
        var (code, output, err) = Run("-M", "versatilepb", "-cpu", "arm926", "-m", "128M", "-nographic",
            "-semihosting", "-kernel", Guest(name + ".elf"));
        Assert.Equal(Latin1(Guest(name + ".out")), output);
        Assert.Equal(Latin1(Guest(name + ".err")), err);
        Assert.Equal(int.Parse(File.ReadAllText(Guest(name + ".exit")).Trim()), code);
    }

    [Fact]
    public void GuestResetWithNoRebootStopsTheMachine()
    {
        var (code, output, _) = Run("-M", "versatilepb", "-m", "128M", "-nographic", "-semihosting", "-no-reboot",
            "-kernel", Guest("reset.elf"));
        Assert.Equal(Latin1(Guest("reset.out")), output);
        Assert.Equal(int.Parse(File.ReadAllText(Guest("reset.exit")).Trim()), code);
    }

    [Fact]
    public void GuestResetWithoutNoRebootRestartsTheImage()
    {
        var output = new Cloister.Platform.Devices.BufferCharBackend();
        var config = new MachineConfig { Kernel = Guest("reset.elf") };
        config.Serial.Add(output);
        using var machine = new Machine(config);
        machine.Boot();
        for (int i = 0; i < 3; i++)
        {
            machine.Run(TestContext.Current.CancellationToken, maxInstructions: 100);
            Assert.Equal(StopReason.InstructionLimit, machine.StopReason);
        }
        Assert.StartsWith("R\nR\n", output.Text);
    }

    [Fact]
    public void ConsoleInputReachesTheGuestThroughTheRxInterrupt()
    {
        var output = new Cloister.Platform.Devices.BufferCharBackend();
        var config = new MachineConfig { Kernel = Guest("uart-echo.elf"), Semihosting = true };
        config.Serial.Add(output);
        using var machine = new Machine(config);
        var input = new QueueInput();
        input.Enqueue("HAL\n");
        machine.ConsoleInput = input;
        machine.Boot();
        int code = machine.Run(TestContext.Current.CancellationToken, maxInstructions: 10_000_000);
        Assert.Equal(Latin1(Guest("uart-echo.out")), output.Text);
        Assert.Equal(int.Parse(File.ReadAllText(Guest("uart-echo.exit")).Trim()), code);
    }

    [Theory]
    [InlineData(new[] { "-bogus" }, "-bogus: invalid option")]
    [InlineData(new[] { "-kernel" }, "-kernel: requires an argument")]
    [InlineData(new[] { "-M", "pc" }, "-M pc: unsupported machine type (use -M help to list)")]
    [InlineData(new[] { "-cpu", "cortex-a15" }, "unable to find CPU model 'cortex-a15'")]
    [InlineData(new[] { "-m", "lots" }, "-m lots: invalid RAM size")]
    [InlineData(new[] { "-m", "512M" }, "versatilepb: memory size must not exceed 256MB")]
    [InlineData(new[] { "-append", "x" }, "-append only allowed with -kernel option")]
    [InlineData(new[] { "-d", "in_asm,bogus" }, "-d in_asm,bogus: unknown log item 'bogus' (supported: in_asm, int, unimp, guest_errors)")]
    [InlineData(new[] { "-serial", "pty" }, "-serial pty: unsupported backend (use stdio, null or file:PATH)")]
    [InlineData(new[] { "disk.img" }, "unexpected argument 'disk.img' (disk images are not supported)")]
    // QEMU 7.2's own words for a -smp above the board's max_cpus (qemu-system-arm -M versatilepb -smp 2).
    [InlineData(new[] { "-smp", "2" }, "Invalid SMP CPUs 2. The max CPUs supported by machine 'versatilepb' is 1")]
    [InlineData(new[] { "-smp", "cpus=x" }, "-smp cpus=x: 'cpus' expects a number greater than zero")]
    [InlineData(new[] { "-icount", "shift=99" }, "-icount shift=99: shift must be a number from 0 to 10 or 'auto'")]
    public void BadArgumentsGiveOneLineAndExitCode2(string[] args, string message)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"cloister machine: {message}\n", err.Replace("\r\n", "\n"));
    }

    [Fact]
    public void MissingKernelIsAnErrorWithExitCode1()
    {
        var (code, _, err) = Run("-M", "versatilepb", "-kernel", "/nonexistent/zImage");
        Assert.Equal(1, code);
        Assert.Equal("cloister machine: could not load kernel '/nonexistent/zImage'\n", err);
    }

    [Fact]
    public void MalformedElfIsAnErrorNotAStackTrace()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1, 0]);
            var (code, _, err) = Run("-kernel", path);
            Assert.Equal(1, code);
            Assert.StartsWith("cloister machine: ", err);
            Assert.Single(err.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RamTooSmallForTheInitrdIsAnError()
    {
        string k = Path.GetTempFileName(), r = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(k, new byte[1000]);
            File.WriteAllBytes(r, new byte[3 << 20]);
            var (code, _, err) = Run("-m", "4M", "-kernel", k, "-initrd", r);
            Assert.Equal(1, code);
            Assert.Equal($"cloister machine: could not load initrd '{r}'\n", err);
        }
        finally
        {
            File.Delete(k);
            File.Delete(r);
        }
    }

    [Fact]
    public void HelpAndListings()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("-kernel FILE", output);
        (code, output, _) = Run("-M", "help");
        Assert.Equal(0, code);
        Assert.Contains("versatilepb", output);
    }

    [Theory]
    [InlineData("128M", 128ul << 20)]
    [InlineData("128", 128ul << 20)]
    [InlineData("1G", 1ul << 30)]
    [InlineData("0.5G", 512ul << 20)]
    [InlineData("65536k", 64ul << 20)]
    [InlineData("size=64M", 64ul << 20)]
    [InlineData("100000", 100000ul << 20)]
    [InlineData("1000B", 8192ul)]
    public void RamSizeSyntax(string text, ulong bytes) =>
        Assert.Equal(bytes, Cli.Machine.MachineArguments.ParseRamSize(text));

    [Fact]
    public void MachineKeyValueFormsAreAccepted()
    {
        var a = Cli.Machine.MachineArguments.Parse(["-machine", "versatilepb,accel=tcg,usb=off", "-M", "type=versatilepb"]);
        Assert.Equal("versatilepb", a.Machine);
        Assert.Single(a.Warnings);
    }
}

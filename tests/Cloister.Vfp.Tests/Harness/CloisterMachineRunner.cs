using Cloister.Cli;

namespace Cloister.Vfp.Tests.Harness;

/// <summary>Runs a test ELF through `cloister machine` in-process, with QEMU's command line, and
/// returns both output streams (the semihosting console is on stderr, as in QEMU).</summary>
public static class CloisterMachineRunner
{
    public static async Task<string> RunAsync(string elf, string cpu)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["machine", "-M", "versatilepb", "-cpu", cpu, "-m", "128M", "-nographic", "-semihosting", "-kernel", elf];
        int exit = await Task.Run(() => CommandTable.Dispatch(args, stdout, stderr)).WaitAsync(TimeSpan.FromSeconds(120));
        if (exit != 0)
            throw new InvalidOperationException($"cloister {string.Join(' ', args)} exited with {exit}:\n{stderr}");
        return stdout.ToString() + stderr.ToString();
    }
}

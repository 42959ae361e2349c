using System.Diagnostics;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// `xl console` through the real control socket, from a separate `cloister` process whose stdin
/// is a pipe: guests/hv/echo.c answers each line of its console ring's input with "echo: LINE" in
/// its ring and powers off after "quit" (which ends the console, as the domain goes); Ctrl+]
/// (0x1d) detaches as with xl; hello.S prints through console_io, which the console shows too.
/// </summary>
public class XlConsoleTests
{
    static string Guests => Path.Combine(RepositoryRoot.Path, "guests", "hv");

    /// <summary>`cloister xl --socket SOCKET ARGS...` with <paramref name="input"/> piped to its stdin.</summary>
    static (int Exit, string Out, string Err) XlProcess(string socket, string input, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "cloister"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in (string[])["xl", "--socket", socket, .. args]) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"xl {string.Join(' ', args)} did not end");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    static void WaitFor(XlInstance run, string line)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!run.Stdout.Split('\n').Contains(line))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no '{line}' in:\n{run.Stdout}");
            Thread.Sleep(20);
        }
    }

    [Theory]
    [MemberData(nameof(XlCommandTests.Boards), MemberType = typeof(XlCommandTests))]
    public void Piped_input_reaches_the_guest_and_its_answers_come_back(string[] board)
    {
        using var run = new XlInstance(board, [Path.Combine(Guests, "echo.cfg")]);
        WaitFor(run, "(d1) echo: ready");
        var (exit, output, err) = XlProcess(run.Socket, "hello there\r\nquit\n", "console", "echo");
        Assert.Equal((0, ""), (exit, err));
        Assert.Equal("echo: hello there\necho: quit\necho: bye\n", output);
        Assert.True(run.Run.Wait(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, run.Run.Result); // echo powers off after quit
    }

    [Fact]
    public void Ctrl_close_bracket_detaches_and_leaves_the_domain_running()
    {
        using var run = new XlInstance([], [Path.Combine(Guests, "echo.cfg")]);
        WaitFor(run, "(d1) echo: ready");
        // What precedes Ctrl+] is typed; what follows it is not.
        var (exit, _, _) = XlProcess(run.Socket, "one\n\x1dtwo\n", "console", "1");
        Assert.Equal(0, exit);
        WaitFor(run, "(d1) echo: one");
        Assert.False(run.Run.IsCompleted);
        var again = XlProcess(run.Socket, "quit\n", "console", "echo");
        Assert.Equal((0, "echo: quit\necho: bye\n"), (again.Exit, again.Out));
        Assert.DoesNotContain("(d1) echo: two", run.Stdout.Split('\n'));
    }

    [Fact]
    public void Create_c_shows_a_new_domain_s_console_from_its_first_line()
    {
        using var run = new XlInstance(("sleeper", "domU_t"));
        run.ListWhenBlocked();
        string cfg = Path.Combine(Guests, "hello.cfg");
        // hello.S prints one line with console_io and powers off: the console ends with the domain.
        var (exit, output, err) = XlProcess(run.Socket, "", "create", "-c", cfg);
        Assert.Equal((0, "hello from a Cloister guest\n", $"Parsing config from {cfg}\n"), (exit, output, err));
    }

    [Fact]
    public void A_console_of_a_domain_that_does_not_exist_is_an_xl_error()
    {
        using var run = new XlInstance(("sleeper", "domU_t"));
        Assert.Equal((1, "", "nosuch is an invalid domain identifier (rc=-6)\n"), XlProcess(run.Socket, "", "console", "nosuch"));
        Assert.Equal((1, "", "libxl: error: Domain 7:Unable to attach console: No such process\n"), XlProcess(run.Socket, "", "console", "7"));
    }
}

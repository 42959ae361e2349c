using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>Runs alone: it points XDG_RUNTIME_DIR, which every `cloister run` of the process reads,
/// at a folder of its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class SocketDiscoveryCollection
{
    public const string Name = "xl socket discovery";
}

/// <summary>`cloister xl` without --socket: the only running instance's socket under the runtime
/// directory, a clear error when there is none or several.</summary>
[Collection(SocketDiscoveryCollection.Name)]
public class XlSocketDiscoveryTests
{
    static (int Exit, string Out, string Err) Xl(params string[] args) => XlInstance.Cloister(["xl", .. args]);

    [Fact]
    public void Xl_finds_the_only_instance_and_refuses_to_guess_among_none_or_several()
    {
        string runtime = Directory.CreateTempSubdirectory("cloister-xdg-").FullName;
        string? saved = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", runtime);
        try
        {
            string dir = Path.Combine(runtime, "cloister");
            var none = Xl("list");
            Assert.Equal((1, $"cloister xl: no running 'cloister run' instance (no control socket in {dir})\n"), (none.Exit, none.Err));

            using (var first = new XlInstance(("alpha", "domU_t")))
            {
                Assert.Equal(dir, Path.GetDirectoryName(first.Socket));
                Assert.Matches($@"^run-{Environment.ProcessId}(-\d+)?\.sock$", Path.GetFileName(first.Socket));
                var one = Xl("list");
                Assert.Equal(0, one.Exit);
                Assert.Contains("alpha", one.Out);

                using var second = new XlInstance(("beta", "domU_t"));
                var several = Xl("list");
                Assert.Equal(1, several.Exit);
                Assert.StartsWith("cloister xl: 2 'cloister run' instances are running; choose one with --socket: ", several.Err);
                Assert.Contains(first.Socket, several.Err);
                Assert.Contains(second.Socket, several.Err);
            }
            // Both runs have ended and removed their sockets.
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_RUNTIME_DIR", saved);
            Directory.Delete(runtime, recursive: true);
        }
    }
}

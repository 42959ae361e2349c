using Cloister.Hypervisor.Boot;
using Xunit;

namespace Cloister.Hypervisor.Tests;

public class ModuleBundleTests
{
    [Fact]
    public void Built_bundles_parse_back_to_the_same_modules()
    {
        var modules = new List<BootModule>
        {
            new(ModuleKind.FlaskPolicy, "policy", [1, 2, 3]),
            new(ModuleKind.DomainConfig, "vault", "name=vault\n"u8.ToArray()),
            new(ModuleKind.DomainKernel, "vault.elf", new byte[5000]),
        };
        var parsed = ModuleBundle.Parse(ModuleBundle.Build(modules));
        Assert.Equal(modules.Count, parsed.Count);
        for (int i = 0; i < modules.Count; i++)
        {
            Assert.Equal(modules[i].Kind, parsed[i].Kind);
            Assert.Equal(modules[i].Name, parsed[i].Name);
            Assert.Equal(modules[i].Data, parsed[i].Data);
        }
    }

    [Fact]
    public void Every_truncation_of_a_bundle_is_refused_or_parsed_without_reading_past_its_end()
    {
        var bundle = ModuleBundle.Build([new(ModuleKind.DomainKernel, "k", new byte[100])]);
        for (int len = 0; len < bundle.Length; len += 97)
        {
            var cut = bundle.AsSpan(0, len).ToArray();
            try { ModuleBundle.Parse(cut); }
            catch (BootException) { }
        }
    }

    [Fact]
    public void A_module_that_points_outside_the_bundle_is_refused()
    {
        var bundle = ModuleBundle.Build([new(ModuleKind.DomainKernel, "k", new byte[16])]);
        BitConverter.GetBytes(0x7FFFFFFFu).CopyTo(bundle, 16 + 8); // entry 0's size
        var e = Assert.Throws<BootException>(() => ModuleBundle.Parse(bundle));
        Assert.Contains("outside the bundle", e.Message);
    }
}

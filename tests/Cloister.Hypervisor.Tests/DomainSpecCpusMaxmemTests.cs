using Cloister.Toolstack;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>xl.cfg `cpus=` and `maxmem=` as DomainSpec reads them; the CPU lists and their meanings
/// are the examples of Xen's docs/man/xl.cfg.5.pod.in.</summary>
public class DomainSpecCpusMaxmemTests
{
    static readonly string Kernel = Path.Combine(RepositoryRoot.Path, "guests", "hv", "bin", "hello.elf");

    static DomainSpec Spec(string lines) =>
        DomainSpec.From(XlConfig.Parse($"name = \"t\"\nkernel = \"{Kernel}\"\n{lines}", "t.cfg"), _ => { });

    static uint Mask(params int[] cpus) => cpus.Aggregate(0u, (m, c) => m | 1u << c);

    [Fact]
    public void Without_cpus_there_is_no_pinning() => Assert.Null(Spec("vcpus = 2").CpuMasks);

    [Theory]
    [InlineData("all", CpuList.All)]
    [InlineData("2", 0b100u)]
    [InlineData("1-2", 0b110u)]
    [InlineData("0-3,5,^1", 0b10_1101u)]            // "CPUs 0,2,3,5"
    [InlineData("all,^7", ~0x80u)]                  // "all the CPUs of the host except CPU 7"
    [InlineData("node:0", CpuList.All)]             // one NUMA node holds every CPU
    public void A_cpu_list_string_pins_every_vcpu(string list, uint mask)
    {
        var spec = Spec($"vcpus = 3\ncpus = \"{list}\"");
        Assert.Equal([mask, mask, mask], spec.CpuMasks!);
    }

    [Fact]
    public void A_list_gives_each_vcpu_its_item_and_the_rest_run_anywhere()
    {
        // ["2", "3-8,^5"]: "vCPU 0 ... CPU 2 ... vCPU 1 ... CPUs 3,4,6,7,8".
        Assert.Equal([Mask(2), Mask(3, 4, 6, 7, 8), CpuList.All], Spec("vcpus = 3\ncpus = [\"2\", \"3-8,^5\"]").CpuMasks!);
        // Items past the last vCPU are ignored, as xl does.
        Assert.Equal([Mask(1)], Spec("cpus = [\"1\", \"bad\"]").CpuMasks!);
    }

    [Theory]
    [InlineData("cpus = \"^all\"", "t.cfg:3: key 'cpus': '^' cannot be combined with 'all'")]
    [InlineData("cpus = \"2-1\"", "t.cfg:3: key 'cpus': '2-1' is not a CPU, a range N-M or 'all'")]
    [InlineData("cpus = \"two\"", "t.cfg:3: key 'cpus': 'two' is not a CPU, a range N-M or 'all'")]
    [InlineData("cpus = \"^1\"", "t.cfg:3: key 'cpus': '^1' selects no CPU")]
    [InlineData("cpus = \"40\"", "t.cfg:3: key 'cpus': '40': CPU 40 is beyond the 32 a mask can name")]
    [InlineData("cpus = \"node:1\"", "t.cfg:3: key 'cpus': 'node:1': the host has one NUMA node, node 0")]
    [InlineData("memory = 8\nmaxmem = 4", "t.cfg:4: key 'maxmem': 4 is less than memory (8)")]
    public void Mistakes_name_the_file_the_line_and_the_key(string lines, string message) =>
        Assert.Equal(message, Assert.Throws<XlConfigException>(() => Spec(lines)).Message);

    [Theory]
    [InlineData("memory = 8", 8)]
    [InlineData("memory = 8\nmaxmem = 8", 8)]
    [InlineData("memory = 8\nmaxmem = 16", 16)]
    public void Maxmem_bounds_memory_and_defaults_to_it(string lines, int maxmem) =>
        Assert.Equal(maxmem, Spec(lines).MaxMemMiB);

    [Fact]
    public void The_module_text_carries_masks_only_when_cpus_is_set()
    {
        Assert.DoesNotContain("hard_affinity", Spec("vcpus = 2").ToModuleText());
        Assert.Contains("\nhard_affinity=0x6,0x6\n", Spec("vcpus = 2\ncpus = \"1-2\"").ToModuleText());
    }
}

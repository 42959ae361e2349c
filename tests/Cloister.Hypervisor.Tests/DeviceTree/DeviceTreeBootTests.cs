using System.Text;
using Cloister.Hypervisor.Boot;
using Cloister.Hypervisor.Memory;
using Cloister.Platform.Bus;
using Xunit;

namespace Cloister.Hypervisor.Tests.DeviceTree;

/// <summary>What the hypervisor takes from a device tree in RAM (Xen's /chosen conventions):
/// trees compiled by dtc, modules written where their reg says.</summary>
public class DeviceTreeBootTests
{
    const uint TreeAddress = 0x100000;
    static readonly string[] VersatileCompatible = ["arm,versatile-pb"];

    /// <summary>Every module's bytes are its address's low byte repeated, so a wrong reg shows.</summary>
    static DeviceTreeBoot Boot(string dts, Action<Span<byte>>? fill = null) => Boot(DtcTools.Compile(dts), fill);

    static DeviceTreeBoot Boot(byte[] blob, Action<Span<byte>>? fill = null)
    {
        using var bus = new PhysicalBus(0, 16u << 20);
        for (int page = 0x200000; page < 0x300000; page += 0x1000) bus.Ram.Slice(page, 0x1000).Fill((byte)(page >> 12));
        fill?.Invoke(bus.Ram);
        blob.CopyTo(bus.Ram[(int)TreeAddress..]);
        return DeviceTreeBoot.Read(new MachineMemory(bus), TreeAddress, VersatileCompatible, "ARM-Versatile PB");
    }

    const string Head = """
        /dts-v1/;
        / {
            compatible = "arm,versatile-pb";
            #address-cells = <1>;
            #size-cells = <1>;
            memory@0 { device_type = "memory"; reg = <0x0 0x1000000>; };
        """;

    [Fact]
    public void Dom0less_domains_policy_and_command_line_are_taken_from_chosen()
    {
        var blob = DtcTools.Compile(Head + """
                chosen {
                    #address-cells = <1>;
                    #size-cells = <1>;
                    xen,xen-bootargs = "flask=permissive";
                    bootargs = "for a dom0 kernel";
                    module@200000 { compatible = "xen,xsm-policy", "multiboot,module"; reg = <0x200000 0x10>; };
                    domU1 {
                        compatible = "xen,domain";
                        #address-cells = <1>;
                        #size-cells = <1>;
                        memory = <0x0 0x2000>;
                        cpus = <2>;
                        module@201000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x201000 0x20>; bootargs = "quiet"; };
                        module@202000 { compatible = "multiboot,ramdisk", "multiboot,module"; reg = <0x202000 0x30>; };
                    };
                    vault {
                        compatible = "xen,domain";
                        #address-cells = <1>;
                        #size-cells = <1>;
                        memory = <0x0 0x1001>;
                        cpus = <1>;
                        cloister,name = "the vault";
                        cloister,seclabel = "system_u:system_r:vault_t";
                        cloister,cpu-weight = <512>;
                        cloister,cap = <50>;
                        cloister,maxmem = <0x0 0x1800>;
                        module@203000 { compatible = "multiboot,module"; reg = <0x203000 0x40>; };
                    };
                };
            };
            """);
        var boot = Boot(blob);
        Assert.Equal([new MemoryBank(0, 0x1000000)], boot.Memory);
        Assert.Equal("flask=permissive", boot.CommandLine);
        Assert.Equal([ModuleKind.FlaskPolicy, ModuleKind.DomainKernel, ModuleKind.Ramdisk, ModuleKind.DomainKernel], boot.Modules.Select(m => m.Kind));
        Assert.Equal([0x10, 0x20, 0x30, 0x40], boot.Modules.Select(m => m.Data.Length));
        Assert.Equal([0x00, 0x01, 0x02, 0x03], boot.Modules.Select(m => (int)m.Data[0]));
        var first = boot.Domains[0].ToConfig();
        Assert.Equal(("domU1", 8u, 2, "quiet", "system_u:system_r:domU_t"), (first.Name, first.MemoryMiB, first.Vcpus, first.CommandLine, first.Label));
        var vault = boot.Domains[1].ToConfig();
        // 0x1001 KiB is rounded up to whole MiB.
        Assert.Equal(("the vault", 5u, 1, "", "system_u:system_r:vault_t", 512, 50, 6u),
            (vault.Name, vault.MemoryMiB, vault.Vcpus, vault.CommandLine, vault.Label, vault.Weight, vault.Cap, vault.MaxMemoryMiB));
        Assert.Equal(0u, first.MaxMemoryMiB); // none given: max_pages is memory
        // The blob and every module stay out of the frame allocator.
        Assert.Equal([new MemoryBank(TreeAddress, (uint)blob.Length), new(0x200000, 0x10), new(0x201000, 0x20), new(0x202000, 0x30), new(0x203000, 0x40)],
            boot.Reserved);
    }

    [Fact]
    public void Without_xen_bootargs_the_chosen_bootargs_are_the_hypervisor_command_line()
    {
        var boot = Boot(Head + """chosen { bootargs = "loglvl=warning"; }; };""");
        Assert.Equal("loglvl=warning", boot.CommandLine);
        Assert.Empty(boot.Domains);
    }

    [Fact]
    public void Modules_without_a_specific_compatible_are_classified_as_Xen_does()
    {
        // The first is the kernel; the second without the XSM magic is the ramdisk; a later one
        // with the magic is the policy; a later one without it is nothing special.
        var boot = Boot(Head + """
                chosen {
                    #address-cells = <1>;
                    #size-cells = <1>;
                    module@200000 { compatible = "multiboot,module"; reg = <0x200000 0x10>; bootargs = "k"; };
                    module@201000 { compatible = "multiboot,module"; reg = <0x201000 0x10>; };
                    module@202000 { compatible = "xen,multiboot-module"; reg = <0x202000 0x10>; };
                    module@203000 { compatible = "multiboot,module"; reg = <0x203000 0x10>; };
                };
            };
            """, ram => new byte[] { 0x8c, 0xff, 0x7c, 0xf9 }.CopyTo(ram[0x202000..]));
        Assert.Equal([ModuleKind.Dom0Kernel, ModuleKind.Ramdisk, ModuleKind.FlaskPolicy], boot.Modules.Select(m => m.Kind));
        var domain = Assert.Single(boot.Domains).ToConfig();
        Assert.Equal(("/chosen/module@200000", "k", 4u), (domain.Name, domain.CommandLine, domain.MemoryMiB));
    }

    public static TheoryData<string, string> Broken => new()
    {
        { """/dts-v1/; / { #address-cells = <1>; #size-cells = <1>; chosen { }; };""", "no /memory node" },
        { """/dts-v1/; / { #address-cells = <1>; #size-cells = <1>; memory { reg = <0 0>; }; chosen { }; };""", "no /memory node" },
        { Head + "};", "no /chosen node" },
        { Head + """chosen { d { compatible = "xen,domain"; memory = <0 4096>; }; }; };""", "domain /chosen/d has no cpus property" },
        { Head + """chosen { d { compatible = "xen,domain"; cpus = <1>; }; }; };""", "domain /chosen/d has no memory property" },
        { Head + """chosen { d { compatible = "xen,domain"; cpus = <1>; memory = <0 4096>; }; }; };""", "domain /chosen/d has no multiboot,kernel module" },
        { Head + """chosen { d { compatible = "xen,domain"; cpus = <1>; memory = <0 4096>; cloister,maxmem = <1 0>; }; }; };""",
            "domain /chosen/d cloister,maxmem 4294967296 KiB is out of range" },
        { Head + """chosen { #address-cells = <1>; #size-cells = <1>; m { compatible = "multiboot,module"; reg = <0xff0000 0x20000>; }; }; };""", "module /chosen/m at 0x00ff0000 (0x20000 bytes) is not in RAM" },
        { Head + """chosen { #address-cells = <1>; #size-cells = <1>; m { compatible = "multiboot,module"; }; }; };""", "/chosen/m has no reg" },
        { """/dts-v1/; / { compatible = "arm,realview-eb"; #address-cells = <1>; #size-cells = <1>; memory { reg = <0 0x1000000>; }; chosen { }; };""",
            "device tree is for \"arm,realview-eb\", not this board (ARM-Versatile PB: \"arm,versatile-pb\")" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_tree_the_hypervisor_cannot_boot_from_is_refused_with_its_reason(string dts, string reason)
    {
        var e = Assert.Throws<BootException>(() => Boot(dts));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_domain_with_two_kernels_is_refused()
    {
        var e = Assert.Throws<BootException>(() => Boot(Head + """
                chosen { d { compatible = "xen,domain"; cpus = <1>; memory = <0 4096>; #address-cells = <1>; #size-cells = <1>;
                    a { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x200000 0x10>; };
                    b { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x201000 0x10>; }; }; };
            };
            """));
        Assert.Contains("more than one kernel", e.Message);
    }

    [Fact]
    public void Only_a_blob_with_the_magic_is_taken_for_a_device_tree()
    {
        using var bus = new PhysicalBus(0, 1u << 20);
        var memory = new MachineMemory(bus);
        DtcTools.Compile(Head + "};").CopyTo(bus.Ram[0x1000..]);
        Assert.True(DeviceTreeBoot.IsDeviceTree(memory, 0x1000));
        Assert.False(DeviceTreeBoot.IsDeviceTree(memory, 0x1004));
        Assert.False(DeviceTreeBoot.IsDeviceTree(memory, 0x2000_0000)); // not RAM
    }
}

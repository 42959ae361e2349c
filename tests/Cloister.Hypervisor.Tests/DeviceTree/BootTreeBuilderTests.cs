using Cloister.Toolstack;
using Xunit;

namespace Cloister.Hypervisor.Tests.DeviceTree;

/// <summary>The tree `cloister run --boot dtb` writes, decompiled by dtc, against the tree it must be.</summary>
public class BootTreeBuilderTests
{
    [Fact]
    public void Domains_and_policy_become_chosen_modules_and_dom0less_domain_nodes()
    {
        string dir = Directory.CreateTempSubdirectory("cloister-tree-").FullName;
        try
        {
            string vault = Path.Combine(dir, "vault.elf"), phone = Path.Combine(dir, "phone.elf"), rd = Path.Combine(dir, "rd.img");
            File.WriteAllBytes(vault, Enumerable.Repeat((byte)0x11, 5000).ToArray());
            File.WriteAllBytes(phone, Enumerable.Repeat((byte)0x22, 100).ToArray());
            File.WriteAllBytes(rd, Enumerable.Repeat((byte)0x33, 7).ToArray());
            DomainSpec[] domains =
            [
                new("vault", 4, 1, vault, null, "", "system_u:system_r:vault_t", "destroy", "restart", "destroy", "vault.cfg"),
                new("phone", 8, 2, phone, rd, "console=hvc0", "system_u:system_r:domU_t", "destroy", "restart", "destroy", "phone.cfg", 512, 50),
            ];
            var result = BootTreeBuilder.Build(domains, new byte[10], "flask=enforcing", "arm,versatile-pb", 0x4000000);

            var expected = DtcTools.Compile("""
                /dts-v1/;
                / {
                    compatible = "arm,versatile-pb";
                    #address-cells = <1>;
                    #size-cells = <1>;
                    chosen {
                        #address-cells = <1>;
                        #size-cells = <1>;
                        xen,xen-bootargs = "flask=enforcing";
                        module@4000000 { compatible = "xen,xsm-policy", "multiboot,module"; reg = <0x4000000 10>; };
                        domU1 {
                            compatible = "xen,domain";
                            #address-cells = <1>;
                            #size-cells = <1>;
                            memory = <0 4096>;
                            cpus = <1>;
                            cloister,name = "vault";
                            cloister,seclabel = "system_u:system_r:vault_t";
                            cloister,cpu-weight = <256>;
                            cloister,cap = <0>;
                            module@4001000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x4001000 5000>; bootargs = ""; };
                        };
                        domU2 {
                            compatible = "xen,domain";
                            #address-cells = <1>;
                            #size-cells = <1>;
                            memory = <0 8192>;
                            cpus = <2>;
                            cloister,name = "phone";
                            cloister,seclabel = "system_u:system_r:domU_t";
                            cloister,cpu-weight = <512>;
                            cloister,cap = <50>;
                            module@4003000 { compatible = "multiboot,kernel", "multiboot,module"; reg = <0x4003000 100>; bootargs = "console=hvc0"; };
                            module@4004000 { compatible = "multiboot,ramdisk", "multiboot,module"; reg = <0x4004000 7>; };
                        };
                    };
                };
                """);
            Assert.Equal(DtcTools.ToDts(expected), DtcTools.ToDts(result.Tree));
            // Each module's bytes are where its reg says, relative to the blob's address.
            Assert.Equal(0x4007, result.Modules.Length);
            Assert.Equal((byte)0x11, result.Modules[0x1000 + 4999]);
            Assert.Equal((byte)0x22, result.Modules[0x3000]);
            Assert.Equal((byte)0x33, result.Modules[0x4006]);
        }
        finally { Directory.Delete(dir, true); }
    }
}

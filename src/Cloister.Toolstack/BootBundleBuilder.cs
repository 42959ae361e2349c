using System.Text;
using Cloister.Hypervisor.Boot;

namespace Cloister.Toolstack;

/// <summary>Turns domain specifications and a policy into the hypervisor's boot module bundle.</summary>
public static class BootBundleBuilder
{
    public static byte[] Build(IEnumerable<DomainSpec> domains, byte[]? policy)
    {
        var modules = new List<BootModule>();
        if (policy is not null) modules.Add(new BootModule(ModuleKind.FlaskPolicy, "policy", policy));
        foreach (var d in domains)
        {
            modules.Add(new BootModule(ModuleKind.DomainConfig, d.Name, Encoding.UTF8.GetBytes(d.ToModuleText())));
            modules.Add(new BootModule(ModuleKind.DomainKernel, Path.GetFileName(d.KernelPath), File.ReadAllBytes(d.KernelPath)));
            if (d.RamdiskPath is not null)
                modules.Add(new BootModule(ModuleKind.Ramdisk, Path.GetFileName(d.RamdiskPath), File.ReadAllBytes(d.RamdiskPath)));
        }
        return ModuleBundle.Build(modules);
    }
}

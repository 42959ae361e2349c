using Cloister.Toolstack.DeviceTree;

namespace Cloister.Toolstack;

/// <summary>
/// Device tree boot (Xen's ARM convention, docs/hypervisor.md): the domains' kernels and the policy
/// go into one blob the board's loader places as its initrd at <c>modulesAddress</c>; the tree
/// names each by address and size in /chosen, with the hypervisor's command line in
/// xen,xen-bootargs and one dom0less "xen,domain" node per domain. RAM is left to the loader,
/// which writes /memory (as it writes ATAG_MEM).
/// </summary>
public static class BootTreeBuilder
{
    /// <summary>Modules start on 4 KiB boundaries within the blob.</summary>
    const int ModuleAlign = 0x1000;

    public sealed record Result(byte[] Tree, byte[] Modules);

    public static Result Build(IReadOnlyList<DomainSpec> domains, byte[]? policy, string commandLine, string boardCompatible, uint modulesAddress)
    {
        var blob = new List<byte>();
        uint Place(byte[] data)
        {
            while (blob.Count % ModuleAlign != 0) blob.Add(0);
            uint at = modulesAddress + (uint)blob.Count;
            blob.AddRange(data);
            return at;
        }

        var tree = new FdtWriter().BeginNode("")
            .Strings("compatible", boardCompatible)
            .Cells("#address-cells", 1).Cells("#size-cells", 1)
            .BeginNode("chosen")
            .Cells("#address-cells", 1).Cells("#size-cells", 1);
        if (commandLine.Length > 0) tree.Strings("xen,xen-bootargs", commandLine);
        if (policy is not null) Module(tree, Place(policy), policy.Length, "xen,xsm-policy");
        for (int i = 0; i < domains.Count; i++)
        {
            var d = domains[i];
            var kernel = File.ReadAllBytes(d.KernelPath);
            tree.BeginNode($"domU{i + 1}")
                .Strings("compatible", "xen,domain")
                .Cells("#address-cells", 1).Cells("#size-cells", 1)
                .Cells("memory", 0, (uint)d.MemoryMiB * 1024) // KiB, a 64-bit number as Xen reads it
                .Cells("cpus", (uint)d.Vcpus)
                .Strings("cloister,name", d.Name)
                .Strings("cloister,seclabel", d.SecLabel)
                .Cells("cloister,cpu-weight", (uint)d.Weight)
                .Cells("cloister,cap", (uint)d.Cap);
            if (d.MaxMemMiB > d.MemoryMiB) tree.Cells("cloister,maxmem", 0, (uint)d.MaxMemMiB * 1024); // KiB, as memory
            if (d.CpuMasks is { } masks) tree.Cells("cloister,hard-affinity", [.. masks]); // one mask per vCPU
            Module(tree, Place(kernel), kernel.Length, "multiboot,kernel", d.CommandLine);
            if (d.RamdiskPath is not null)
            {
                var ramdisk = File.ReadAllBytes(d.RamdiskPath);
                Module(tree, Place(ramdisk), ramdisk.Length, "multiboot,ramdisk");
            }
            tree.EndNode();
        }
        return new Result(tree.EndNode().EndNode().Finish(), [.. blob]);
    }

    static void Module(FdtWriter tree, uint address, int size, string kind, string? bootargs = null)
    {
        tree.BeginNode($"module@{address:x}")
            .Strings("compatible", kind, "multiboot,module")
            .Cells("reg", address, (uint)size);
        if (bootargs is not null) tree.Strings("bootargs", bootargs);
        tree.EndNode();
    }
}

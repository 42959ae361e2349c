using System.Buffers.Binary;
using Cloister.Hypervisor.Boot.DeviceTree;
using Cloister.Hypervisor.Domains;
using Cloister.Hypervisor.Memory;

namespace Cloister.Hypervisor.Boot;

/// <summary>
/// Boot information from a device tree at r2, Xen's ARM convention
/// (docs/misc/arm/device-tree/booting.txt): RAM from the /memory nodes, the command line from
/// /chosen xen,xen-bootargs (else bootargs), boot modules from /chosen's "multiboot,module" nodes,
/// and dom0less domains from /chosen's "xen,domain" nodes. docs/hypervisor.md lists every
/// node and property read, and Cloister's own properties for what Xen's convention lacks.
/// </summary>
public sealed class DeviceTreeBoot
{
    /// <summary>Larger blobs are refused before they are copied out of RAM.</summary>
    const uint MaxBlobSize = 4u << 20;
    /// <summary>The first word of a FLASK policy (Xen's XSM_MAGIC), read little-endian.</summary>
    const uint XsmMagic = 0xF97CFF8C;

    public List<MemoryBank> Memory { get; } = [];
    public string CommandLine { get; private set; } = "";
    public List<BootModule> Modules { get; } = [];
    public List<BootDomain> Domains { get; } = [];
    /// <summary>What must not be handed out as free frames: the blob, the modules, the reservation map, the initrd.</summary>
    public List<MemoryBank> Reserved { get; } = [];

    public static bool IsDeviceTree(MachineMemory memory, uint address)
    {
        Span<byte> magic = stackalloc byte[4];
        return memory.TryRead(address, magic) && FdtHeader.HasMagic(magic);
    }

    /// <summary>Reads the tree at <paramref name="address"/>. <paramref name="boardCompatible"/> are the
    /// strings naming the board the hypervisor runs on; a tree for another board is refused.</summary>
    public static DeviceTreeBoot Read(MachineMemory memory, uint address, IReadOnlyList<string> boardCompatible, string boardName)
    {
        var head = new byte[FdtHeader.Size];
        if (!memory.TryRead(address, head)) throw new BootException($"device tree at 0x{address:x8} is not in RAM");
        uint size = BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(4));
        if (size > MaxBlobSize) throw new BootException($"device tree: totalsize {size} is larger than {MaxBlobSize} bytes");
        var blob = new byte[Math.Max(size, (uint)FdtHeader.Size)];
        if (!memory.TryRead(address, blob)) throw new BootException($"device tree at 0x{address:x8} (0x{size:x} bytes) runs out of RAM");
        var tree = FdtParser.Parse(blob);

        var boot = new DeviceTreeBoot();
        boot.Reserved.Add(new MemoryBank(address, size));
        boot.Reserved.AddRange(tree.Reserved);
        CheckBoard(tree.Root, boardCompatible, boardName);
        boot.ReadMemory(tree.Root);
        var chosen = tree.Root.Child("chosen") ?? throw new BootException("device tree: no /chosen node, so no boot modules");
        boot.CommandLine = chosen.String("xen,xen-bootargs") ?? chosen.String("bootargs") ?? "";
        if (chosen.Number("linux,initrd-start") is ulong rdStart && chosen.Number("linux,initrd-end") is ulong rdEnd && rdEnd > rdStart && rdEnd <= 1ul << 32)
            boot.Reserved.Add(new MemoryBank((uint)rdStart, (uint)(rdEnd - rdStart)));
        boot.ReadModules(memory, chosen);
        return boot;
    }

    static void CheckBoard(FdtNode root, IReadOnlyList<string> boardCompatible, string boardName)
    {
        // The root compatible is optional here: the machine number in r1 already chose the board.
        var compatible = root.Strings("compatible");
        if (compatible is null || compatible.Any(boardCompatible.Contains)) return;
        throw new BootException($"device tree is for \"{string.Join("\", \"", compatible)}\", not this board ({boardName}: \"{string.Join("\", \"", boardCompatible)}\")");
    }

    void ReadMemory(FdtNode root)
    {
        // Xen matches memory nodes by name; device_type = "memory" is accepted on any name too.
        foreach (var node in root.Children.Where(n => n.BaseName == "memory" || n.String("device_type") == "memory"))
            Memory.AddRange(RegReader.Read(node).Where(b => b.Size != 0));
        if (Memory.Count == 0) throw new BootException("device tree: no /memory node with a non-empty reg, so no RAM");
    }

    void ReadModules(MachineMemory memory, FdtNode chosen)
    {
        var classifier = new ModuleClassifier(topLevel: true);
        foreach (var node in chosen.Children)
        {
            if (node.IsCompatible("xen,domain"))
            {
                Domains.Add(ReadDomain(memory, node));
                continue;
            }
            if (!ModuleClassifier.IsModule(node)) continue;
            var data = Load(memory, node);
            var kind = classifier.Kind(node, data);
            if (kind is not ModuleKind k) continue;
            var module = new BootModule(k, node.Path, data);
            Modules.Add(module);
            // Xen's dom0 kernel: Cloister's dom0 is the host, so it boots as an ordinary guest.
            if (k == ModuleKind.Dom0Kernel)
                Domains.Add(new BootDomain(new Dictionary<string, string> { ["cmdline"] = node.String("bootargs") ?? "" }, module));
        }
    }

    /// <summary>A dom0less domain node: Xen's memory (KiB, 64-bit) and cpus, the kernel child's bootargs,
    /// and Cloister's cloister,name / cloister,seclabel / cloister,cpu-weight / cloister,cap /
    /// cloister,maxmem (KiB, 64-bit, as memory) / cloister,hard-affinity (one CPU mask cell per
    /// vCPU, xl.cfg cpus=).</summary>
    BootDomain ReadDomain(MachineMemory memory, FdtNode node)
    {
        ulong kib = node.Number("memory") ?? throw new BootException($"device tree: domain {node.Path} has no memory property");
        uint cpus = node.Cell("cpus") ?? throw new BootException($"device tree: domain {node.Path} has no cpus property");
        if (kib == 0 || kib > 4ul << 20) throw new BootException($"device tree: domain {node.Path} memory {kib} KiB is out of range");
        var settings = new Dictionary<string, string>
        {
            ["name"] = node.String("cloister,name") ?? node.Name,
            ["memory"] = ((kib + 1023) / 1024).ToString(),
            ["vcpus"] = cpus.ToString(),
        };
        if (node.String("cloister,seclabel") is { } label) settings["seclabel"] = label;
        if (node.Cell("cloister,cpu-weight") is uint weight) settings["cpu_weight"] = weight.ToString();
        if (node.Cell("cloister,cap") is uint cap) settings["cap"] = cap.ToString();
        if (node.Number("cloister,maxmem") is ulong maxKib)
        {
            if (maxKib > 4ul << 20) throw new BootException($"device tree: domain {node.Path} cloister,maxmem {maxKib} KiB is out of range");
            settings["maxmem"] = ((maxKib + 1023) / 1024).ToString();
        }
        if (node.Property("cloister,hard-affinity") is { Length: > 0 } affinity)
        {
            if (affinity.Length % 4 != 0) throw new BootException($"device tree: domain {node.Path} cloister,hard-affinity is not a list of cells");
            settings[HardAffinity.ModuleKey] = HardAffinity.Format(affinity.Chunk(4).Select(c => BinaryPrimitives.ReadUInt32BigEndian(c)));
        }

        BootModule? kernel = null;
        var classifier = new ModuleClassifier(topLevel: false);
        foreach (var child in node.Children.Where(ModuleClassifier.IsModule))
        {
            var data = Load(memory, child);
            if (classifier.Kind(child, data) is not ModuleKind kind) continue;
            var module = new BootModule(kind == ModuleKind.Dom0Kernel ? ModuleKind.DomainKernel : kind, child.Path, data);
            Modules.Add(module);
            if (module.Kind != ModuleKind.DomainKernel) continue;
            if (kernel is not null) throw new BootException($"device tree: domain {node.Path} has more than one kernel module");
            kernel = module;
            settings["cmdline"] = child.String("bootargs") ?? "";
        }
        return new BootDomain(settings, kernel ?? throw new BootException($"device tree: domain {node.Path} has no multiboot,kernel module"));
    }

    byte[] Load(MachineMemory memory, FdtNode node)
    {
        var reg = RegReader.Read(node);
        var where = reg[0];
        if (!Memory.Any(b => where.Start >= b.Start && (ulong)where.Start + where.Size <= b.End))
            throw new BootException($"device tree: module {node.Path} at 0x{where.Start:x8} (0x{where.Size:x} bytes) is not in RAM");
        var data = new byte[where.Size];
        if (!memory.TryRead(where.Start, data))
            throw new BootException($"device tree: module {node.Path} at 0x{where.Start:x8} (0x{where.Size:x} bytes) is not in RAM");
        Reserved.Add(where);
        return data;
    }

    /// <summary>Xen's reading of a module's compatible: the specific string when there is one; else the
    /// first such module is the kernel, a later one with the XSM magic the policy, the second the ramdisk.</summary>
    sealed class ModuleClassifier(bool topLevel)
    {
        int unspecified;

        public static bool IsModule(FdtNode node) => node.IsCompatible("multiboot,module") || node.IsCompatible("xen,multiboot-module");

        public ModuleKind? Kind(FdtNode node, byte[] data)
        {
            if (node.IsCompatible("multiboot,kernel") || node.IsCompatible("xen,linux-zimage")) return ModuleKind.Dom0Kernel;
            if (node.IsCompatible("multiboot,ramdisk") || node.IsCompatible("xen,linux-initrd")) return ModuleKind.Ramdisk;
            if (node.IsCompatible("xen,xsm-policy")) return ModuleKind.FlaskPolicy;
            if (node.IsCompatible("multiboot,device-tree")) return null; // passthrough fragments: no devices to assign
            unspecified++;
            if (unspecified == 1) return ModuleKind.Dom0Kernel;
            if (topLevel && data.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(data) == XsmMagic) return ModuleKind.FlaskPolicy;
            return unspecified == 2 ? ModuleKind.Ramdisk : null;
        }
    }
}

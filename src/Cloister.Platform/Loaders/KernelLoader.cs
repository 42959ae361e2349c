using System.Buffers.Binary;
using System.Text;

namespace Cloister.Platform.Loaders;

/// <summary>What the user asked to boot: -kernel, -initrd, -append, -dtb.</summary>
public sealed record BootRequest(string Kernel, string? Initrd = null, string? Append = null, string? Dtb = null);

/// <summary>
/// QEMU's direct kernel boot for 32-bit ARM (hw/arm/boot.c, arm_setup_direct_kernel_boot and
/// arm_load_dtb): ELF images entered at their entry point; uImage and raw zImage/Image treated
/// as Linux, with the boot stub at the base of RAM, ATAGs at +0x100 or a rewritten DTB after
/// the initrd.
/// </summary>
public static class KernelLoader
{
    public const uint KernelArgsOffset = 0x100;
    public const uint KernelLoadOffset = 0x00010000;
    public const uint KernelNoloadOffset = 0x02000000;
    /// <summary>TARGET_PAGE_SIZE for ARMv5/v6 cores in QEMU (1 KiB pages).</summary>
    public const uint TargetPageSize = 0x400;

    public const uint AtagCore = 0x54410001, AtagMem = 0x54410002, AtagInitrd2 = 0x54420005,
        AtagCmdline = 0x54410009, AtagNone = 0;

    /// <summary>The boot stub's instructions (r0 = 0, r1 = board, r2 = ATAGs/DTB, pc = entry).</summary>
    public static readonly uint[] BootStubCode = [0xE3A00000, 0xE59F1004, 0xE59F2004, 0xE59FF004];

    /// <summary>QEMU's default secondary boot loop (hw/arm/boot.c smpboot, ARMv6 DSB): enable this
    /// CPU's GIC interface and priority mask, then WFI until the boot register holds an address,
    /// and jump there. The last two words are the GIC CPU interface and boot register addresses.</summary>
    public static readonly uint[] SecondaryBootCode =
        [0xE59F2028, 0xE59F0028, 0xE3A01001, 0xE5821000, 0xE3A010FF, 0xE5821004, 0xEE070F9A,
         0xE320F003, 0xE5901000, 0xE1110001, 0x0AFFFFFB, 0xE12FFF11];

    public static BootImage Load(Machine machine, BootRequest request) =>
        Load(request, machine.Bus.RamBase, machine.RamSize, machine.Board.MachineNumber,
            machine.Cpus.Count > 1 ? machine.Board.SecondaryBoot : null);

    public static BootImage Load(BootRequest request, uint loaderStart, uint ramSize, uint boardId,
        SecondaryBoot? secondaryBoot = null)
    {
        byte[] kernel = ReadFile(request.Kernel, $"could not load kernel '{request.Kernel}'");
        ulong ramEnd = (ulong)loaderStart + ramSize;
        var image = new BootImage { LoaderStart = loaderStart };
        bool isLinux = false;
        bool haveDtb = request.Dtb is not null;
        uint? dtbStart = null;
        uint dtbLimit = 0;
        long kernelSize = -1;
        uint entry = 0;

        if (ElfImage.HasMagic(kernel))
        {
            var elf = ElfImage.Parse(kernel, request.Kernel);
            foreach (var seg in elf.Segments)
            {
                if ((ulong)seg.PhysicalAddress < loaderStart || (ulong)seg.PhysicalAddress + seg.MemSize > ramEnd)
                    throw new BootException(
                        $"could not load kernel '{request.Kernel}': segment at 0x{seg.PhysicalAddress:x8} (0x{seg.MemSize:x} bytes) is outside RAM");
                var data = new byte[seg.MemSize];
                seg.Data.CopyTo(data, 0);
                image.Blobs.Add(new Blob(request.Kernel, seg.PhysicalAddress, data));
            }
            kernelSize = (long)elf.Segments.Sum(s => (long)s.MemSize);
            entry = elf.Entry;
            image.ImageLow = elf.Low;
            image.ImageHigh = elf.High;
            if (haveDtb && (elf.Low > loaderStart || elf.High < loaderStart))
            {
                // Room below the image: the DTB goes at the base of RAM, limited by the image.
                dtbStart = loaderStart;
                dtbLimit = elf.Low < loaderStart ? 0 : elf.Low;
            }
            else if (haveDtb)
            {
                dtbStart = 0; // QEMU's dtb_start keeps its initial value
            }
        }
        else if (UImage.HasMagic(kernel))
        {
            var hdr = UImage.ParseHeader(kernel);
            uint? loadAddr = null;
            string? error = null;
            if (hdr.Type == UImage.TypeKernelNoload)
            {
                loadAddr = loaderStart + KernelNoloadOffset + UImage.HeaderSize;
            }
            else if (hdr.Type == UImage.TypeKernel)
            {
                loadAddr = hdr.LoadAddress;
            }
            else
            {
                error = $"Wrong image type {hdr.Type}, expected {UImage.TypeKernel}";
            }
            byte[]? payload = null;
            if (loadAddr is not null)
            {
                payload = hdr.Payload(kernel, out error);
            }
            if (payload is not null && loadAddr is uint addr)
            {
                if ((ulong)addr < loaderStart || (ulong)addr + (ulong)payload.Length > ramEnd)
                    throw new BootException($"could not load kernel '{request.Kernel}': uImage load address 0x{addr:x8} is outside RAM");
                entry = hdr.Type == UImage.TypeKernelNoload ? hdr.EntryPoint + addr : hdr.EntryPoint;
                isLinux = hdr.Os == UImage.OsLinux;
                image.Blobs.Add(new Blob(request.Kernel, addr, payload));
                kernelSize = payload.Length;
                image.ImageLow = addr;
                image.ImageHigh = addr + (uint)payload.Length;
            }
            else if (error is not null)
            {
                image.Warnings.Add(error);
            }
        }

        if (kernelSize < 0)
        {
            // Raw zImage / Image: a Linux kernel at RAM + 0x10000.
            entry = loaderStart + KernelLoadOffset;
            if ((ulong)kernel.Length > ramEnd - KernelLoadOffset - loaderStart)
                throw new BootException($"could not load kernel '{request.Kernel}'");
            image.Blobs.Add(new Blob(request.Kernel, entry, kernel));
            kernelSize = kernel.Length;
            isLinux = true;
            image.ImageLow = entry;
            image.ImageHigh = entry + (uint)kernel.Length;
        }

        if (kernelSize > ramSize)
            throw new BootException(
                $"kernel '{request.Kernel}' is too large to fit in RAM (kernel size {kernelSize}, RAM size {ramSize})");

        image.Entry = entry;
        image.IsLinux = isLinux;

        ulong initrdStart = loaderStart + Math.Min(ramSize / 2, 128u << 20);
        if (image.ImageHigh != 0) initrdStart = Math.Max(initrdStart, image.ImageHigh);
        initrdStart = (initrdStart + TargetPageSize - 1) & ~(ulong)(TargetPageSize - 1);

        uint initrdSize = 0;
        if (isLinux)
        {
            if (request.Initrd is not null)
            {
                if (initrdStart >= ramEnd) throw new BootException("not enough space after kernel to load initrd");
                byte[] initrd = ReadFile(request.Initrd, $"could not load initrd '{request.Initrd}'");
                byte[] data = initrd;
                if (UImage.HasMagic(initrd))
                {
                    var hdr = UImage.ParseHeader(initrd);
                    if (hdr.Type == UImage.TypeRamdisk && hdr.Payload(initrd, out _) is { } rd) data = rd;
                }
                if ((ulong)data.Length > ramEnd - initrdStart)
                    throw new BootException($"could not load initrd '{request.Initrd}'");
                image.Blobs.Add(new Blob(request.Initrd, (uint)initrdStart, data));
                initrdSize = (uint)data.Length;
            }
            image.InitrdStart = (uint)initrdStart;
            image.InitrdSize = initrdSize;

            uint argPtr;
            if (haveDtb)
            {
                ulong start = (initrdStart + initrdSize + 0xFFF) & ~0xFFFul;
                if (start >= ramEnd) throw new BootException("Not enough space for DTB after kernel/initrd");
                dtbStart = (uint)start;
                argPtr = (uint)start;
            }
            else
            {
                argPtr = loaderStart + KernelArgsOffset;
            }

            var stub = new uint[] { BootStubCode[0], BootStubCode[1], BootStubCode[2], BootStubCode[3], boardId, argPtr, entry };
            image.Blobs.Insert(0, new Blob("bootloader", loaderStart, Words(stub)));
            if (secondaryBoot is not null)
            {
                // QEMU also writes 0 to the boot register at each reset; on RealView that is a
                // write to SYS_FLAGSSET, which changes nothing, so it is left out.
                image.Blobs.Add(new Blob("smpboot", secondaryBoot.LoaderStart,
                    Words([.. SecondaryBootCode, secondaryBoot.GicCpuInterface, secondaryBoot.BootRegister])));
                image.SecondaryStart = secondaryBoot.LoaderStart;
            }
            if (!haveDtb)
            {
                image.AtagsStart = loaderStart + KernelArgsOffset;
                image.Blobs.Add(new Blob("atags", loaderStart + KernelArgsOffset,
                    BuildAtags(loaderStart, ramSize, (uint)initrdStart, initrdSize, request.Append)));
            }
        }
        else
        {
            image.InitrdStart = (uint)initrdStart;
        }

        if (haveDtb && dtbStart is uint dtbAddr)
        {
            var dtb = BuildDtb(request.Dtb!, loaderStart, ramSize, request.Append, image.InitrdStart, initrdSize);
            if (dtbLimit > dtbAddr && (ulong)dtb.Length > dtbLimit - dtbAddr)
            {
                // Does not fit below the image: QEMU silently loads no DTB.
            }
            else
            {
                if ((ulong)dtbAddr + (ulong)dtb.Length > ramEnd || dtbAddr < loaderStart)
                    throw new BootException("Not enough space for DTB after kernel/initrd");
                image.Blobs.Add(new Blob("dtb", dtbAddr, dtb));
                image.DtbStart = dtbAddr;
            }
        }
        CheckOverlaps(image);
        return image;
    }

    /// <summary>QEMU refuses to start when two ROM blobs overlap (rom_check_and_register_reset);
    /// the ATAGs are written at reset, not a ROM, and are not checked.</summary>
    static void CheckOverlaps(BootImage image)
    {
        var roms = image.Blobs.Where(b => b.Name != "atags" && b.Data.Length > 0).OrderBy(b => b.Address).ToList();
        ulong free = 0;
        string? last = null;
        foreach (var rom in roms)
        {
            if (last is not null && rom.Address < free)
                throw new BootException(
                    $"rom: requested regions overlap (rom {rom.Name}. free=0x{free:x16}, addr=0x{rom.Address:x16})");
            free = (ulong)rom.Address + (ulong)rom.Data.Length;
            last = rom.Name;
        }
    }

    static byte[] ReadFile(string path, string error)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BootException(error);
        }
    }

    static byte[] Words(IEnumerable<uint> words)
    {
        var list = words.ToArray();
        var bytes = new byte[list.Length * 4];
        for (int i = 0; i < list.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), list[i]);
        return bytes;
    }

    /// <summary>QEMU's set_kernel_args: CORE, MEM, INITRD2 (with an initrd), CMDLINE (non-empty), NONE.</summary>
    public static byte[] BuildAtags(uint loaderStart, uint ramSize, uint initrdStart, uint initrdSize, string? cmdline)
    {
        var w = new List<uint>
        {
            5, AtagCore, 1, 0x1000, 0,
            4, AtagMem, ramSize, loaderStart,
        };
        if (initrdSize != 0) w.AddRange([4, AtagInitrd2, initrdStart, initrdSize]);
        byte[] cmd = [];
        if (!string.IsNullOrEmpty(cmdline))
        {
            cmd = Encoding.UTF8.GetBytes(cmdline);
            int words = (cmd.Length >> 2) + 1;
            w.AddRange([(uint)(words + 2), AtagCmdline]);
            var padded = new byte[words * 4];
            cmd.CopyTo(padded, 0);
            for (int i = 0; i < words; i++) w.Add(BinaryPrimitives.ReadUInt32LittleEndian(padded.AsSpan(i * 4)));
        }
        w.AddRange([0, AtagNone]);
        return Words(w);
    }

    /// <summary>QEMU's arm_load_dtb: /memory nodes replaced by /memory@base, /chosen bootargs and
    /// linux,initrd-start/end set; the whole (size + 10000) × 2 buffer is what goes into RAM.</summary>
    public static byte[] BuildDtb(string path, uint loaderStart, uint ramSize, string? cmdline, uint initrdStart, uint initrdSize)
    {
        byte[] file = ReadFile(path, $"Couldn't open dtb file {path}");
        var fdt = Fdt.LoadForEditing(file, path);
        uint acells = fdt.GetCell("/", "#address-cells") ?? throw new BootException($"Couldn't get property '#address-cells' at '/': FDT_ERR_NOTFOUND");
        uint scells = fdt.GetCell("/", "#size-cells") ?? throw new BootException($"Couldn't get property '#size-cells' at '/': FDT_ERR_NOTFOUND");
        if (acells == 0 || scells == 0) throw new BootException("dtb file invalid (#address-cells or #size-cells 0)");

        var memoryNodes = fdt.AllNodes()
            .Where(n => n.Name == "memory" || n.Name.StartsWith("memory@", StringComparison.Ordinal))
            .Where(n => n.Path.StartsWith("/memory", StringComparison.Ordinal))
            .Select(n => n.Offset)
            .ToList();
        foreach (var node in memoryNodes) fdt.NopNode(node);

        string memNode = $"/memory@{loaderStart:x}";
        fdt.AddSubnode(memNode);
        fdt.SetString(memNode, "device_type", "memory");
        fdt.SetSizedCells(memNode, "reg", (acells, loaderStart), (scells, ramSize));

        if (fdt.PathOffset("/chosen") < 0) fdt.AddSubnode("/chosen");
        if (!string.IsNullOrEmpty(cmdline)) fdt.SetString("/chosen", "bootargs", cmdline);
        if (initrdSize != 0)
        {
            fdt.SetSizedCells("/chosen", "linux,initrd-start", (acells, initrdStart));
            fdt.SetSizedCells("/chosen", "linux,initrd-end", (acells, (ulong)initrdStart + initrdSize));
        }
        return fdt.Buffer;
    }
}

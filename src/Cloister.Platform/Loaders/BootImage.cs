namespace Cloister.Platform.Loaders;

/// <summary>Bytes to place in RAM at every reset (QEMU's ROM blobs).</summary>
public sealed record Blob(string Name, uint Address, byte[] Data);

/// <summary>What the loader produced: the blobs, where the CPU starts, and the boot layout.</summary>
public sealed class BootImage
{
    public List<Blob> Blobs { get; } = [];
    /// <summary>The kernel's entry point (bit 0 = Thumb, for non-Linux images).</summary>
    public uint Entry { get; set; }
    /// <summary>True: the CPU starts at <see cref="LoaderStart"/> in the boot stub (Linux boot protocol).</summary>
    public bool IsLinux { get; set; }
    public uint LoaderStart { get; set; }
    /// <summary>Where the secondary CPUs start on a Linux boot (the board's secondary boot loop).</summary>
    public uint SecondaryStart { get; set; }
    public uint ImageLow { get; set; }
    public uint ImageHigh { get; set; }
    public uint InitrdStart { get; set; }
    public uint InitrdSize { get; set; }
    /// <summary>Address of the DTB, or null when none was loaded.</summary>
    public uint? DtbStart { get; set; }
    /// <summary>Address of the ATAG list, or null (DTB boot or non-Linux image).</summary>
    public uint? AtagsStart { get; set; }
    /// <summary>Non-fatal notes (QEMU prints these on stderr).</summary>
    public List<string> Warnings { get; } = [];

    public Blob? Find(string name) => Blobs.Find(b => b.Name == name);
}

/// <summary>How a board's secondary CPUs wait for Linux (QEMU's arm_boot_info smp_* fields):
/// the loop's address, the register polled for the entry point, this CPU's GIC interface.</summary>
public sealed record SecondaryBoot(uint LoaderStart, uint BootRegister, uint GicCpuInterface);

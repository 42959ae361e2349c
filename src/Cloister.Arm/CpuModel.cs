namespace Cloister.Arm;

/// <summary>Architecture level of a core; features are cumulative.</summary>
public enum ArchVersion
{
    V5TEJ = 5,
    V6 = 6,
    V6K = 7,
}

/// <summary>
/// A CPU model: identification registers and feature switches, with QEMU's values
/// (target/arm cpu definitions) so software sees the same core under both.
/// </summary>
public sealed record CpuModel(
    string Name,
    ArchVersion Arch,
    uint Midr,
    uint CacheType,
    uint ResetSctlr,
    uint Fpsid,
    bool HasVfp,
    bool HasSecurityExtensions,
    bool IsMpCore)
{
    /// <summary>ARM926EJ-S: ARMv5TEJ. VFP is reported only once the VFP instructions work.</summary>
    public static readonly CpuModel Arm926 = new("arm926", ArchVersion.V5TEJ, 0x41069265, 0x1dd20d2, 0x00090078,
        Fpsid: 0x41011090, HasVfp: false, HasSecurityExtensions: false, IsMpCore: false);

    public static readonly IReadOnlyList<CpuModel> All = [Arm926];

    public static CpuModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool IsV6 => Arch >= ArchVersion.V6;
}

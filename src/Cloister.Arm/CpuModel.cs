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
    /// <summary>ARM926EJ-S: ARMv5TEJ with VFPv2 (VFP9-S), checked against QEMU by tests/Cloister.Vfp.Tests.</summary>
    public static readonly CpuModel Arm926 = new("arm926", ArchVersion.V5TEJ, 0x41069265, 0x1dd20d2, 0x00090078,
        Fpsid: 0x41011090, HasVfp: true, HasSecurityExtensions: false, IsMpCore: false);

    // ---- ARMv6 / ARMv6K (values from QEMU's target/arm cpu_tcg.c) ----

    /// <summary>ARM1136 r0p2 ("arm1136-r2" in QEMU): ARMv6 without the v6K additions.</summary>
    public static readonly CpuModel Arm1136R2 = new("arm1136-r2", ArchVersion.V6, 0x4107b362, 0x1dd20d2, 0x00050078,
        Fpsid: 0x410120b4, HasVfp: true, HasSecurityExtensions: false, IsMpCore: false)
    {
        IdPfr0 = 0x111, IdPfr1 = 0x1, IdDfr0 = 0x2, IdAfr0 = 0x3,
        IdMmfr0 = 0x01130003, IdMmfr1 = 0x10030302, IdMmfr2 = 0x01222110,
        IdIsar0 = 0x00140011, IdIsar1 = 0x12002111, IdIsar2 = 0x11231111, IdIsar3 = 0x01102131, IdIsar4 = 0x141,
        Auxcr = 7, CacheDirtyStatus = true, CacheBlockOps = true,
    };

    /// <summary>ARM1136 r1 ("arm1136"): ARMv6K.</summary>
    public static readonly CpuModel Arm1136 = Arm1136R2 with { Name = "arm1136", Arch = ArchVersion.V6K, Midr = 0x4117b363 };

    /// <summary>ARM1176JZF-S: ARMv6K with the Security Extensions (TrustZone) and VA→PA operations.</summary>
    public static readonly CpuModel Arm1176 = new("arm1176", ArchVersion.V6K, 0x410fb767, 0x1dd20d2, 0x00050078,
        Fpsid: 0x410120b5, HasVfp: true, HasSecurityExtensions: true, IsMpCore: false)
    {
        IdPfr0 = 0x111, IdPfr1 = 0x11, IdDfr0 = 0x33, IdAfr0 = 0,
        IdMmfr0 = 0x01130003, IdMmfr1 = 0x10030302, IdMmfr2 = 0x01222100,
        IdIsar0 = 0x0140011, IdIsar1 = 0x12002111, IdIsar2 = 0x11231121, IdIsar3 = 0x01102131, IdIsar4 = 0x01141,
        Auxcr = 7, HasVapa = true, CacheDirtyStatus = true, CacheBlockOps = true,
    };

    /// <summary>ARM11 MPCore: ARMv6K SMP with MPIDR and VA→PA operations. QEMU leaves its reset SCTLR at 0.</summary>
    public static readonly CpuModel Arm11MpCore = new("arm11mpcore", ArchVersion.V6K, 0x410fb022, 0x1d192992, 0,
        Fpsid: 0x410120b4, HasVfp: true, HasSecurityExtensions: false, IsMpCore: true)
    {
        IdPfr0 = 0x111, IdPfr1 = 0x1, IdDfr0 = 0, IdAfr0 = 0x2,
        IdMmfr0 = 0x01100103, IdMmfr1 = 0x10020302, IdMmfr2 = 0x01222000,
        IdIsar0 = 0x00100011, IdIsar1 = 0x12002111, IdIsar2 = 0x11221011, IdIsar3 = 0x01102131, IdIsar4 = 0x141,
        Auxcr = 1, HasVapa = true,
    };

    public static readonly IReadOnlyList<CpuModel> All = [Arm926, Arm1136R2, Arm1136, Arm1176, Arm11MpCore];

    public static CpuModel? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    public bool IsV6 => Arch >= ArchVersion.V6;
    /// <summary>
    /// The same core with the Security Extensions switched off, the way QEMU's versatilepb and realview boards
    /// build an arm1176 (has_el3=false): no Monitor mode, SMC, SCR/SDER/NSACR/VBAR/MVBAR, and ID_PFR1 and
    /// ID_DFR0 lose their Security fields.
    /// </summary>
    public CpuModel WithoutSecurityExtensions() => !HasSecurityExtensions ? this : this with
    {
        HasSecurityExtensions = false,
        IdPfr1 = IdPfr1 & ~0xF0u,
        IdDfr0 = IdDfr0 & ~0xF0u,
    };

    /// <summary>ARMv6K: byte/halfword/doubleword exclusives, CLREX, hints, TLS registers.</summary>
    public bool IsV6K => Arch >= ArchVersion.V6K;

    // ARMv6 identification registers (CP15 c0, c1..c2) and the auxiliary control register's reset value.
    public uint IdPfr0 { get; init; }
    public uint IdPfr1 { get; init; }
    public uint IdDfr0 { get; init; }
    public uint IdAfr0 { get; init; }
    public uint IdMmfr0 { get; init; }
    public uint IdMmfr1 { get; init; }
    public uint IdMmfr2 { get; init; }
    public uint IdMmfr3 { get; init; }
    public uint IdIsar0 { get; init; }
    public uint IdIsar1 { get; init; }
    public uint IdIsar2 { get; init; }
    public uint IdIsar3 { get; init; }
    public uint IdIsar4 { get; init; }
    public uint IdIsar5 { get; init; }
    public uint Auxcr { get; init; }
    /// <summary>VA→PA translation operations (c7,c8,x) and the PAR (c7,c4,0).</summary>
    public bool HasVapa { get; init; }
    /// <summary>QEMU's CACHE_DIRTY_REG: c7,c10,6 cache dirty status reads as 0.</summary>
    public bool CacheDirtyStatus { get; init; }
    /// <summary>QEMU's CACHE_BLOCK_OPS: block cache operations (MCRR) and c7,c12,4 block status.</summary>
    public bool CacheBlockOps { get; init; }

    // VFP media feature registers (FMRX MVFR0/MVFR1; readable on ARMv6K cores). QEMU gives the
    // ARMv6 cores VFPv2 with short vectors: MVFR0 0x11111111, MVFR1 0.
    public uint Mvfr0 { get; init; } = Arch >= ArchVersion.V6 ? 0x11111111u : 0;
    public uint Mvfr1 { get; init; }
}

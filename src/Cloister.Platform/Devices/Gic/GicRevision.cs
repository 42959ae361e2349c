namespace Cloister.Platform.Devices.Gic;

/// <summary>
/// The GIC flavours QEMU's arm_gic models for the ARM11 MPCore board (its "revision" property).
/// </summary>
public enum GicRevision
{
    /// <summary>The ARM11 MPCore's own distributor (QEMU REV_11MPCORE, revision 0).</summary>
    Arm11MpCore = 0,

    /// <summary>A GIC architecture v1 without security extensions: the RealView board GICs.</summary>
    V1 = 1,
}

namespace Cloister.Arm;

/// <summary>
/// ARMv6 processor-state instructions: CPS, SETEND, SRS, RFE and the v6K hints (YIELD, WFE, WFI, SEV).
/// Field use: CPS: Imm = CPSR mask, Extra bit 0 = set (disable) the A/I/F bits, Rs = new mode (0 = none);
/// SETEND: Extra = E; SRS: Rs = mode, Extra = addressing (0 DA, 1 IA, 2 DB, 3 IB) | 4 write-back;
/// RFE: Rn, Extra as SRS.
/// </summary>
internal static unsafe class SystemV6
{
    const uint CpsrA = 1u << 8, CpsrI = 1u << 7, CpsrF = 1u << 6;

    public static void Cps(ArmCpu c, Insn* d)
    {
        if (!c.IsPrivileged) return; // a NOP in User mode
        uint mask = d->Imm, value = (d->Extra & 1) != 0 ? mask & (CpsrA | CpsrI | CpsrF) : 0;
        if (d->Rs != 0)
        {
            mask |= 0x1F;
            value |= d->Rs;
        }
        if (mask != 0) c.WriteCpsr(value, mask);
    }

    public static void Setend(ArmCpu c, Insn* d) => c.SetEndianness(d->Extra != 0);

    static readonly int[] PreOffset = [-4, 0, -8, 4];
    static readonly int[] PostOffset = [-8, 4, -4, 0];

    public static void Srs(ArmCpu c, Insn* d)
    {
        var mode = (CpuMode)d->Rs;
        // QEMU UNDEFs the UNPREDICTABLE cases: User/System mode, an invalid mode, Monitor unless Secure PL1.
        bool ok = c.IsPrivileged && c.Mode != CpuMode.System && mode switch
        {
            CpuMode.User or CpuMode.Fiq or CpuMode.Irq or CpuMode.Supervisor or CpuMode.Abort
                or CpuMode.Undefined or CpuMode.System => true,
            CpuMode.Monitor => c.Model.HasSecurityExtensions && c.Cp15.IsSecure,
            _ => false,
        };
        if (!ok) { c.RaiseUndefined(); return; }
        int am = d->Extra & 3;
        uint addr = (uint)(c.GetBankedR13(mode) + PreOffset[am]);
        if ((addr & 3) != 0) { c.AlignmentFault(addr, write: true); return; }
        c.Write32(addr, c.R[14]);
        if (c.MemoryFault) return;
        c.Write32(addr + 4, c.Spsr);
        if (c.MemoryFault) return;
        if ((d->Extra & 4) != 0) c.SetBankedR13(mode, (uint)(addr + 4 + PostOffset[am]));
    }

    public static void Rfe(ArmCpu c, Insn* d)
    {
        if (!c.IsPrivileged) { c.RaiseUndefined(); return; }
        int am = d->Extra & 3;
        uint addr = (uint)(c.R[d->Rn] + PreOffset[am]);
        if ((addr & 3) != 0) { c.AlignmentFault(addr); return; }
        uint pc = c.Read32(addr);
        if (c.MemoryFault) return;
        uint cpsr = c.Read32(addr + 4);
        if (c.MemoryFault) return;
        if ((d->Extra & 4) != 0) c.R[d->Rn] = (uint)(addr + 4 + PostOffset[am]);
        c.ReturnFromException(pc, cpsr);
    }

    /// <summary>SMC: UNDEFINED in User mode and, with SCR.SCD set, in the Non-secure state; otherwise into Monitor mode.</summary>
    public static void Smc(ArmCpu c, Insn* d)
    {
        if (!c.IsPrivileged || ((c.Cp15.Scr & Cp15.ScrScd) != 0 && !c.Cp15.IsSecure)) { c.RaiseUndefined(); return; }
        c.TakeSecureMonitorCall();
    }

    /// <summary>A privileged-only no-op (the MCRR block cache operations): UNDEFINED in User mode.</summary>
    public static void PrivilegedNop(ArmCpu c, Insn* d)
    {
        if (!c.IsPrivileged) c.RaiseUndefined();
    }

    public static void Wfi(ArmCpu c, Insn* d) => c.EnterWaitForInterrupt();
    public static void Wfe(ArmCpu c, Insn* d) => c.WaitForEvent();
    public static void Sev(ArmCpu c, Insn* d) => c.SendEvent();
    public static void Yield(ArmCpu c, Insn* d) => c.BreakInnerLoop();
}

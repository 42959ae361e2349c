namespace Cloister.Arm;

/// <summary>ARMv6/ARMv6K encodings outside the media space: the unconditional space (CPS, SETEND, SRS,
/// RFE, CLREX), the synchronization primitives (LDREX/STREX families) and the hints in the MSR space.</summary>
internal static unsafe class ArmV6Decoder
{
    static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);
    static bool Bit(uint v, int n) => ((v >> n) & 1) != 0;

    /// <summary>cond = 1111 encodings not known to ARMv5.</summary>
    public static delegate*<ArmCpu, Insn*, void> DecodeUnconditional(ArmCpu cpu, Insn* d, uint raw)
    {
        var m = cpu.Model;
        if (!m.IsV6) return &Miscellaneous.Undefined;
        if ((raw & 0xFFF1FE20) == 0xF1000000)
        {
            // CPS: imod (19:18), M (17), A I F (8:6), mode (4:0).
            uint imod = Bits(raw, 19, 18);
            if (imod == 1) return &Miscellaneous.Undefined;
            d->Imm = (imod & 2) != 0 ? (raw & 0x1C0) : 0;
            d->Extra = (byte)(imod == 3 ? 1 : 0);
            d->Rs = (byte)(Bit(raw, 17) ? raw & 0x1F : 0);
            if (Bit(raw, 17) && d->Rs == 0) return &Miscellaneous.Undefined;
            return &SystemV6.Cps;
        }
        if ((raw & 0xFFFFFDFF) == 0xF1010000)
        {
            d->Extra = (byte)(Bit(raw, 9) ? 1 : 0);
            return &SystemV6.Setend;
        }
        if ((raw & 0xFE5FFFE0) == 0xF84D0500)
        {
            d->Rs = (byte)(raw & 0x1F);
            d->Extra = (byte)(Bits(raw, 24, 23) | (Bit(raw, 21) ? 4u : 0));
            return &SystemV6.Srs;
        }
        if ((raw & 0xFE50FFFF) == 0xF8100A00)
        {
            d->Extra = (byte)(Bits(raw, 24, 23) | (Bit(raw, 21) ? 4u : 0));
            return &SystemV6.Rfe;
        }
        if (raw == 0xF57FF01F && m.IsV6K) return &Exclusive.Clrex;
        return &Miscellaneous.Undefined;
    }

    /// <summary>cond 0001 1xxL .... .... 1001 ....: LDREX/STREX and (v6K) the B/H/D forms.</summary>
    public static delegate*<ArmCpu, Insn*, void> DecodeSynchronization(ArmCpu cpu, Insn* d, uint raw)
    {
        if (!cpu.Model.IsV6 || Bits(raw, 11, 8) != 0xF) return &Miscellaneous.Undefined;
        bool load = Bit(raw, 20);
        uint op = Bits(raw, 22, 21);
        if (op != 0 && !cpu.Model.IsV6K) return &Miscellaneous.Undefined;
        if (load)
        {
            if ((raw & 0xF) != 0xF) return &Miscellaneous.Undefined;
            if (op == 1 && (d->Rd & 1) != 0) return &Miscellaneous.Undefined;
            return op switch
            {
                0 => &Exclusive.Ldrex<ExWord>,
                1 => &Exclusive.Ldrex<ExDouble>,
                2 => &Exclusive.Ldrex<ExByte>,
                _ => &Exclusive.Ldrex<ExHalf>,
            };
        }
        if (op == 1 && (d->Rm & 1) != 0) return &Miscellaneous.Undefined;
        return op switch
        {
            0 => &Exclusive.Strex<ExWord>,
            1 => &Exclusive.Strex<ExDouble>,
            2 => &Exclusive.Strex<ExByte>,
            _ => &Exclusive.Strex<ExHalf>,
        };
    }

    /// <summary>SMC #imm4 (cond 0001 0110 .... .... .... 0111 imm4): ARMv6K cores with the Security Extensions.</summary>
    public static delegate*<ArmCpu, Insn*, void> DecodeSmc(ArmCpu cpu, Insn* d, uint raw) =>
        cpu.Model.IsV6K && cpu.Model.HasSecurityExtensions ? &SystemV6.Smc : &Miscellaneous.Undefined;

    /// <summary>MCRR p15, opc1, Rt, Rt2, CRm: the block cache operations of QEMU's CACHE_BLOCK_OPS cores
    /// (ARM1136, ARM1176), all no-ops on coherent emulated caches. Anything else is UNDEFINED.</summary>
    public static delegate*<ArmCpu, Insn*, void> DecodeCp15Mcrr(ArmCpu cpu, Insn* d, uint raw)
    {
        if (!cpu.Model.CacheBlockOps) return &Miscellaneous.Undefined;
        uint opc1 = Bits(raw, 7, 4), crm = raw & 0xF;
        return (crm, opc1) switch
        {
            (5, 0) or (6, 0) or (14, 0) => &SystemV6.PrivilegedNop,   // IICR, IDCR, CIDCR
            (12, 0) or (12, 1) or (12, 2) => &Miscellaneous.Nop,       // CDCR, PIR, PDR: also from User mode
            _ => &Miscellaneous.Undefined,
        };
    }

    /// <summary>MSR CPSR with an empty mask (cond 0011 0010 0000 1111 ...): the hints.</summary>
    public static delegate*<ArmCpu, Insn*, void> DecodeHint(ArmCpu cpu, Insn* d, uint raw) => (raw & 0xFF) switch
    {
        1 => &SystemV6.Yield,
        2 => &SystemV6.Wfe,
        3 => &SystemV6.Wfi,
        4 => &SystemV6.Sev,
        _ => &Miscellaneous.Nop,
    };
}

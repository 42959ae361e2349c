using static Cloister.Arm.Disassembly.Operands;

namespace Cloister.Arm.Disassembly;

/// <summary>
/// VFPv2 on cp10 (single) / cp11 (double) in UAL (vadd.f32, vmov, vldr, vpush...). Returns null
/// when the encoding is not VFPv2, so the caller falls back to generic coprocessor text.
/// </summary>
internal static class VfpDisassembler
{
    static readonly string[] Arithmetic = ["vmla", "vmls", "vnmls", "vnmla", "vmul", "vnmul", "vadd", "vsub", "vdiv"];

    /// <summary>Single registers put the extra bit at the bottom (s = x:b), doubles at the top (d = b:x).</summary>
    static string S(uint raw, int hi, int extra) => "s" + ((Bits(raw, hi, hi - 3) << 1) | Bits(raw, extra, extra));
    static string D(uint raw, int hi, int extra) => "d" + ((Bits(raw, extra, extra) << 4) | Bits(raw, hi, hi - 3));
    static string Reg(bool dbl, uint raw, int hi, int extra) => dbl ? D(raw, hi, extra) : S(raw, hi, extra);

    public static string? Disassemble(uint raw, uint pc)
    {
        bool dbl = Bit(raw, 8);
        string cond = Cond(raw);
        switch (Bits(raw, 27, 24))
        {
            case 0b1110: return Bit(raw, 4) ? Transfer(raw, dbl, cond) : DataProcessing(raw, dbl, cond);
            case 0b1100 or 0b1101:
                if ((raw & 0x0FE00000) == 0x0C400000)
                    return (raw & 0xD0) == 0x10 ? TwoRegisterTransfer(raw, dbl, cond) : null;
                return LoadStore(raw, dbl, cond);
        }
        return null;
    }

    static string? DataProcessing(uint raw, bool dbl, string cond)
    {
        uint op = (Bits(raw, 23, 23) << 3) | (Bits(raw, 21, 20) << 1) | Bits(raw, 6, 6);
        string type = dbl ? ".f64" : ".f32";
        string vd = Reg(dbl, raw, 15, 22), vn = Reg(dbl, raw, 19, 7), vm = Reg(dbl, raw, 3, 5);
        if (op < 9) return Op(Arithmetic[op] + cond + type, $"{vd}, {vn}, {vm}");
        if (op != 15) return null;
        bool n = Bit(raw, 7);
        switch (Bits(raw, 19, 16))
        {
            case 0: return Op((n ? "vabs" : "vmov") + cond + type, $"{vd}, {vm}");
            case 1: return Op((n ? "vsqrt" : "vneg") + cond + type, $"{vd}, {vm}");
            case 4: return Op((n ? "vcmpe" : "vcmp") + cond + type, $"{vd}, {vm}");
            case 5: return Op((n ? "vcmpe" : "vcmp") + cond + type, $"{vd}, #0.0");
            case 7 when n:
                // Precision change: the destination has the other width.
                return dbl ? Op("vcvt" + cond + ".f32.f64", $"{S(raw, 15, 22)}, {vm}")
                           : Op("vcvt" + cond + ".f64.f32", $"{D(raw, 15, 22)}, {vm}");
            case 8:
                return Op("vcvt" + cond + type + (n ? ".s32" : ".u32"), $"{vd}, {S(raw, 3, 5)}");
            case 12 or 13:
                string to = Bit(raw, 16) ? ".s32" : ".u32";
                return Op("vcvt" + (n ? "" : "r") + cond + to + type, $"{S(raw, 15, 22)}, {vm}");
        }
        return null;
    }

    static string? Transfer(uint raw, bool dbl, string cond)
    {
        bool toArm = Bit(raw, 20);
        uint opc1 = Bits(raw, 23, 21);
        string rt = R(raw, 12);
        if (!dbl && opc1 == 0)
            return toArm ? Op("vmov" + cond, $"{rt}, {S(raw, 19, 7)}") : Op("vmov" + cond, $"{S(raw, 19, 7)}, {rt}");
        if (!dbl && opc1 == 7)
        {
            string? sys = Bits(raw, 19, 16) switch
            {
                0 => "fpsid", 1 => "fpscr", 6 => "mvfr1", 7 => "mvfr0", 8 => "fpexc", 9 => "fpinst", 10 => "fpinst2", _ => null,
            };
            if (sys == null) return null;
            if (!toArm) return Op("vmsr" + cond, $"{sys}, {rt}");
            if (Bits(raw, 15, 12) == 15 && sys == "fpscr") rt = "APSR_nzcv";
            return Op("vmrs" + cond, $"{rt}, {sys}");
        }
        if (dbl && opc1 <= 1)
        {
            string lane = $"{D(raw, 19, 7)}[{opc1}]";
            return toArm ? Op("vmov" + cond + ".32", $"{rt}, {lane}") : Op("vmov" + cond + ".32", $"{lane}, {rt}");
        }
        return null;
    }

    /// <summary>VMOV between two ARM registers and a double or a pair of consecutive singles.</summary>
    static string TwoRegisterTransfer(uint raw, bool dbl, string cond)
    {
        string rt = R(raw, 12), rt2 = R(raw, 16);
        string vfp;
        if (dbl) vfp = D(raw, 3, 5);
        else
        {
            uint m = ((raw & 15) << 1) | Bits(raw, 5, 5);
            vfp = $"s{m}, s{(m + 1) & 31}";
        }
        return Bit(raw, 20) ? Op("vmov" + cond, $"{rt}, {rt2}, {vfp}") : Op("vmov" + cond, $"{vfp}, {rt}, {rt2}");
    }

    static string? LoadStore(uint raw, bool dbl, string cond)
    {
        bool pre = Bit(raw, 24), up = Bit(raw, 23), writeback = Bit(raw, 21), load = Bit(raw, 20);
        string rn = R(raw, 16);
        uint imm8 = raw & 0xFF;
        if (pre && !writeback)
        {
            uint offset = imm8 * 4;
            string address = offset == 0 && up ? $"[{rn}]" : $"[{rn}, #{(up ? "" : "-")}{offset}]";
            return Op((load ? "vldr" : "vstr") + cond, $"{Reg(dbl, raw, 15, 22)}, {address}");
        }
        if (pre == up || (!pre && !writeback && !up)) return null;
        // Multiple: IA (optionally with writeback) or DB with writeback; VPUSH/VPOP on sp!.
        uint first = dbl ? (Bits(raw, 22, 22) << 4) | Bits(raw, 15, 12) : (Bits(raw, 15, 12) << 1) | Bits(raw, 22, 22);
        uint count = dbl ? imm8 / 2 : imm8;
        if (count == 0) return null;
        string prefix = dbl ? "d" : "s";
        string list = count == 1 ? $"{{{prefix}{first}}}" : $"{{{prefix}{first}-{prefix}{first + count - 1}}}";
        bool legacyX = dbl && (imm8 & 1) != 0; // FLDMX/FSTMX: the odd word count of the old format
        if (legacyX)
            return Op((load ? "fldm" : "fstm") + (up ? "ia" : "db") + "x" + cond, $"{rn}{(writeback ? "!" : "")}, {list}");
        if (writeback && Bits(raw, 19, 16) == 13 && (load ? up : !up))
            return Op((load ? "vpop" : "vpush") + cond, list);
        return Op((load ? "vldm" : "vstm") + (up ? "ia" : "db") + cond, $"{rn}{(writeback ? "!" : "")}, {list}");
    }
}

namespace Cloister.Arm;

/// <summary>Decodes one 16-bit Thumb-1 instruction (ARMv5T) into an <see cref="Insn"/>.</summary>
internal static unsafe class ThumbDecoder
{
    static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);
    static bool Bit(uint v, int n) => ((v >> n) & 1) != 0;

    public static void Decode(ArmCpu cpu, Insn* d, uint raw, uint pc)
    {
        *d = default;
        d->Raw = raw;
        d->Cond = 14;
        d->Exec = DecodeInstruction(cpu, d, raw);
        if ((cpu.LogMask & LogFlags.InAsm) != 0)
            cpu.Log?.Invoke($"0x{pc:x8}:  {raw:x4}      {Disassembler.Thumb(raw, pc)}");
    }

    static delegate*<ArmCpu, Insn*, void> DecodeInstruction(ArmCpu cpu, Insn* d, uint raw)
    {
        byte lowRd = (byte)(raw & 7), lowRn = (byte)Bits(raw, 5, 3);
        switch (raw >> 13)
        {
            case 0b000:
                if (Bits(raw, 12, 11) != 0b11)
                {
                    // LSL/LSR/ASR Rd, Rm, #imm5
                    int type = (int)Bits(raw, 12, 11);
                    int amount = (int)Bits(raw, 10, 6);
                    if (amount == 0 && type != ShiftKind.Lsl) amount = 32;
                    d->Rd = lowRd; d->Rm = lowRn;
                    d->ShiftType = (byte)type; d->ShiftAmount = (byte)amount;
                    return &Thumb.ShiftImmediate;
                }
                // ADD/SUB Rd, Rn, Rm|#imm3
                d->Rd = lowRd; d->Rn = lowRn;
                d->Rm = (byte)Bits(raw, 8, 6);
                d->Imm = Bits(raw, 8, 6);
                return Bits(raw, 10, 9) switch
                {
                    0 => &Thumb.AddRegister,
                    1 => &Thumb.SubRegister,
                    2 => &Thumb.AddImmediate,
                    _ => &Thumb.SubImmediate,
                };
            case 0b001:
                // MOV/CMP/ADD/SUB Rd, #imm8
                d->Rd = d->Rn = (byte)Bits(raw, 10, 8);
                d->Imm = raw & 0xFF;
                return Bits(raw, 12, 11) switch
                {
                    0 => &Thumb.MovImmediate,
                    1 => &Thumb.CmpImmediate,
                    2 => &Thumb.AddImmediate,
                    _ => &Thumb.SubImmediate,
                };
            case 0b010:
                if (Bits(raw, 12, 10) == 0b000) return DecodeAlu(d, raw);
                if (Bits(raw, 12, 10) == 0b001) return DecodeHighRegister(d, raw);
                if (Bits(raw, 12, 11) == 0b01)
                {
                    d->Rd = (byte)Bits(raw, 10, 8);
                    d->Imm = (raw & 0xFF) * 4;
                    return &Thumb.LoadLiteral;
                }
                // Load/store with register offset.
                d->Rd = lowRd; d->Rn = lowRn; d->Rm = (byte)Bits(raw, 8, 6);
                d->Extra = 1; // add the offset
                return Bits(raw, 11, 9) switch
                {
                    0 => LoadStore.StrTable[3],
                    1 => LoadStore.StrhTable[3],
                    2 => LoadStore.StrbTable[3],
                    3 => LoadStore.LdrsbTable[3],
                    4 => LoadStore.LdrTable[3],
                    5 => LoadStore.LdrhTable[3],
                    6 => LoadStore.LdrbTable[3],
                    _ => LoadStore.LdrshTable[3],
                };
            case 0b011:
            {
                // LDR/STR(B) Rd, [Rn, #imm5]
                bool isByte = Bit(raw, 12), load = Bit(raw, 11);
                d->Rd = lowRd; d->Rn = lowRn;
                d->Imm = Bits(raw, 10, 6) * (isByte ? 1u : 4u);
                return load ? (isByte ? LoadStore.LdrbTable[0] : LoadStore.LdrTable[0])
                            : (isByte ? LoadStore.StrbTable[0] : LoadStore.StrTable[0]);
            }
            case 0b100:
                if (!Bit(raw, 12))
                {
                    // LDRH/STRH Rd, [Rn, #imm5*2]
                    d->Rd = lowRd; d->Rn = lowRn;
                    d->Imm = Bits(raw, 10, 6) * 2;
                    return Bit(raw, 11) ? LoadStore.LdrhTable[0] : LoadStore.StrhTable[0];
                }
                // LDR/STR Rd, [SP, #imm8*4]
                d->Rd = (byte)Bits(raw, 10, 8); d->Rn = 13;
                d->Imm = (raw & 0xFF) * 4;
                return Bit(raw, 11) ? LoadStore.LdrTable[0] : LoadStore.StrTable[0];
            case 0b101:
                if (!Bit(raw, 12))
                {
                    // ADD Rd, PC|SP, #imm8*4
                    d->Rd = (byte)Bits(raw, 10, 8);
                    d->Imm = (raw & 0xFF) * 4;
                    return Bit(raw, 11) ? &Thumb.AddSpRelative : &Thumb.AddPcRelative;
                }
                return DecodeMiscellaneous(cpu, d, raw);
            case 0b110:
                if (!Bit(raw, 12))
                {
                    // LDMIA/STMIA Rn!, {list}
                    d->Rn = (byte)Bits(raw, 10, 8);
                    d->Imm = raw & 0xFF;
                    if (d->Imm == 0) return &Miscellaneous.Undefined;
                    bool load = Bit(raw, 11);
                    bool writeback = !load || (d->Imm & (1u << d->Rn)) == 0;
                    d->Extra = (byte)(LoadStoreMultiple.Up | (writeback ? LoadStoreMultiple.Writeback : 0));
                    return load ? &LoadStoreMultiple.Ldm : &LoadStoreMultiple.Stm;
                }
                {
                    uint cond = Bits(raw, 11, 8);
                    if (cond == 0xF) return &Miscellaneous.SupervisorCall;
                    if (cond == 0xE) return &Miscellaneous.Undefined;
                    d->Cond = (byte)cond;
                    d->Imm = (uint)((int)(raw << 24) >> 23);
                    return &Thumb.BranchConditional;
                }
            default:
                switch (Bits(raw, 12, 11))
                {
                    case 0b00:
                        d->Imm = (uint)((int)(raw << 21) >> 20);
                        return &Thumb.BranchConditional;
                    case 0b01:
                        if (Bit(raw, 0)) return &Miscellaneous.Undefined;
                        d->Imm = (raw & 0x7FF) << 1;
                        return &Thumb.BranchLinkExchangeSuffix;
                    case 0b10:
                        d->Imm = (uint)((int)(raw << 21) >> 9);
                        return &Thumb.BranchLinkPrefix;
                    default:
                        d->Imm = (raw & 0x7FF) << 1;
                        return &Thumb.BranchLinkSuffix;
                }
        }
    }

    static delegate*<ArmCpu, Insn*, void> DecodeAlu(Insn* d, uint raw)
    {
        d->Rd = (byte)(raw & 7);
        d->Rm = (byte)Bits(raw, 5, 3);
        switch (Bits(raw, 9, 6))
        {
            case 0: return &Thumb.And;
            case 1: return &Thumb.Eor;
            case 2: d->ShiftType = ShiftKind.Lsl; return &Thumb.ShiftRegister;
            case 3: d->ShiftType = ShiftKind.Lsr; return &Thumb.ShiftRegister;
            case 4: d->ShiftType = ShiftKind.Asr; return &Thumb.ShiftRegister;
            case 5: return &Thumb.Adc;
            case 6: return &Thumb.Sbc;
            case 7: d->ShiftType = ShiftKind.Ror; return &Thumb.ShiftRegister;
            case 8: return &Thumb.Tst;
            case 9: return &Thumb.Neg;
            case 10: return &Thumb.Cmp;
            case 11: return &Thumb.Cmn;
            case 12: return &Thumb.Orr;
            case 13: return &Thumb.Mul;
            case 14: return &Thumb.Bic;
            default: return &Thumb.Mvn;
        }
    }

    static delegate*<ArmCpu, Insn*, void> DecodeHighRegister(Insn* d, uint raw)
    {
        d->Rd = (byte)((raw & 7) | (Bits(raw, 7, 7) << 3));
        d->Rm = (byte)Bits(raw, 6, 3);
        return Bits(raw, 9, 8) switch
        {
            0 => &Thumb.AddHigh,
            1 => &Thumb.CmpHigh,
            2 => &Thumb.MovHigh,
            _ => Bit(raw, 7) ? &Thumb.BlxRegister : &Branch.Bx,
        };
    }

    static delegate*<ArmCpu, Insn*, void> DecodeMiscellaneous(ArmCpu cpu, Insn* d, uint raw)
    {
        switch (Bits(raw, 11, 8))
        {
            case 0b0000:
                d->Imm = (raw & 0x7F) * 4;
                if (Bit(raw, 7)) d->Imm = 0 - d->Imm;
                return &Thumb.AdjustSp;
            case 0b0100:
            case 0b0101:
                // PUSH {list, LR}: STMDB SP!
                d->Rn = 13;
                d->Imm = (raw & 0xFF) | (Bit(raw, 8) ? 1u << 14 : 0);
                if (d->Imm == 0) return &Miscellaneous.Undefined;
                d->Extra = LoadStoreMultiple.PreIndex | LoadStoreMultiple.Writeback;
                return &LoadStoreMultiple.Stm;
            case 0b1100:
            case 0b1101:
                // POP {list, PC}: LDMIA SP!
                d->Rn = 13;
                d->Imm = (raw & 0xFF) | (Bit(raw, 8) ? 1u << 15 : 0);
                if (d->Imm == 0) return &Miscellaneous.Undefined;
                d->Extra = LoadStoreMultiple.Up | LoadStoreMultiple.Writeback;
                return &LoadStoreMultiple.Ldm;
            case 0b1110:
                return &Miscellaneous.Breakpoint;
            default:
                return ThumbV6Decoder.DecodeMiscellaneous(cpu, d, raw); // [ARMv6 hook] SXT/UXT, CPS, SETEND, REV
        }
    }
}

namespace Cloister.Arm;

/// <summary>
/// Decodes one 32-bit ARM instruction into an <see cref="Insn"/>: picks the handler and
/// extracts operands, so that execution never looks at the encoding again.
/// </summary>
internal static unsafe class ArmDecoder
{
    static uint Bits(uint v, int hi, int lo) => (v >> lo) & ((1u << (hi - lo + 1)) - 1);
    static bool Bit(uint v, int n) => ((v >> n) & 1) != 0;

    public static void Decode(ArmCpu cpu, Insn* d, uint raw, uint pc)
    {
        *d = default;
        d->Raw = raw;
        d->Cond = (byte)(raw >> 28);
        d->Rd = (byte)Bits(raw, 15, 12);
        d->Rn = (byte)Bits(raw, 19, 16);
        d->Rm = (byte)(raw & 15);
        d->Rs = (byte)Bits(raw, 11, 8);
        d->Exec = d->Cond == 15 ? DecodeUnconditional(cpu, d, raw) : DecodeConditional(cpu, d, raw);
        if (d->Cond == 15) d->Cond = 14;
        if ((cpu.LogMask & LogFlags.InAsm) != 0)
            cpu.Log?.Invoke($"0x{pc:x8}:  {raw:x8}  {Disassembler.Arm(raw, pc)}");
    }

    static delegate*<ArmCpu, Insn*, void> DecodeUnconditional(ArmCpu cpu, Insn* d, uint raw)
    {
        // BLX <label>: 1111 101H imm24
        if (Bits(raw, 27, 25) == 0b101)
        {
            d->Imm = (uint)((int)(raw << 8) >> 6) | (Bits(raw, 24, 24) << 1);
            return &Branch.BlxImmediate;
        }
        // PLD: 1111 01x1 x101 .... 1111
        if ((raw & 0x0D70F000) == 0x0550F000) return &Miscellaneous.Nop;
        return ArmV6Decoder.DecodeUnconditional(cpu, d, raw); // [ARMv6 hook] CPS, SETEND, SRS, RFE, CLREX
    }

    static delegate*<ArmCpu, Insn*, void> DecodeConditional(ArmCpu cpu, Insn* d, uint raw)
    {
        switch (Bits(raw, 27, 25))
        {
            case 0b000:
                if (Bit(raw, 4) && Bit(raw, 7)) return DecodeMultiplyOrExtraLoadStore(cpu, d, raw);
                if (Bits(raw, 24, 23) == 0b10 && !Bit(raw, 20)) return DecodeMiscellaneous(cpu, d, raw);
                return DecodeDataProcessing(d, raw);
            case 0b001:
                if (Bits(raw, 24, 23) == 0b10 && !Bit(raw, 20))
                {
                    if (!Bit(raw, 21)) return &Miscellaneous.Undefined;
                    if (cpu.Model.IsV6 && (raw & 0x0FFFF000) == 0x0320F000)
                        return ArmV6Decoder.DecodeHint(cpu, d, raw); // [ARMv6 hook] YIELD, WFE, WFI, SEV, NOP
                    d->Imm = RotatedImmediate(raw);
                    d->Extra = (byte)((Bit(raw, 22) ? 1u : 0u) | (Bits(raw, 19, 16) << 4));
                    return &StatusRegister.MsrImmediate;
                }
                return DecodeDataProcessing(d, raw);
            case 0b010:
                return DecodeLoadStoreWord(d, raw, register: false);
            case 0b011:
                if (Bit(raw, 4)) return MediaDecoder.Decode(cpu, d, raw); // [ARMv6 hook] media space (UNDEFINED before v6)
                return DecodeLoadStoreWord(d, raw, register: true);
            case 0b100:
                return DecodeLoadStoreMultiple(d, raw);
            case 0b101:
                d->Imm = (uint)((int)(raw << 8) >> 6);
                return Bit(raw, 24) ? &Branch.Bl : &Branch.B;
            case 0b110:
                // LDC/STC/MCRR/MRRC: only VFP (cp10/cp11) takes them.
                if (cpu.Model.HasVfp && Vfp.VfpDecoder.IsVfpCoprocessor(raw)) return Vfp.VfpDecoder.Decode(cpu, d, raw); // VFP hook
                if ((raw & 0x0FF00F00) == 0x0C400F00) return ArmV6Decoder.DecodeCp15Mcrr(cpu, d, raw); // [ARMv6 hook] MCRR p15 block cache ops
                return &Miscellaneous.Undefined;
            default:
                if (Bit(raw, 24)) return &Miscellaneous.SupervisorCall;
                if (cpu.Model.HasVfp && Vfp.VfpDecoder.IsVfpCoprocessor(raw)) return Vfp.VfpDecoder.Decode(cpu, d, raw); // VFP hook: CDP/MCR/MRC on cp10/cp11
                if (!Bit(raw, 4)) return &Miscellaneous.Undefined; // CDP
                d->Rs = (byte)Bits(raw, 11, 8);              // coprocessor
                d->Rn = (byte)Bits(raw, 19, 16);             // CRn
                d->Rm = (byte)Bits(raw, 3, 0);               // CRm
                d->ShiftType = (byte)Bits(raw, 23, 21);      // opc1
                d->ShiftAmount = (byte)Bits(raw, 7, 5);      // opc2
                return Bit(raw, 20) ? &Coprocessor.Mrc : &Coprocessor.Mcr;
        }
    }

    static uint RotatedImmediate(uint raw)
    {
        int rot = (int)Bits(raw, 11, 8) * 2;
        uint imm = raw & 0xFF;
        return rot == 0 ? imm : (imm >> rot) | (imm << (32 - rot));
    }

    static delegate*<ArmCpu, Insn*, void> DecodeDataProcessing(Insn* d, uint raw)
    {
        int opcode = (int)Bits(raw, 24, 21);
        int s = Bit(raw, 20) ? 1 : 0;
        int form;
        if (Bit(raw, 25))
        {
            form = 0;
            d->Imm = RotatedImmediate(raw);
            d->Extra = Bits(raw, 11, 8) == 0 ? (byte)2 : (byte)(d->Imm >> 31);
        }
        else if (Bit(raw, 4))
        {
            form = 3;
            d->ShiftType = (byte)Bits(raw, 6, 5);
        }
        else
        {
            int type = (int)Bits(raw, 6, 5);
            int amount = (int)Bits(raw, 11, 7);
            if (type == ShiftKind.Lsl && amount == 0)
            {
                form = 1;
            }
            else
            {
                form = 2;
                if (amount == 0)
                {
                    if (type == ShiftKind.Ror) type = ShiftKind.Rrx;
                    else amount = 32; // LSR #0 and ASR #0 encode shifts by 32
                }
                d->ShiftType = (byte)type;
                d->ShiftAmount = (byte)amount;
            }
        }
        return DataProcessing.Table[opcode * 8 + form * 2 + s];
    }

    static delegate*<ArmCpu, Insn*, void> DecodeMiscellaneous(ArmCpu cpu, Insn* d, uint raw)
    {
        uint op = Bits(raw, 22, 21);
        if (Bit(raw, 7))
        {
            // Signed 16-bit multiplies (bit 4 clear here).
            d->Rd = (byte)Bits(raw, 19, 16);
            d->Rn = (byte)Bits(raw, 15, 12);
            d->Extra = (byte)((Bit(raw, 5) ? 1 : 0) | (Bit(raw, 6) ? 2 : 0));
            return op switch
            {
                0 => &Dsp.Smlaxy,
                1 => Bit(raw, 5) ? &Dsp.Smulwy : &Dsp.Smlawy,
                2 => &Dsp.Smlalxy,
                _ => &Dsp.Smulxy,
            };
        }
        switch (Bits(raw, 6, 4))
        {
            case 0b000:
                if (Bit(raw, 21))
                {
                    d->Extra = (byte)((Bit(raw, 22) ? 1u : 0u) | (Bits(raw, 19, 16) << 4));
                    return &StatusRegister.MsrRegister;
                }
                d->Extra = (byte)(Bit(raw, 22) ? 1 : 0);
                return &StatusRegister.Mrs;
            case 0b001:
                if (op == 1) return &Branch.Bx;
                if (op == 3) return &Dsp.Clz;
                break;
            case 0b010:
                if (op == 1) return &Branch.Bx; // BXJ: trivial Jazelle, behaves as BX
                break;
            case 0b011:
                if (op == 1) return &Branch.BlxRegister;
                break;
            case 0b101:
                return op switch { 0 => &Dsp.Qadd, 1 => &Dsp.Qsub, 2 => &Dsp.Qdadd, _ => &Dsp.Qdsub };
            case 0b111:
                if (op == 1) return &Miscellaneous.Breakpoint;
                if (op == 3) return ArmV6Decoder.DecodeSmc(cpu, d, raw); // [ARMv6 hook] SMC (Security Extensions)
                break;
        }
        return &Miscellaneous.Undefined;
    }

    static delegate*<ArmCpu, Insn*, void> DecodeMultiplyOrExtraLoadStore(ArmCpu cpu, Insn* d, uint raw)
    {
        uint sh = Bits(raw, 6, 5);
        if (sh == 0)
        {
            if (!Bit(raw, 24))
            {
                // Multiplies: Rd = 19:16, Rn (accumulate / RdLo) = 15:12.
                d->Rd = (byte)Bits(raw, 19, 16);
                d->Rn = (byte)Bits(raw, 15, 12);
                d->Extra = (byte)(Bit(raw, 20) ? 1 : 0);
                return Bits(raw, 23, 21) switch
                {
                    0 => &Multiply.Mul,
                    1 => &Multiply.Mla,
                    2 when cpu.Model.IsV6 && !Bit(raw, 20) => &Multiply.Umaal,
                    4 => &Multiply.Umull,
                    5 => &Multiply.Umlal,
                    6 => &Multiply.Smull,
                    7 => &Multiply.Smlal,
                    _ => &Miscellaneous.Undefined,
                };
            }
            if ((raw & 0x00B00F00) == 0x00000000) // SWP/SWPB: 0001 0B00 Rn Rd 0000 1001 Rm
            {
                d->Extra = (byte)(Bit(raw, 22) ? 1 : 0);
                return &LoadStore.Swp;
            }
            if (Bit(raw, 23)) return ArmV6Decoder.DecodeSynchronization(cpu, d, raw); // [ARMv6 hook] LDREX/STREX
            return &Miscellaneous.Undefined;
        }

        // Extra load/store: halfword, signed byte/halfword, doubleword.
        bool load = Bit(raw, 20);
        int form = AddressingForm(raw, register: !Bit(raw, 22));
        if (!Bit(raw, 24) && Bit(raw, 21)) return &Miscellaneous.Undefined; // post-indexed with W: no T forms here
        if (Bit(raw, 22))
        {
            uint offset = (Bits(raw, 11, 8) << 4) | (raw & 0xF);
            d->Imm = Bit(raw, 23) ? offset : 0 - offset;
        }
        else
        {
            d->Extra = (byte)(Bit(raw, 23) ? 1 : 0);
        }
        switch (sh)
        {
            case 1: return load ? LoadStore.LdrhTable[form] : LoadStore.StrhTable[form];
            case 2:
                if (load) return LoadStore.LdrsbTable[form];
                return (d->Rd & 1) == 0 ? LoadStore.LdrdTable[form] : &Miscellaneous.Undefined;
            default:
                if (load) return LoadStore.LdrshTable[form];
                return (d->Rd & 1) == 0 ? LoadStore.StrdTable[form] : &Miscellaneous.Undefined;
        }
    }

    /// <summary>0 imm offset, 1 imm pre-indexed, 2 imm post-indexed, 3-5 the same with a register offset.</summary>
    static int AddressingForm(uint raw, bool register)
    {
        int form = !Bit(raw, 24) ? 2 : Bit(raw, 21) ? 1 : 0;
        return register ? form + 3 : form;
    }

    static delegate*<ArmCpu, Insn*, void> DecodeLoadStoreWord(Insn* d, uint raw, bool register)
    {
        bool load = Bit(raw, 20), isByte = Bit(raw, 22);
        bool user = !Bit(raw, 24) && Bit(raw, 21); // post-indexed with W: LDRT/STRT family
        int form = AddressingForm(raw, register);
        if (register)
        {
            int type = (int)Bits(raw, 6, 5);
            int amount = (int)Bits(raw, 11, 7);
            if (amount == 0 && type != ShiftKind.Lsl)
            {
                if (type == ShiftKind.Ror) type = ShiftKind.Rrx; else amount = 32;
            }
            d->ShiftType = (byte)type;
            d->ShiftAmount = (byte)amount;
            d->Extra = (byte)(Bit(raw, 23) ? 1 : 0);
        }
        else
        {
            uint offset = raw & 0xFFF;
            d->Imm = Bit(raw, 23) ? offset : 0 - offset;
        }
        if (user)
            return load ? (isByte ? LoadStore.LdrbtTable[form] : LoadStore.LdrtTable[form])
                        : (isByte ? LoadStore.StrbtTable[form] : LoadStore.StrtTable[form]);
        return load ? (isByte ? LoadStore.LdrbTable[form] : LoadStore.LdrTable[form])
                    : (isByte ? LoadStore.StrbTable[form] : LoadStore.StrTable[form]);
    }

    static delegate*<ArmCpu, Insn*, void> DecodeLoadStoreMultiple(Insn* d, uint raw)
    {
        d->Imm = raw & 0xFFFF;
        if (d->Imm == 0) return &Miscellaneous.Undefined; // empty list: QEMU treats it as UNDEFINED
        d->Extra = (byte)((Bit(raw, 24) ? LoadStoreMultiple.PreIndex : 0)
                          | (Bit(raw, 23) ? LoadStoreMultiple.Up : 0)
                          | (Bit(raw, 22) ? LoadStoreMultiple.UserBank : 0)
                          | (Bit(raw, 21) ? LoadStoreMultiple.Writeback : 0));
        return Bit(raw, 20) ? &LoadStoreMultiple.Ldm : &LoadStoreMultiple.Stm;
    }
}

using Cloister.Platform.Bus;

namespace Cloister.Platform.Devices;

/// <summary>
/// SMSC LAN91C111 Ethernet controller (QEMU hw/net/smc91c111.c): four register banks selected
/// through offset 0xE, an MMU with four 2 KiB packet buffers, TX/RX FIFOs, interrupt status and
/// mask. The wire is not connected: transmitted frames go to <see cref="Transmit"/> (dropped by
/// default) and nothing is ever received. The MAC address is QEMU's default first NIC's.
/// </summary>
public sealed class Smc91c111 : IMmioDevice
{
    const int NumPackets = 4;
    const ushort RcrSoftReset = 0x8000, RcrRxEnable = 0x0100;
    const ushort TcrTxEnable = 0x0001, TcrPadEnable = 0x0080;
    const byte IntAlloc = 0x08, IntTxEmpty = 0x04, IntTx = 0x02, IntRcv = 0x01;
    const ushort CtrAutoRelease = 0x0800;

    readonly Logger log;
    readonly byte[][] data = [new byte[2048], new byte[2048], new byte[2048], new byte[2048]];
    readonly int[] txFifo = new int[NumPackets], rxFifo = new int[NumPackets], txFifoDone = new int[NumPackets];
    ushort tcr, rcr, cr, ctr, gpr, ptr, ercv;
    int bank, packetNum, txAlloc, allocated, txFifoLen, rxFifoLen, txFifoDoneLen;
    byte intLevel, intMask;

    public Smc91c111(Logger log, byte[]? mac = null)
    {
        this.log = log;
        Mac = mac ?? [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
        Reset();
    }

    public string Name => "smc91c111";

    public byte[] Mac { get; }

    public IrqLine Irq { get; } = new();

    /// <summary>Where transmitted frames go (null: dropped, like an unplugged cable).</summary>
    public Action<byte[]>? Transmit { get; set; }

    public void Reset()
    {
        bank = 0;
        txFifoLen = txFifoDoneLen = rxFifoLen = 0;
        allocated = 0;
        packetNum = 0;
        txAlloc = 0;
        tcr = rcr = 0;
        cr = 0xA0B1;
        ctr = 0x1210;
        ptr = 0;
        ercv = 0x1F;
        intLevel = IntTxEmpty;
        intMask = 0;
        Update();
    }

    void Update()
    {
        if (txFifoLen == 0) intLevel |= IntTxEmpty;
        if (txFifoDoneLen != 0) intLevel |= IntTx;
        Irq.Set((intLevel & intMask) != 0);
    }

    int AllocatePacket()
    {
        if (allocated == (1 << NumPackets) - 1) return 0x80;
        int i = 0;
        while ((allocated & (1 << i)) != 0) i++;
        allocated |= 1 << i;
        return i;
    }

    void TxAllocate()
    {
        txAlloc = AllocatePacket();
        if (txAlloc == 0x80) return;
        intLevel |= IntAlloc;
        Update();
    }

    void PopRxFifo()
    {
        rxFifoLen--;
        if (rxFifoLen > 0)
        {
            for (int i = 0; i < rxFifoLen; i++) rxFifo[i] = rxFifo[i + 1];
            intLevel |= IntRcv;
        }
        else
        {
            rxFifoLen = 0;
            intLevel &= unchecked((byte)~IntRcv);
        }
        Update();
    }

    void PopTxFifoDone()
    {
        if (txFifoDoneLen == 0) return;
        txFifoDoneLen--;
        for (int i = 0; i < txFifoDoneLen; i++) txFifoDone[i] = txFifoDone[i + 1];
    }

    void ReleasePacket(int packet)
    {
        allocated &= ~(1 << packet);
        if (txAlloc == 0x80) TxAllocate();
    }

    void DoTransmit()
    {
        if ((tcr & TcrTxEnable) == 0 || txFifoLen == 0) return;
        for (int i = 0; i < txFifoLen; i++)
        {
            int n = txFifo[i];
            var p = data[n];
            p[0] = 0x01;
            p[1] = 0x40;
            int len = (p[2] | (p[3] << 8)) - 6;
            if (len < 0) len = 0;
            if (len + 5 < p.Length && (p[4 + len + 1] & 0x20) != 0) len++;
            if (len < 64 && (tcr & TcrPadEnable) != 0)
            {
                Array.Clear(p, 4 + len, Math.Min(64 - len, p.Length - 4 - len));
                len = 64;
            }
            len = Math.Min(len, p.Length - 4);
            if ((ctr & CtrAutoRelease) != 0) ReleasePacket(n);
            else if (txFifoDoneLen < NumPackets) txFifoDone[txFifoDoneLen++] = n;
            Transmit?.Invoke(p.AsSpan(4, len).ToArray());
        }
        txFifoLen = 0;
        Update();
    }

    void QueueTx(int packet)
    {
        if (txFifoLen == NumPackets) return;
        txFifo[txFifoLen++] = packet;
        DoTransmit();
    }

    int DataIndex(uint offset, out int packet)
    {
        packet = (ptr & 0x8000) != 0 ? rxFifo[0] : packetNum;
        packet &= NumPackets - 1;
        int p = ptr & 0x7FF;
        if ((ptr & 0x4000) != 0) ptr = (ushort)((ptr & 0xF800) | ((ptr + 1) & 0x7FF));
        else p += (int)(offset & 3);
        return p & 0x7FF;
    }

    static ushort SetLow(ushort reg, uint v) => (ushort)(((uint)reg & 0xFF00) | (v & 0xFF));
    static ushort SetHigh(ushort reg, uint v) => (ushort)(((uint)reg & 0xFF) | ((v & 0xFF) << 8));

    void WriteByte(uint offset, uint value)
    {
        offset &= 0xF;
        if (offset == 14) { bank = (int)(value & 0xFF); return; }
        if (offset == 15) return;
        switch (bank)
        {
            case 0:
                switch (offset)
                {
                    case 0: tcr = SetLow(tcr, value); return;
                    case 1: tcr = SetHigh(tcr, value); return;
                    case 4: rcr = SetLow(rcr, value); return;
                    case 5:
                        rcr = SetHigh(rcr, value);
                        if ((rcr & RcrSoftReset) != 0) Reset();
                        return;
                    case 10: case 11: case 12: case 13: return;
                }
                break;
            case 1:
                switch (offset)
                {
                    case 0: cr = SetLow(cr, value); return;
                    case 1: cr = SetHigh(cr, value); return;
                    case 2: case 3: case 4: case 5: case 6: case 7: case 8: case 9: return;
                    case 10: gpr = SetLow(gpr, value); return;
                    case 11: gpr = SetHigh(gpr, value); return;
                    case 12:
                        if ((value & 1) != 0) log.Unimplemented("smc91c111: EEPROM store not implemented");
                        if ((value & 2) != 0) log.Unimplemented("smc91c111: EEPROM reload not implemented");
                        ctr = SetLow(ctr, value & ~3u);
                        return;
                    case 13: ctr = SetHigh(ctr, value); return;
                }
                break;
            case 2:
                switch (offset)
                {
                    case 0:
                        switch ((value >> 5) & 7)
                        {
                            case 1: // allocate for TX
                                txAlloc = 0x80;
                                intLevel &= unchecked((byte)~IntAlloc);
                                Update();
                                TxAllocate();
                                break;
                            case 2: // reset MMU
                                allocated = 0;
                                txFifoLen = txFifoDoneLen = rxFifoLen = 0;
                                txAlloc = 0;
                                break;
                            case 3: PopRxFifo(); break;
                            case 4:
                                if (rxFifoLen > 0) ReleasePacket(rxFifo[0]);
                                PopRxFifo();
                                break;
                            case 5: ReleasePacket(packetNum & (NumPackets - 1)); break;
                            case 6: QueueTx(packetNum & (NumPackets - 1)); break;
                            case 7: txFifoLen = txFifoDoneLen = 0; break;
                        }
                        return;
                    case 1: return;
                    case 2: packetNum = (int)(value & 0xFF); return;
                    case 3: case 4: case 5: return;
                    case 6: ptr = SetLow(ptr, value); return;
                    case 7: ptr = SetHigh(ptr, value); return;
                    case 8: case 9: case 10: case 11:
                    {
                        int p = DataIndex(offset, out int n);
                        data[n][p] = (byte)value;
                        return;
                    }
                    case 12:
                        intLevel &= (byte)~(value & 0xD6);
                        if ((value & IntTx) != 0) PopTxFifoDone();
                        Update();
                        return;
                    case 13:
                        intMask = (byte)value;
                        Update();
                        return;
                }
                break;
            case 3:
                switch (offset)
                {
                    case <= 7: return;
                    case 8: case 9: return;
                    case 12: ercv = (ushort)(value & 0x1F); return;
                    case 13: return;
                }
                break;
        }
        log.GuestError($"smc91c111_write(bank:{bank}) Illegal register 0x{offset:x} = 0x{value:x}");
    }

    uint ReadByte(uint offset)
    {
        offset &= 0xF;
        if (offset == 14) return (uint)bank;
        if (offset == 15) return 0x33;
        switch (bank)
        {
            case 0:
                switch (offset)
                {
                    case 0: return tcr & 0xFFu;
                    case 1: return (uint)tcr >> 8;
                    case 2: return 0;
                    case 3: return 0x40;
                    case 4: return rcr & 0xFFu;
                    case 5: return (uint)rcr >> 8;
                    case 6: case 7: return 0;
                    case 8: return NumPackets;
                    case 9: return (uint)System.Numerics.BitOperations.PopCount((uint)allocated);
                    case 10: case 11: case 12: case 13: return 0;
                }
                break;
            case 1:
                switch (offset)
                {
                    case 0: return cr & 0xFFu;
                    case 1: return (uint)cr >> 8;
                    case 2: case 3: return 0;
                    case 4: case 5: case 6: case 7: case 8: case 9: return Mac[offset - 4];
                    case 10: return gpr & 0xFFu;
                    case 11: return (uint)gpr >> 8;
                    case 12: return ctr & 0xFFu;
                    case 13: return (uint)ctr >> 8;
                }
                break;
            case 2:
                switch (offset)
                {
                    case 0: case 1: return 0; // MMU never busy
                    case 2: return (uint)packetNum;
                    case 3: return (uint)txAlloc;
                    case 4: return txFifoDoneLen == 0 ? 0x80u : (uint)txFifoDone[0];
                    case 5: return rxFifoLen == 0 ? 0x80u : (uint)rxFifo[0];
                    case 6: return ptr & 0xFFu;
                    case 7: return ((uint)ptr >> 8) & 0xF7;
                    case 8: case 9: case 10: case 11:
                    {
                        int p = DataIndex(offset, out int n);
                        return data[n][p];
                    }
                    case 12: return intLevel;
                    case 13: return intMask;
                }
                break;
            case 3:
                switch (offset)
                {
                    case <= 7: return 0;
                    case 8: return 0x30;
                    case 9: return 0x33;
                    case 10: return 0x91; // revision: LAN91C111 rev 1
                    case 11: return 0x33;
                    case 12: return ercv;
                    case 13: return 0;
                }
                break;
        }
        log.GuestError($"smc91c111_read(bank:{bank}) Illegal register 0x{offset:x}");
        return 0;
    }

    public bool Read(uint offset, int size, out uint value)
    {
        value = 0;
        for (int i = 0; i < size; i++) value |= ReadByte(offset + (uint)i) << (8 * i);
        return true;
    }

    public bool Write(uint offset, int size, uint value)
    {
        int i = 0;
        if (offset == 0xC && size == 4) i = 2; // a word write at 0xC only reaches the bank register
        for (; i < size; i++) WriteByte(offset + (uint)i, (value >> (8 * i)) & 0xFF);
        return true;
    }
}

using Cloister.Platform.Devices;

namespace Cloister.Platform.Tests;

public class I2cTests
{
    /// <summary>Drives SCL/SDA through the SBCon registers like Linux's i2c-algo-bit.</summary>
    sealed class Master(SbconI2c bus)
    {
        void Set(uint bits) => Assert.True(bus.Write(0, 4, bits));
        void Clear(uint bits) => Assert.True(bus.Write(4, 4, bits));
        bool Sda { get { Assert.True(bus.Read(0, 4, out uint v)); return (v & 2) != 0; } }

        public void Start() { Set(3); Clear(2); Clear(1); }
        public void Stop() { Clear(2); Set(1); Set(2); }

        public bool WriteByte(byte b)
        {
            for (int i = 7; i >= 0; i--)
            {
                if (((b >> i) & 1) != 0) Set(2); else Clear(2);
                Set(1); Clear(1);
            }
            Set(2);          // release SDA for the ACK
            Set(1);
            bool ack = !Sda;
            Clear(1);
            return ack;
        }

        public byte ReadByte(bool ack)
        {
            int v = 0;
            Set(2);
            for (int i = 0; i < 8; i++)
            {
                Set(1);
                v = (v << 1) | (Sda ? 1 : 0);
                Clear(1);
            }
            if (ack) Clear(2); else Set(2);
            Set(1); Clear(1);
            Set(2);
            return (byte)v;
        }
    }

    [Fact]
    public void Ds1338ReadsBcdTimeFromStartPlusVirtualTime()
    {
        var t = new FakeTime();
        var sb = new SbconI2c(Logger.None);
        // 2026-11-24 20:20:04 UTC
        var rtc = new Ds1338Rtc(t.Clock, 1795551604);
        sb.Bus.Attach(0x68, rtc);
        var m = new Master(sb);
        t.Advance(61_000_000_000); // one minute and a second later

        m.Start();
        Assert.True(m.WriteByte(0xD0));   // address 0x68, write
        Assert.True(m.WriteByte(0x00));   // register pointer 0
        m.Start();                        // repeated start
        Assert.True(m.WriteByte(0xD1));   // address 0x68, read
        var regs = new byte[7];
        for (int i = 0; i < 7; i++) regs[i] = m.ReadByte(ack: i < 6);
        m.Stop();
        Assert.Equal(new byte[] { 0x05, 0x21, 0x20, 0x03, 0x24, 0x11, 0x26 }, regs); // Tuesday = 3
    }

    [Fact]
    public void NobodyAcknowledgesAnotherAddress()
    {
        var sb = new SbconI2c(Logger.None);
        sb.Bus.Attach(0x68, new Ds1338Rtc(new FakeTime().Clock, 0));
        var m = new Master(sb);
        m.Start();
        Assert.False(m.WriteByte(0xA0));
        m.Stop();
    }

    [Fact]
    public void Ds1338NvramWritesAndControlRegisterMask()
    {
        var t = new FakeTime();
        var sb = new SbconI2c(Logger.None);
        var rtc = new Ds1338Rtc(t.Clock, 0);
        sb.Bus.Attach(0x68, rtc);
        var m = new Master(sb);
        m.Start();
        Assert.True(m.WriteByte(0xD0));
        Assert.True(m.WriteByte(0x07));
        Assert.True(m.WriteByte(0xFF));   // control: bits 2, 3, 6 read as 0; OSF cannot be set
        Assert.True(m.WriteByte(0x5A));   // NVRAM 0x08
        m.Stop();
        Assert.Equal(0x93, rtc.Nvram[7]);
        Assert.Equal(0x5A, rtc.Nvram[8]);
    }
}

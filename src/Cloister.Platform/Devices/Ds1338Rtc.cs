using Cloister.Platform.Time;

namespace Cloister.Platform.Devices;

/// <summary>
/// Dallas DS1338 real-time clock with 56 bytes of NVRAM on I2C (QEMU hw/rtc/ds1338.c): time
/// registers 0–6 in BCD, captured when a read transfer starts; control register 7; the
/// register pointer wraps at 64. Time = host UTC at machine start + virtual time + whatever
/// offset the guest sets by writing the time registers.
/// </summary>
public sealed class Ds1338Rtc(VirtualClock clock, uint startUnixSeconds) : II2cDevice
{
    const int NvramSize = 64;
    const byte Hours12 = 0x40, HoursPm = 0x20, CtrlOsf = 0x20;

    readonly byte[] nvram = new byte[NvramSize];
    long offsetSeconds;
    int wdayOffset;
    int ptr;
    bool addressByte;

    public byte[] Nvram => nvram;

    DateTime Now => DateTime.UnixEpoch.AddSeconds(startUnixSeconds + clock.NowNs / 1_000_000_000 + offsetSeconds);

    static byte ToBcd(int v) => (byte)(((v / 10) << 4) | (v % 10));

    static int FromBcd(int v) => ((v >> 4) * 10) + (v & 0xF);

    void Capture()
    {
        var now = Now;
        nvram[0] = ToBcd(now.Second);
        nvram[1] = ToBcd(now.Minute);
        if ((nvram[2] & Hours12) != 0)
        {
            int h = now.Hour;
            if (h % 12 == 0) h += 12;
            nvram[2] = h <= 12 ? (byte)(Hours12 | ToBcd(h)) : (byte)(Hours12 | HoursPm | ToBcd(h - 12));
        }
        else
        {
            nvram[2] = ToBcd(now.Hour);
        }
        nvram[3] = (byte)(((int)now.DayOfWeek + wdayOffset) % 7 + 1);
        nvram[4] = ToBcd(now.Day);
        nvram[5] = ToBcd(now.Month);
        nvram[6] = ToBcd(now.Year - 2000);
    }

    void IncrementPointer()
    {
        ptr = (ptr + 1) & (NvramSize - 1);
        if (ptr == 0) Capture();
    }

    public void StartTransfer(bool read)
    {
        if (read) Capture();
        else addressByte = true;
    }

    public void EndTransfer() { }

    public byte Receive()
    {
        byte b = nvram[ptr];
        IncrementPointer();
        return b;
    }

    public bool Send(byte data)
    {
        if (addressByte)
        {
            ptr = data & (NvramSize - 1);
            addressByte = false;
            return true;
        }
        if (ptr < 7)
        {
            var now = Now;
            int sec = now.Second, min = now.Minute, hour = now.Hour, day = now.Day, mon = now.Month, year = now.Year;
            switch (ptr)
            {
                case 0: sec = FromBcd(data & 0x7F); break;
                case 1: min = FromBcd(data & 0x7F); break;
                case 2:
                    if ((data & Hours12) != 0)
                    {
                        int h = FromBcd(data & (HoursPm - 1));
                        if ((data & HoursPm) != 0) h += 12;
                        if (h % 12 == 0) h -= 12;
                        hour = h;
                    }
                    else hour = FromBcd(data & (Hours12 - 1));
                    break;
                case 3:
                    wdayOffset = ((data & 7) - 1 - (int)now.DayOfWeek + 7) % 7;
                    break;
                case 4: day = FromBcd(data & 0x3F); break;
                case 5: mon = FromBcd(data & 0x1F); break;
                case 6: year = FromBcd(data) + 2000; break;
            }
            try
            {
                var wanted = new DateTime(year, Math.Clamp(mon, 1, 12), 1, 0, 0, 0, DateTimeKind.Utc)
                    .AddDays(day - 1).AddHours(hour).AddMinutes(min).AddSeconds(sec);
                offsetSeconds += (long)(wanted - now).TotalSeconds;
            }
            catch (ArgumentOutOfRangeException) { }
        }
        else if (ptr == 7)
        {
            data &= 0xB3;
            data = (byte)((data & ~CtrlOsf) | (data & nvram[7] & CtrlOsf));
            nvram[7] = data;
        }
        else
        {
            nvram[ptr] = data;
        }
        IncrementPointer();
        return true;
    }
}

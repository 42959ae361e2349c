using Cloister.Flask.Model;

namespace Cloister.Flask.Binary;

public sealed partial class PolicyReader
{
    // Xen's object context tables, in file order.
    const int OconInitialSid = 0, OconPirq = 1, OconIoPort = 2, OconIoMem = 3, OconDevice = 4, OconDeviceTree = 5;

    ObjectContexts ReadObjectContexts(Symbols s, int tables)
    {
        var oc = new ObjectContexts();
        var sids = new HashSet<int>();
        for (int table = 0; table < tables; table++)
        {
            int count = c.Count("object context", 16);
            for (int i = 0; i < count; i++)
            {
                switch (table)
                {
                    case OconInitialSid:
                        int sid = c.Int("initial SID");
                        if (sid < 1 || sid > 1024 || !sids.Add(sid)) throw c.Error($"initial SID {sid} is out of range or repeated");
                        oc.InitialSids.Add((sid, ReadContext(s, $"initial SID {sid}")));
                        break;
                    case OconPirq:
                        uint pirq = c.U32("pirq");
                        oc.Pirqs.Add((pirq, ReadContext(s, $"pirq {pirq}")));
                        break;
                    case OconIoPort:
                        uint lowPort = c.U32("ioport low"), highPort = c.U32("ioport high");
                        if (highPort < lowPort) throw c.Error($"ioport range 0x{lowPort:x}-0x{highPort:x} is reversed");
                        oc.IoPorts.Add((lowPort, highPort, ReadContext(s, "ioport")));
                        break;
                    case OconIoMem:
                        ulong low, high;
                        if (version >= VersionXenDeviceTree) { low = c.U64("iomem low"); high = c.U64("iomem high"); }
                        else { low = c.U32("iomem low"); high = c.U32("iomem high"); }
                        if (high < low) throw c.Error($"iomem range 0x{low:x}-0x{high:x} is reversed");
                        oc.IoMem.Add((low, high, ReadContext(s, "iomem")));
                        break;
                    case OconDevice:
                        uint dev = c.U32("pci device");
                        oc.Devices.Add((dev, ReadContext(s, $"device 0x{dev:x}")));
                        break;
                    case OconDeviceTree:
                        int len = c.NameLength("device tree path");
                        string path = c.Name(len, "device tree path");
                        oc.DeviceTree.Add((path, ReadContext(s, $"device tree node {path}")));
                        break;
                }
            }
        }
        return oc;
    }
}

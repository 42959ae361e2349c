using Cloister.Flask.Server;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// Labels of board resources (pirqcon, iomemcon, devicetreecon) against what setools reads
/// from the same binary; resources the policy does not name get the matching initial SID.
/// </summary>
public class ObjectContextTests
{
    const string ListScript = """
        import sys, setools
        p = setools.SELinuxPolicy(sys.argv[1])
        for c in p.pirqcons(): print("pirq", c.irq, c.irq, c.context)
        for c in p.iomemcons(): print("iomem", c.addr.low, c.addr.high, c.context)
        for c in p.devicetreecons(): print("devicetree", c.path, "-", c.context)
        """;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ResourceLabelsMatchSetools(bool mls)
    {
        string path = mls ? TestPaths.ProjectMlsPolicy : TestPaths.ProjectPolicy;
        var (exit, stdout, stderr) = Tools.Run("/usr/bin/python3", ["-c", ListScript, path]);
        Assert.True(exit == 0, stderr);
        var entries = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        Assert.NotEmpty(entries);

        var server = new SecurityServer();
        Assert.Equal(0, server.Load(File.ReadAllBytes(path), out _));
        string Label(uint sid) { Assert.Equal(0, server.SidToContext(sid, out string c)); return c; }
        foreach (var e in entries)
        {
            string expected = e[3];
            switch (e[0])
            {
                case "pirq": Assert.Equal(expected, Label(server.PirqSid(uint.Parse(e[1])))); break;
                case "iomem":
                    for (ulong f = ulong.Parse(e[1]); f <= ulong.Parse(e[2]); f++) Assert.Equal(expected, Label(server.IoMemSid(f)));
                    break;
                case "devicetree": Assert.Equal(expected, Label(server.DeviceTreeSid(e[1]))); break;
            }
        }
        Assert.Equal(SecurityServer.SidIrq, server.PirqSid(999));
        Assert.Equal(SecurityServer.SidIoMem, server.IoMemSid(0xfffff));
        Assert.Equal(SecurityServer.SidDevice, server.DeviceTreeSid("/no/such/node"));
        Assert.Equal(SecurityServer.SidIoPort, server.IoPortSid(0x3f8));
    }
}

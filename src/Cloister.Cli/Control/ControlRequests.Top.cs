using System.Globalization;
using Cloister.Hypervisor.Control;

namespace Cloister.Cli.Control;

/// <summary>
/// `top`: one sample for xl top, as libxenstat takes it (physinfo, then getdomaininfolist). The first
/// line is `NOW-ns CPUS CPU-kHz TOTAL-PAGES FREE-PAGES`; then one line per domain:
/// `ID NAME MEM-KiB MAXMEM-KiB VCPUS FLAGS CPU-ns SSID` (tab-separated; FLAGS are xentop's six
/// state letters in its order: dying, shutdown, blocked, crashed, paused, running).
/// </summary>
public sealed partial class ControlRequests
{
    static string Top(Dom0Services dom0)
    {
        int rc = dom0.Sample(out var sample);
        if (rc < 0) return Result(rc, _ => null);
        var s = sample!;
        var lines = new List<string> { string.Join(' ', s.NowNs, s.Cpus, s.CpuKhz, s.TotalFrames, s.FreeFrames) };
        foreach (var d in s.Domains)
        {
            var st = d.Status;
            bool crashed = st.Shutdown && st.ShutdownReason == (uint)Hypervisor.Domains.ShutdownReason.Crash;
            string flags = string.Concat(st.Dying ? 'd' : '-', st.Shutdown && !crashed ? 's' : '-', st.Blocked ? 'b' : '-',
                crashed ? 'c' : '-', st.Paused ? 'p' : '-', st.Running ? 'r' : '-');
            lines.Add(string.Join('\t', st.Id.ToString(CultureInfo.InvariantCulture), st.Name, st.MemoryKiB, d.MaxMemoryKiB,
                d.Vcpus, flags, st.CpuTimeNs, d.Ssid));
        }
        return ControlProtocol.Ok(lines);
    }
}

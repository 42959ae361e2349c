using System.Globalization;
using Cloister.Hypervisor.Hypercalls;

namespace Cloister.Cli.Control;

/// <summary>
/// xl top, which in Xen runs xentop (tools/xentop/xentop.c): its flags -d SECONDS (here 1 by
/// default), -b (batch: the table only, no summary), -i N (iterations), -f (full names); its
/// columns and widths, domains by id. CPU(%) is the share of system time — virtual time here —
/// a domain's vCPUs ran since the previous sample (0.0 on the first, as xentop). NETS and VBDS are
/// 0: Cloister's domains have no network or block devices.
/// </summary>
public sealed partial class XlSession
{
    sealed record TopDomain(int Id, string Name, ulong MemKiB, ulong MaxMemKiB, int Vcpus, string Flags, ulong CpuNs, string Ssid);

    sealed record TopSample(ulong NowNs, int Cpus, ulong CpuKhz, ulong TotalPages, ulong FreePages, List<TopDomain> Domains);

    static readonly (string Header, int Width)[] TopFields =
    [
        ("NAME", 10), ("STATE", 6), ("CPU(sec)", 10), ("CPU(%)", 6), ("MEM(k)", 10), ("MEM(%)", 6), ("MAXMEM(k)", 10),
        ("MAXMEM(%)", 9), ("VCPUS", 5), ("NETS", 4), ("NETTX(k)", 8), ("NETRX(k)", 8), ("VBDS", 4), ("VBD_OO", 8),
        ("VBD_RD", 8), ("VBD_WR", 8), ("VBD_RSECT", 10), ("VBD_WSECT", 10), ("SSID", 4),
    ];

    int Top(string[] args)
    {
        int delay = 1, iterations = 0;
        bool batch = false, fullNames = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-b" or "--batch": batch = true; break;
                case "-f" or "--full-name": fullNames = true; break;
                case "-d" or "--delay" when i + 1 < args.Length && int.TryParse(args[i + 1], out delay) && delay >= 0: i++; break;
                case "-i" or "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], out iterations) && iterations > 0: i++; break;
                default: throw new UsageException("usage: xl top [-b] [-d SECONDS] [-i ITERATIONS] [-f]");
            }
        }
        TopSample? previous = null;
        for (int n = 1; ; n++)
        {
            var reply = AskOrFail("top");
            if (reply.Errno is not null) return Fail("Failed to retrieve statistics from libxenstat");
            var sample = ParseSample(reply.Lines);
            if (!batch) stdout.Write("\x1b[H\x1b[2J"); // the screen redrawn, as curses does
            if (!batch) WriteSummary(sample);
            WriteTable(sample, previous, fullNames);
            stdout.Flush();
            if (iterations > 0 && n == iterations) return 0;
            previous = sample;
            Thread.Sleep(TimeSpan.FromSeconds(delay));
        }
    }

    static TopSample ParseSample(IReadOnlyList<string> lines)
    {
        var h = lines[0].Split(' ').Select(f => ulong.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var domains = lines.Skip(1).Select(l => l.Split('\t')).Select(f => new TopDomain(
            int.Parse(f[0], CultureInfo.InvariantCulture), f[1], ulong.Parse(f[2], CultureInfo.InvariantCulture),
            ulong.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture), f[5],
            ulong.Parse(f[6], CultureInfo.InvariantCulture), f[7])).OrderBy(d => d.Id).ToList();
        return new TopSample(h[0], (int)h[1], h[2], h[3], h[4], domains);
    }

    void WriteSummary(TopSample s)
    {
        stdout.WriteLine($"xentop - {DateTime.Now:HH:mm:ss}   Xen {XenVersion.Major}.{XenVersion.Minor}{XenVersion.Extra}");
        // xentop counts each domain once, in this order of its flags.
        int Count(char c) => s.Domains.Count(d => FirstState(d.Flags) == c);
        stdout.WriteLine($"{s.Domains.Count} domains: {Count('r')} running, {Count('b')} blocked, {Count('p')} paused, "
                         + $"{Count('c')} crashed, {Count('d')} dying, {Count('s')} shutdown ");
        ulong total = s.TotalPages * 4, free = s.FreePages * 4;
        stdout.WriteLine($"Mem: {total}k total, {total - free}k used, {free}k free    CPUs: {s.Cpus} @ {s.CpuKhz / 1000}MHz");
    }

    static char FirstState(string flags) =>
        "rbpscd".FirstOrDefault(c => flags.Contains(c));

    void WriteTable(TopSample s, TopSample? previous, bool fullNames)
    {
        int nameWidth = fullNames ? Math.Max(10, s.Domains.Select(d => d.Name.Length).DefaultIfEmpty(0).Max()) : 10;
        stdout.WriteLine(string.Join(' ', TopFields.Select((f, i) => f.Header.PadLeft(i == 0 ? nameWidth : f.Width))));
        double totalKiB = s.TotalPages * 4.0;
        foreach (var d in s.Domains)
        {
            string name = fullNames ? d.Name : d.Name.Length > 10 ? d.Name[..10] : d.Name;
            var old = previous?.Domains.FirstOrDefault(p => p.Id == d.Id);
            double elapsed = previous is null ? 0 : s.NowNs - previous.NowNs;
            double cpuPct = old is null || elapsed <= 0 ? 0 : (d.CpuNs - old.CpuNs) * 100.0 / elapsed;
            stdout.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0} {1} {2,10} {3,6:F1} {4,10} {5,6:F1} {6,10} {7,9:F1} {8,5} {9,4} {10,8} {11,8} {12,4} {13,8} {14,8} {15,8} {16,10} {17,10} {18,4}",
                name.PadLeft(nameWidth), d.Flags, d.CpuNs / 1_000_000_000, cpuPct, d.MemKiB, d.MemKiB / totalKiB * 100,
                d.MaxMemKiB, d.MaxMemKiB / totalKiB * 100, d.Vcpus, 0, 0, 0, 0, '-', '-', '-', '-', '-', d.Ssid));
        }
    }
}

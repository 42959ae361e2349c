using Cloister.Cli;
using Cloister.Toolstack.Consoles;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>
/// dom0's console backend: the ring layout is io/console.h's struct xencons_interface (out[2048]
/// @1024, out_cons @3080, out_prod @3084, byte i at i mod 2048); what a domain writes there
/// appears as its "(dN) " console lines in `cloister run`.
/// </summary>
public class ConsoleRingTests
{
    [Fact]
    public void Output_that_wraps_around_the_ring_is_taken_in_order_and_out_cons_catches_up()
    {
        var page = new MemoryRingPage();
        uint start = 2040; // 8 bytes before the end of out[]
        page[3080] = start;
        var text = "wrapped line\n"u8.ToArray();
        for (int i = 0; i < text.Length; i++) page.Bytes[1024 + (start + i) % 2048] = text[i];
        page[3084] = start + (uint)text.Length;
        var ring = new ConsoleRing(page);
        Assert.Equal(text, ring.TakeOutput());
        Assert.Equal(start + (uint)text.Length, page[3080]);
        Assert.Empty(ring.TakeOutput());
        page[3084] = start + 5000; // beyond the ring
        Assert.Empty(ring.TakeOutput());
        Assert.False(ring.Healthy);
    }

    [Fact]
    public void A_domain_writing_its_console_ring_is_printed_as_its_console_even_beyond_the_rings_size()
    {
        var configs = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "examples", "selftest"), "*.cfg").Order(StringComparer.Ordinal).ToArray();
        var stdout = new StringWriter();
        Assert.Equal(0, CommandTable.Dispatch(["run", "-cpu", "arm1176", .. configs], stdout, new StringWriter()));
        var lines = stdout.ToString().Split('\n').Where(l => l.StartsWith("(d11) console ring: ")).ToList();
        // guests/hv/xenstore.c writes 62 lines, 3,371 bytes: more than out[]'s 2,048.
        Assert.Equal(62, lines.Count);
        Assert.Equal("(d11) console ring: a line through dom0's console backend", lines[0]);
        Assert.All(lines.Skip(1).Take(60), l => Assert.Equal("(d11) console ring: 0123456789012345678901234567890123456789", l));
        Assert.Equal("(d11) console ring: done", lines[61]);
    }
}

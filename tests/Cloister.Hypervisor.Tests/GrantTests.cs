using Cloister.Cli;
using Xunit;

namespace Cloister.Hypervisor.Tests;

/// <summary>Grant tables v1 between two domains: read-only and writable mappings, and the
/// statuses Xen gives for forbidden or malformed requests (grant_table.h GNTST_*).</summary>
public class GrantTests
{
    static string Cfg(string name) => Path.Combine(RepositoryRoot.Path, "guests", "hv", name + ".cfg");

    [Fact]
    public void Grantee_maps_what_it_was_granted_and_nothing_else()
    {
        var stdout = new StringWriter();
        int exit = CommandTable.Dispatch(["run", Cfg("granter"), Cfg("grantee")], stdout, new StringWriter());
        var lines = stdout.ToString().Split('\n');
        Assert.Equal(0, exit);
        string[] expected =
        [
            "(d2) grantee: map ref 8 read-only: status 0",        // GNTST_okay
            "(d2) grantee: it says: granted page of d1",
            "(d2) grantee: map ref 8 writable: status -1",        // write-pin of a read-only grant: general_error
            "(d2) grantee: map unused ref 7: status -1",          // not a permit_access entry: general_error
            "(d2) grantee: map ref 100000: status -3",            // bad_gntref
            "(d2) grantee: map outside its memory: status -5",    // bad_virt_addr
            "(d2) grantee: map from itself: status -2",           // bad_domain
            "(d2) grantee: unmap a bogus handle: status -4",      // bad_handle
            "(d2) grantee: unmap ref 8: status 0",
            "(d2) grantee: map ref 9 writable: status 0",
            "(d2) grantee: unmap ref 9: status 0",
            "(d1) granter: shared page now says: written by d2 through a grant",
        ];
        foreach (var line in expected) Assert.Contains(line, lines);
    }
}

using Cloister.Toolstack;
using Xunit;

namespace Cloister.Hypervisor.Tests;

public class XlConfigTests
{
    [Fact]
    public void Strings_numbers_lists_and_comments_are_read()
    {
        var cfg = XlConfig.Parse("""
            # a comment
            name = "vault"   # trailing comment
            memory=16
            disk = [ 'a,b', "c" ,
                     'd' ]
            """, "vault.cfg");
        Assert.Equal("vault", cfg.GetString("name"));
        Assert.Equal(16, cfg.GetInteger("memory", 1, 100));
        Assert.Equal(["a,b", "c", "d"], cfg.Settings["disk"].List!);
    }

    [Theory]
    [InlineData("name = \"x\nmemory = 4", "vault.cfg:1: key 'name': unterminated string")]
    [InlineData("name \"x\"", "vault.cfg:1: expected KEY = VALUE")]
    [InlineData("\nmemory = lots", "vault.cfg:2: key 'memory': 'lots' is not a number")]
    public void Mistakes_name_the_file_the_line_and_the_key(string text, string message)
    {
        var e = Assert.Throws<XlConfigException>(() =>
        {
            var cfg = XlConfig.Parse(text, "vault.cfg");
            cfg.GetInteger("memory", 1, 100);
        });
        Assert.Equal(message, e.Message);
    }
}

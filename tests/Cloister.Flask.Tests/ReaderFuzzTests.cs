using Cloister.Flask.Binary;
using Cloister.Flask.Tests.Support;

namespace Cloister.Flask.Tests;

/// <summary>
/// Truncated and bit-flipped copies of real policies: the reader either accepts them or
/// refuses them with a PolicyFormatException; no other exception escapes.
/// </summary>
public class ReaderFuzzTests
{
    public static TheoryData<string> Policies() => [TestPaths.ProjectPolicy, TestPaths.ProjectMlsPolicy];

    [Theory]
    [MemberData(nameof(Policies))]
    public void TheUnmodifiedPolicyIsAccepted(string path)
    {
        Assert.NotNull(PolicyReader.TryRead(File.ReadAllBytes(path), out string error));
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void EveryTruncationIsRefused(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        for (int len = 0; len < data.Length; len++)
        {
            var policy = PolicyReader.TryRead(data[..len], out string error);
            Assert.True(policy is null, $"truncation to {len} bytes was accepted");
            Assert.False(string.IsNullOrWhiteSpace(error));
            Assert.DoesNotContain('\n', error);
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void BitFlipsNeverThrowAnythingElse(string path)
    {
        byte[] original = File.ReadAllBytes(path);
        var rng = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            byte[] data = (byte[])original.Clone();
            for (int k = rng.Next(1, 4); k > 0; k--)
                data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
            ParseOrRefuse(data);
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void HostileCountsAndLengthsAreRefused(string path)
    {
        // Overwrite aligned 32-bit words with extreme values: counts and lengths of every table.
        byte[] original = File.ReadAllBytes(path);
        uint[] values = [0, 1, 0x7fffffff, 0xffffffff, 0x10000, 63, 65];
        for (int offset = 0; offset + 4 <= original.Length; offset += 4)
        {
            byte[] data = (byte[])original.Clone();
            BitConverter.TryWriteBytes(data.AsSpan(offset), values[(offset / 4) % values.Length]);
            ParseOrRefuse(data);
        }
    }

    /// <summary>Random policies with every feature the generator has (v24, v30, MLS, constraints).</summary>
    public static TheoryData<int, int, bool> GeneratedPolicies() => new() { { 401, 30, false }, { 402, 24, false }, { 403, 30, true } };

    [Theory]
    [MemberData(nameof(GeneratedPolicies))]
    public void MutatedGeneratedPoliciesNeverThrowAnythingElse(int seed, int version, bool mls)
    {
        byte[] original = Tools.CheckPolicy(new RandomPolicyGenerator(seed, mls, constraints: true).Generate(), version, mls);
        Assert.NotNull(PolicyReader.TryRead(original, out _));
        var rng = new Random(seed);
        for (int i = 0; i < 1500; i++)
        {
            byte[] data = (byte[])original.Clone();
            if (i % 3 == 0) data = data[..rng.Next(data.Length)];
            for (int k = rng.Next(1, 4); k > 0; k--)
                if (data.Length > 0) data[rng.Next(data.Length)] ^= (byte)(1 << rng.Next(8));
            ParseOrRefuse(data);
        }
    }

    static void ParseOrRefuse(byte[] data)
    {
        try
        {
            var server = new Server.SecurityServer();
            if (server.Load(data, out string error) != 0) { Assert.DoesNotContain('\n', error); return; }
            // An accepted mutant must still answer queries without failing.
            var p = server.Policy!;
            foreach (var (s, _) in p.ObjectContexts.InitialSids)
                foreach (var (t, _) in p.ObjectContexts.InitialSids)
                    for (int cls = 1; cls <= p.Classes.Length; cls++)
                    {
                        server.ComputeAv((uint)s, (uint)t, cls, out _);
                        server.TransitionSid((uint)s, (uint)t, cls, out _);
                    }
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} escaped the reader: {e.Message}");
        }
    }
}

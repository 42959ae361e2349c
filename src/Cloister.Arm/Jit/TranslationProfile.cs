using System.Reflection;

namespace Cloister.Arm.Jit;

/// <summary>
/// CLOISTER_JIT_PROFILE=1: counts, by interpreter handler, the instructions the translating
/// engine did not run as native IL — those interpreted outside blocks and those translated as
/// a handler call — and prints the most frequent to stderr at exit. It shows which emitter to
/// write next (docs/translator.md, "Where the time goes").
/// </summary>
internal static unsafe class TranslationProfile
{
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("CLOISTER_JIT_PROFILE") == "1";
    static readonly Dictionary<nint, long> interpreted = [], called = [];
    static long blockInstructions, blocksCompiled, instructionsCompiled;
    static readonly System.Diagnostics.Stopwatch emitting = new();

    static TranslationProfile()
    {
        if (Enabled) AppDomain.CurrentDomain.ProcessExit += (_, _) => Report();
    }

    public static void Interpreted(nint handler) => Count(interpreted, handler);

    /// <summary>Brackets the IL emission of one block of <paramref name="length"/> instructions.</summary>
    public static void EmitStarted() => emitting.Start();

    public static void EmitFinished(int length)
    {
        emitting.Stop();
        blocksCompiled++;
        instructionsCompiled += length;
    }

    /// <summary>Called from translated code before a handler call.</summary>
    public static void HandlerCalled(nint handler) => Count(called, handler);

    /// <summary>Called from translated code at a block's start, also when it loops to itself: counts
    /// the whole block (an upper bound when it leaves early).</summary>
    public static void BlockEntered(int length) => blockInstructions += length;

    static void Count(Dictionary<nint, long> counts, nint handler)
    {
        counts.TryGetValue(handler, out long n);
        counts[handler] = n + 1;
    }

    static void Report()
    {
        var names = HandlerNames();
        long inBlocks = blockInstructions, outside = interpreted.Values.Sum(), calls = called.Values.Sum();
        Console.Error.WriteLine($"jit profile: {outside:N0} instructions interpreted, about {inBlocks:N0} run in blocks, {calls:N0} of them through handler calls");
        Console.Error.WriteLine($"  translated {blocksCompiled:N0} blocks ({instructionsCompiled:N0} instructions); IL emission {emitting.Elapsed.TotalMilliseconds:F0} ms; " +
            $".NET JIT in this process: {System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods, {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms");
        foreach (var (title, counts) in new[] { ("interpreted", interpreted), ("handler calls in blocks", called) })
        {
            Console.Error.WriteLine($"  {title}:");
            foreach (var (h, n) in counts.OrderByDescending(p => p.Value).Take(20))
                Console.Error.WriteLine($"    {n,15:N0}  {names.GetValueOrDefault(h, $"0x{h:x}")}");
        }
    }

    /// <summary>Handler entry points by address: every static (ArmCpu, Insn*) method of the assembly.</summary>
    static Dictionary<nint, string> HandlerNames()
    {
        var names = new Dictionary<nint, string>();
        const BindingFlags Statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
        foreach (var type in typeof(ArmCpu).Assembly.GetTypes())
            foreach (var m in type.GetMethods(Statics))
            {
                var p = m.GetParameters();
                if (p.Length != 2 || p[0].ParameterType != typeof(ArmCpu) || p[1].ParameterType != typeof(Insn*) || m.IsGenericMethodDefinition) continue;
                names.TryAdd(m.MethodHandle.GetFunctionPointer(), $"{type.Name}.{m.Name}");
            }
        return names;
    }
}

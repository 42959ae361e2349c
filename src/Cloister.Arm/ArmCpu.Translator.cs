using Cloister.Arm.Jit;

namespace Cloister.Arm;

// The translating engine's dispatcher: the interpreter's ARM loop, plus entering translated blocks
// at jump targets and counting executions there to find hot blocks.
public sealed unsafe partial class ArmCpu
{
    /// <summary>Executions of a block start before it is translated, for CPUs made from now on.
    /// Translating costs tens of microseconds per guest instruction (the .NET JIT compiles the
    /// block's IL), so only code that will run thousands of times repays it: 5000 was measured
    /// best on Linux boots and the bench workloads (docs/translator.md). CLOISTER_JIT_THRESHOLD
    /// overrides it; 1 translates nearly everything, which makes the suites exercise the
    /// translator hard.</summary>
    public static int DefaultTranslationThreshold { get; set; } =
        int.TryParse(Environment.GetEnvironmentVariable("CLOISTER_JIT_THRESHOLD"), out int n) && n > 0 ? Math.Min(n, ushort.MaxValue) : 5000;

    /// <summary>This CPU's threshold (1 to 65535; see <see cref="DefaultTranslationThreshold"/>).</summary>
    public int TranslationThreshold
    {
        get => translationThreshold;
        set => translationThreshold = Math.Clamp(value, 1, ushort.MaxValue);
    }
    int translationThreshold = DefaultTranslationThreshold;

    /// <summary>The engine every new CPU starts with: the translator, unless CLOISTER_ENGINE=
    /// interpreter asks for the reference engine (CI runs the whole suite under both).</summary>
    public static ExecutionEngine DefaultEngine { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("CLOISTER_ENGINE"), "interpreter", StringComparison.OrdinalIgnoreCase)
            ? ExecutionEngine.Interpreter : ExecutionEngine.Translator;

    /// <summary>How code runs: interpreted, or translated once hot (ARM and Thumb).</summary>
    public ExecutionEngine Engine { get; set; } = DefaultEngine;

    readonly TranslationCache translations = new();

    /// <summary>The software TLB's index mask, for the IL that inlines its fast path.</summary>
    internal const int TlbMaskForJit = TlbMask;

    /// <summary>Blocks translated so far (for benchmarks and tests).</summary>
    public long BlocksTranslated { get; private set; }

    // Where the previous interpreted instruction would fall through to; a block starts anywhere
    // else (branch targets, exception vectors, after a block). Kept across Run calls, so that
    // resuming where the last slice stopped does not count as a block entry.
    uint sequentialPc = InvalidFetchPage;

    /// <summary>The interpreter's loop for the current instruction set (RunArm/RunThumb), entering
    /// translated blocks at block starts.</summary>
    void RunTranslated()
    {
        bool thumb = ThumbState;
        int shift = thumb ? 1 : 2, slots = thumb ? ThumbInsnsPerPage : ArmInsnsPerPage;
        uint size = thumb ? 2u : 4u;
        while (Executed < StopAt)
        {
            uint pc = NextPc;
            if ((pc & 0xFFFFF000) != fetchPageVa && !SetFetchPage(pc)) { sequentialPc = InvalidFetchPage; continue; }
            int index = (int)((pc >> shift) & (slots - 1));
            Insn* d = fetchPage + index;
            if (pc != sequentialPc && d->Exec != null && RunBlockAt(pc, index, thumb))
            {
                sequentialPc = InvalidFetchPage;
                continue;
            }
            if (d->Exec == null)
            {
                if (thumb) ThumbDecoder.Decode(this, d, *(ushort*)(fetchHost + (pc & 0xFFE)), pc);
                else ArmDecoder.Decode(this, d, *(uint*)(fetchHost + (pc & 0xFFC)), pc);
            }
            R[15] = pc + 2 * size;
            NextPc = pc + size;
            sequentialPc = pc + size;
            Executed++;
            if (TranslationProfile.Enabled) TranslationProfile.Interpreted((nint)d->Exec);
            if (d->Cond == 14 || ConditionPassed(d->Cond)) d->Exec(this, d);
        }
    }

    /// <summary>Runs the block at a jump target if it is translated (translating it when it has
    /// become hot) and the budget covers it, then the blocks that follow it on the same page;
    /// false if the instruction must be interpreted.</summary>
    bool RunBlockAt(uint pc, int index, bool thumb)
    {
        int shift = thumb ? 1 : 2, slots = thumb ? ThumbInsnsPerPage : ArmInsnsPerPage;
        var page = translations.PageFor(fetchPage, slots);
        var block = page.Blocks[index];
        if (block == null)
        {
            if (++page.Counts[index] < translationThreshold) return false;
            page.Counts[index] = 0;
            int length = BlockScanner.Length(fetchPage, index, thumb);
            block = BlockCompiler.Compile(this, fetchPage, index, length, thumb);
            page.Blocks[index] = block;
            BlocksTranslated++;
        }
        if (StopAt - Executed < block.Length) return false;
        // Chained: a block that leaves its fetch page valid (the same virtual page, same
        // instruction set) lets the next block on it run straight away, and a plain jump to
        // another page switches the fetch page here. Anything a block changes that must be
        // noticed (interrupts, timers, code invalidation, MMU, mode or state) drops the fetch
        // page or zeroes StopAt, which ends the chain.
        uint pageVa = fetchPageVa;
        do
        {
            block.Code(pc);
            pc = NextPc;
            if (fetchPageVa != pageVa) break;
            if ((pc & 0xFFFFF000) != pageVa)
            {
                if (!SetFetchPage(pc)) break;
                pageVa = fetchPageVa;
                page = translations.PageFor(fetchPage, slots);
            }
            block = page.Blocks[(pc >> shift) & (slots - 1)];
        }
        while (block != null && StopAt - Executed >= block.Length);
        return true;
    }

    /// <summary>Called before a decoded page is freed: its translations point into it.</summary>
    void ForgetTranslations(nint decodedPage) => translations.Forget(decodedPage);
}

using Cloister.Arm.Jit;

namespace Cloister.Arm;

// The translating engine's dispatcher: the interpreter's ARM loop, plus entering translated blocks
// at jump targets and counting executions there to find hot blocks.
public sealed unsafe partial class ArmCpu
{
    /// <summary>Executions of a block start before it is translated (IL costs microseconds per
    /// instruction to make, so only hot code is worth it). CLOISTER_JIT_THRESHOLD=1 translates
    /// nearly everything, which makes the test suites exercise the translator hard.</summary>
    public static int TranslationThreshold { get; set; } =
        int.TryParse(Environment.GetEnvironmentVariable("CLOISTER_JIT_THRESHOLD"), out int n) && n > 0 ? Math.Min(n, ushort.MaxValue) : 50;

    /// <summary>The engine every new CPU starts with: CLOISTER_ENGINE=translator selects the
    /// translator, so that whole test suites can be run under it unchanged.</summary>
    public static ExecutionEngine DefaultEngine { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("CLOISTER_ENGINE"), "translator", StringComparison.OrdinalIgnoreCase)
            ? ExecutionEngine.Translator : ExecutionEngine.Interpreter;

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
            if (++page.Counts[index] < TranslationThreshold) return false;
            page.Counts[index] = 0;
            int length = BlockScanner.Length(fetchPage, index, thumb);
            block = BlockCompiler.Compile(this, fetchPage, index, length, thumb);
            page.Blocks[index] = block;
            BlocksTranslated++;
        }
        if (StopAt - Executed < block.Length) return false;
        // Chained on the same virtual page: its fetch page (and so the decoded page and its
        // translations) stays valid until a block drops it, which changes fetchPageVa (as does a
        // change of instruction set). Anything else that must be noticed (interrupts, timers,
        // code invalidation) zeroes StopAt.
        uint pageVa = fetchPageVa;
        do
        {
            block.Code(pc);
            pc = NextPc;
            if ((pc & 0xFFFFF000) != fetchPageVa || fetchPageVa != pageVa) break;
            block = page.Blocks[(pc >> shift) & (slots - 1)];
        }
        while (block != null && StopAt - Executed >= block.Length);
        return true;
    }

    /// <summary>Called before a decoded page is freed: its translations point into it.</summary>
    void ForgetTranslations(nint decodedPage) => translations.Forget(decodedPage);
}

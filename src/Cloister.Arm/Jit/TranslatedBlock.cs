namespace Cloister.Arm.Jit;

/// <summary>Compiled code for one basic block, bound to its CPU (a delegate closed over its first
/// argument calls straight into the code; an open static one goes through a shuffle thunk).
/// <c>pc</c> is the virtual address of its first instruction (the same physical page may be
/// mapped at several addresses).</summary>
internal delegate void BlockCode(uint pc);

/// <summary>A translated basic block: straight-line ARM instructions within one physical page.</summary>
internal sealed class TranslatedBlock(BlockCode code, int length)
{
    public readonly BlockCode Code = code;
    /// <summary>Instructions in the block; it is only entered when the remaining budget covers
    /// all of them, so the block never checks the budget itself except where it loops.</summary>
    public readonly int Length = length;
}

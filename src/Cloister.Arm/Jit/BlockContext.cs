using System.Reflection;
using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// What an instruction emitter needs: the IL generator, the CPU's members, where the instruction
/// sits in the block, and the architectural state the block has not written back yet.
/// Argument 0 is the ArmCpu, argument 1 the block's start address.
/// </summary>
/// <remarks>
/// The interpreter sets R[15], NextPc and Executed before every instruction. Natively emitted
/// instructions only need them when something can observe them (a handler call, a memory access,
/// leaving the block), so they are written back lazily at those points: the state is then
/// exactly what the interpreter would have.
/// </remarks>
internal sealed class BlockContext
{
    const BindingFlags Any = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    public static readonly FieldInfo R = Field(nameof(ArmCpu.R));
    public static readonly FieldInfo NextPc = Field(nameof(ArmCpu.NextPc));
    public static readonly FieldInfo Executed = Field(nameof(ArmCpu.Executed));
    public static readonly FieldInfo StopAt = Field(nameof(ArmCpu.StopAt));
    public static readonly FieldInfo FetchPageVa = Field(nameof(ArmCpu.fetchPageVa));
    public static readonly FieldInfo MemoryFault = Field(nameof(ArmCpu.MemoryFault));
    public static readonly FieldInfo FlagN = Field(nameof(ArmCpu.FlagN));
    public static readonly FieldInfo FlagZ = Field(nameof(ArmCpu.FlagZ));
    public static readonly FieldInfo FlagC = Field(nameof(ArmCpu.FlagC));
    public static readonly FieldInfo FlagV = Field(nameof(ArmCpu.FlagV));

    public static FieldInfo Field(string name) => typeof(ArmCpu).GetField(name, Any)!;
    public static MethodInfo Method(string name) => typeof(ArmCpu).GetMethod(name, Any)!;

    public BlockContext(ILGenerator il, int length, bool thumb)
    {
        IL = il;
        Length = length;
        InsnSize = thumb ? 2 : 4;
        Exit = il.DefineLabel();
        Start = il.DefineLabel();
        Regs = il.DeclareLocal(typeof(uint).MakePointerType());
        State = new CachedState(il, n => () => EmitRegisterAddress(n));
        prologue = il.DefineLabel();
        EmitLoadRegsPointer();
        il.Emit(OpCodes.Br, prologue);
        il.MarkLabel(Start);
        executedAtStart = il.DeclareLocal(typeof(long));
        EmitLoadField(Executed);
        il.Emit(OpCodes.Stloc, executedAtStart);
        if (TranslationProfile.Enabled)
        {
            il.Emit(OpCodes.Ldc_I4, length);
            il.Emit(OpCodes.Call, typeof(TranslationProfile).GetMethod(nameof(TranslationProfile.BlockEntered))!);
        }
    }

    /// <summary>Instructions in the block.</summary>
    public int Length { get; }
    /// <summary>2 in Thumb state, 4 in ARM state; the PC reads as the instruction's address plus twice this.</summary>
    public int InsnSize { get; }
    /// <summary>The first instruction, with nothing pending: a branch back to the block's own
    /// start loops here instead of returning to the dispatcher (through <see cref="EmitLoopBack"/>).</summary>
    public Label Start { get; }
    // Loads what the first instructions use, emitted after the body once that is known.
    readonly Label prologue;

    /// <summary>Ends the IL: the prologue that loads the slots the block uses before its first
    /// handler call, then enters the body.</summary>
    public void EmitPrologue()
    {
        IL.MarkLabel(prologue);
        State.EmitEntryLoads();
        IL.Emit(OpCodes.Br, Start);
    }

    /// <summary>Jumps back to <see cref="Start"/>, which expects the state written back and the
    /// prologue's slots held (the registers and flags stay in host registers around the loop).</summary>
    public void EmitLoopBack()
    {
        State.EmitLoopBackLoads();
        IL.Emit(OpCodes.Br, Start);
    }

    public ILGenerator IL { get; }
    /// <summary>Returns from the block; only reached with the state written back.</summary>
    public Label Exit { get; }
    /// <summary>Byte offset of the current instruction from the block start.</summary>
    public int Offset { get; set; }

    /// <summary>R0-R14 and the flags in locals.</summary>
    readonly CachedState State;
    /// <summary>Local copy of ArmCpu.R (the register array pointer).</summary>
    readonly LocalBuilder Regs;
    /// <summary>Instructions begun but not yet added to Executed on every path.</summary>
    int pendingExecuted;
    /// <summary>Instructions begun since <see cref="Start"/>.</summary>
    int begun;
    /// <summary>Executed at <see cref="Start"/>: write-backs store it plus <see cref="begun"/>, so
    /// that writing back on one path only (a TLB miss) and again later counts nothing twice.
    /// Nothing but the run loops changes Executed.</summary>
    readonly LocalBuilder executedAtStart;
    /// <summary>Offset of the instruction whose R[15]/NextPc are not written back, or -1.</summary>
    int dirtyOffset = -1;
    readonly Dictionary<string, LocalBuilder> scratch = [];

    /// <summary>Called as each instruction begins: it counts as executed whatever its condition.</summary>
    public void BeginInstruction(int index)
    {
        int offset = index * InsnSize;
        Offset = offset;
        pendingExecuted++;
        begun = index + 1;
        dirtyOffset = offset;
    }

    /// <summary>Writes back R[15], NextPc (or <paramref name="nextPc"/>) and Executed as the
    /// interpreter would have them now; may be emitted on one path only, and repeated. Does not
    /// change what the compiler knows: use
    /// <see cref="MarkClean"/> when every path reaching the next instruction went through here.</summary>
    public void EmitWriteBack(Action? nextPc = null)
    {
        State.EmitWriteBack();
        if (dirtyOffset >= 0 || nextPc != null)
        {
            int off = dirtyOffset >= 0 ? dirtyOffset : Offset;
            EmitRegisterAddress(15);
            EmitPcAt(off, 2 * InsnSize);
            IL.Emit(OpCodes.Stind_I4);
            IL.Emit(OpCodes.Ldarg_0);
            if (nextPc != null) nextPc(); else EmitPcAt(off, InsnSize);
            IL.Emit(OpCodes.Stfld, NextPc);
        }
        if (pendingExecuted > 0)
        {
            IL.Emit(OpCodes.Ldarg_0);
            IL.Emit(OpCodes.Ldloc, executedAtStart);
            IL.Emit(OpCodes.Ldc_I8, (long)begun);
            IL.Emit(OpCodes.Add);
            IL.Emit(OpCodes.Stfld, Executed);
        }
    }

    public void MarkClean()
    {
        State.MarkClean();
        pendingExecuted = 0;
        dirtyOffset = -1;
    }

    /// <summary>After calling out of the block (with the state written back): the handler may have
    /// changed any register or flag, and a mode change may have switched the register bank.</summary>
    public void ReloadRegs()
    {
        EmitLoadRegsPointer();
        State.Forget();
    }

    void EmitLoadRegsPointer()
    {
        IL.Emit(OpCodes.Ldarg_0);
        IL.Emit(OpCodes.Ldfld, R);
        IL.Emit(OpCodes.Stloc, Regs);
    }

    /// <summary>Loads what a natively emitted instruction may touch: the registers named by its
    /// fields and, if <paramref name="flags"/>, the flags. Emitted before its condition test, so
    /// the locals are current on the paths that run it and the paths that skip it.</summary>
    public unsafe void EmitUse(Insn* d, bool flags)
    {
        EmitUseRegister(d->Rd);
        EmitUseRegister(d->Rn);
        EmitUseRegister(d->Rm);
        EmitUseRegister(d->Rs);
        if (flags) State.EmitUseFlags();
    }

    /// <summary>Loads R[n] into its local (the PC is never held: it is a constant per instruction).</summary>
    public void EmitUseRegister(int n)
    {
        if (n != 15) State.EmitUse(n);
    }

    public void EmitUseFlags() => State.EmitUseFlags();

    /// <summary>Reloads R[n]'s local from the field, where a handler ran on one path only.</summary>
    public void EmitReloadRegister(int n) => State.EmitReload(n);

    public void EmitLoadFlag(int slot) => State.EmitLoad(slot);

    /// <summary>Stores the value on the stack into a flag (N, Z, C or V of <see cref="CachedState"/>).</summary>
    public void EmitStoreFlag(int slot) => State.EmitStore(slot);

    /// <summary>Pushes the current instruction's address plus <paramref name="delta"/>.</summary>
    public void EmitPc(int delta) => EmitPcAt(Offset, delta);

    /// <summary>Pushes the current instruction's PC value (its address + 8, or + 4 in Thumb) plus <paramref name="delta"/>.</summary>
    public void EmitPcRead(int delta = 0) => EmitPcAt(Offset, 2 * InsnSize + delta);

    void EmitPcAt(int offset, int delta)
    {
        IL.Emit(OpCodes.Ldarg_1);
        IL.Emit(OpCodes.Ldc_I4, offset + delta);
        IL.Emit(OpCodes.Add);
    }

    void EmitRegisterAddress(int n)
    {
        IL.Emit(OpCodes.Ldloc, Regs);
        if (n != 0)
        {
            IL.Emit(OpCodes.Ldc_I4, n * 4);
            IL.Emit(OpCodes.Add);
        }
    }

    /// <summary>Pushes R[n]; the PC reads as the instruction's address + 8 (+ 4 in Thumb), as in the interpreter.</summary>
    public void EmitLoadRegister(int n)
    {
        if (n == 15) { EmitPcRead(); return; }
        State.EmitLoad(n);
    }

    /// <summary>R[n] = the value <paramref name="pushValue"/> pushes (never the PC).</summary>
    public void EmitStoreRegister(int n, Action pushValue)
    {
        if (n == 15) throw new InvalidOperationException("PC writes go through the interpreter's handlers");
        pushValue();
        State.EmitStore(n);
    }

    public void EmitLoadField(FieldInfo field)
    {
        IL.Emit(OpCodes.Ldarg_0);
        IL.Emit(OpCodes.Ldfld, field);
    }

    public void EmitStoreField(FieldInfo field, Action pushValue)
    {
        IL.Emit(OpCodes.Ldarg_0);
        pushValue();
        IL.Emit(OpCodes.Stfld, field);
    }

    /// <summary>A named scratch local, shared by all instructions of the block.</summary>
    public LocalBuilder Local(string name, Type type)
    {
        if (!scratch.TryGetValue(name, out var local))
        {
            local = IL.DeclareLocal(type);
            scratch[name] = local;
        }
        return local;
    }
}

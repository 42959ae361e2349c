using System.Reflection;
using System.Reflection.Emit;

namespace Cloister.Arm.Jit;

/// <summary>
/// R0-R14 and the N, Z, C, V flags held in IL locals within a block, so that the .NET JIT keeps
/// them in host registers and drops flag results nothing reads. The fields stay the architectural
/// state: a slot is loaded from its field before its first use (<see cref="EmitUse"/>, which must
/// run on the path every later use shares, i.e. before an instruction's condition test), and
/// written back wherever something can observe it (<see cref="EmitWriteBack"/>: handler calls,
/// memory accesses, exits). After a handler call the fields may have changed: <see cref="Forget"/>.
/// </summary>
internal sealed class CachedState(ILGenerator il, Func<int, Action> fieldAddress)
{
    /// <summary>Slots 0-14 are registers; these are the flags.</summary>
    public const int N = 15, Z = 16, C = 17, V = 18;
    const int Slots = 19;

    static readonly FieldInfo[] FlagFields = [BlockContext.FlagN, BlockContext.FlagZ, BlockContext.FlagC, BlockContext.FlagV];

    readonly LocalBuilder?[] locals = new LocalBuilder?[Slots];
    readonly bool[] loaded = new bool[Slots];
    // Written since the last write-back on some path (a superset is harmless: the local is current).
    readonly bool[] dirty = new bool[Slots];

    LocalBuilder LocalFor(int slot) => locals[slot] ??= il.DeclareLocal(typeof(uint));

    // Until the first Forget the block has not called out: uses there are loaded once, by the
    // prologue, before the loop-back point.
    bool inEntry = true;
    readonly List<int> entryLoads = [];

    /// <summary>Loads the slot from its field unless it is already held.</summary>
    public void EmitUse(int slot)
    {
        if (loaded[slot]) return;
        if (inEntry)
        {
            LocalFor(slot);
            entryLoads.Add(slot);
        }
        else
        {
            EmitLoadField(slot);
            il.Emit(OpCodes.Stloc, LocalFor(slot));
        }
        loaded[slot] = true;
    }

    public void EmitEntryLoads()
    {
        foreach (int slot in entryLoads)
        {
            EmitLoadField(slot);
            il.Emit(OpCodes.Stloc, locals[slot]!);
        }
    }

    /// <summary>Before jumping back to the start, on a path that has written the state back:
    /// reloads the prologue's slots that a handler call made stale.</summary>
    public void EmitLoopBackLoads()
    {
        foreach (int slot in entryLoads)
        {
            if (loaded[slot]) continue;
            EmitLoadField(slot);
            il.Emit(OpCodes.Stloc, locals[slot]!);
        }
    }

    public void EmitUseFlags()
    {
        for (int s = N; s <= V; s++) EmitUse(s);
    }

    public void EmitLoad(int slot)
    {
        if (!loaded[slot]) throw new InvalidOperationException($"slot {slot} used before EmitUse");
        il.Emit(OpCodes.Ldloc, locals[slot]!);
    }

    /// <summary>Stores the value on the stack into the slot.</summary>
    public void EmitStore(int slot)
    {
        if (!loaded[slot]) throw new InvalidOperationException($"slot {slot} written before EmitUse");
        il.Emit(OpCodes.Stloc, locals[slot]!);
        dirty[slot] = true;
    }

    /// <summary>Reloads a held slot from its field (after a handler wrote the field).</summary>
    public void EmitReload(int slot)
    {
        if (!loaded[slot]) return;
        EmitLoadField(slot);
        il.Emit(OpCodes.Stloc, locals[slot]!);
    }

    /// <summary>Stores every slot written since the last <see cref="MarkClean"/> to its field.</summary>
    public void EmitWriteBack()
    {
        for (int s = 0; s < Slots; s++)
        {
            if (!dirty[s]) continue;
            if (s < N)
            {
                fieldAddress(s)();
                il.Emit(OpCodes.Ldloc, locals[s]!);
                il.Emit(OpCodes.Stind_I4);
            }
            else
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldloc, locals[s]!);
                il.Emit(OpCodes.Stfld, FlagFields[s - N]);
            }
        }
    }

    /// <summary>Every path here went through <see cref="EmitWriteBack"/>.</summary>
    public void MarkClean() => Array.Clear(dirty);

    /// <summary>The fields may have changed (a handler ran): reload slots before their next use.</summary>
    public void Forget()
    {
        if (dirty.Contains(true)) throw new InvalidOperationException("forgetting unwritten state");
        Array.Clear(loaded);
        inEntry = false;
    }

    void EmitLoadField(int slot)
    {
        if (slot < N)
        {
            fieldAddress(slot)();
            il.Emit(OpCodes.Ldind_U4);
        }
        else
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldfld, FlagFields[slot - N]);
        }
    }
}

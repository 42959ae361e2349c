using Cloister.Arm.Disassembly;

namespace Cloister.Arm;

/// <summary>
/// Text for -d in_asm: GNU assembler syntax as arm-none-eabi-objdump prints it (without its
/// trailing comments), laid out like QEMU's in_asm (mnemonic padded to a column, then operands).
/// Only called when in_asm logging is on; never affects execution. Thumb BL/BLX halves are shown
/// separately (see <see cref="ThumbDisassembler"/>).
/// </summary>
internal static class Disassembler
{
    const int MnemonicWidth = 8;

    public static string Arm(uint raw, uint pc) => Columns(ArmDisassembler.Disassemble(raw, pc));

    public static string Thumb(uint raw, uint pc) => Columns(ThumbDisassembler.Disassemble(raw, pc));

    /// <summary>Replaces objdump's tab after the mnemonic with padding, so operands line up in a log.</summary>
    static string Columns(string text)
    {
        int tab = text.IndexOf('\t');
        if (tab < 0) return text;
        return text[..tab].PadRight(MnemonicWidth - 1) + " " + text[(tab + 1)..];
    }
}

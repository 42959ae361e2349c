namespace Cloister.Flask.Binary;

/// <summary>A binary policy that cannot be accepted: says what is wrong and at which byte offset.</summary>
public sealed class PolicyFormatException(string message, long offset)
    : Exception($"{message} (at byte {offset})")
{
    public long Offset { get; } = offset;
}

namespace Cloister.Flask.Model;

/// <summary>An MLS level: a sensitivity (value from 1) and a set of categories (bit = value - 1).</summary>
public readonly record struct MlsLevel(int Sensitivity, Ebitmap Categories)
{
    public static readonly MlsLevel None = new(0, Ebitmap.Empty);

    /// <summary>This level dominates <paramref name="other"/>: higher or equal sensitivity and a superset of categories.</summary>
    public bool Dominates(MlsLevel other) =>
        Sensitivity >= other.Sensitivity && other.Categories.IsSubsetOf(Categories);

    public bool Incomparable(MlsLevel other) => !Dominates(other) && !other.Dominates(this);

    public bool Equals(MlsLevel other) => Sensitivity == other.Sensitivity && Categories.Equals(other.Categories);
    public override int GetHashCode() => HashCode.Combine(Sensitivity, Categories);
}

/// <summary>An MLS range: the low (effective) and high (clearance) levels.</summary>
public readonly record struct MlsRange(MlsLevel Low, MlsLevel High)
{
    public static readonly MlsRange None = new(MlsLevel.None, MlsLevel.None);

    public bool Contains(MlsRange inner) => inner.Low.Dominates(Low) && High.Dominates(inner.High);
}

namespace Cloister.Flask.Model;

/// <summary>A set of permissions shared by several classes (common).</summary>
public sealed record CommonDatum(string Name, int Value, string[] Permissions);

/// <summary>An object class: its permissions (index = bit), constraints and labelling defaults.</summary>
public sealed class ClassDatum
{
    public required string Name { get; init; }
    public required int Value { get; init; }
    public string? CommonName { get; init; }
    /// <summary>Permission names by bit; null where a bit has no permission.</summary>
    public required string?[] Permissions { get; init; }
    public required Constraint[] Constraints { get; init; }
    public required Constraint[] ValidateTrans { get; init; }
    public int DefaultUser { get; init; }
    public int DefaultRole { get; init; }
    public int DefaultRange { get; init; }
    public int DefaultType { get; init; }

    /// <summary>Mask of the bits this class defines.</summary>
    public uint DefinedMask
    {
        get
        {
            uint m = 0;
            for (int i = 0; i < Permissions.Length; i++) if (Permissions[i] is not null) m |= 1u << i;
            return m;
        }
    }

    public int PermissionBit(string name) => Array.IndexOf(Permissions, name);
}

public sealed record RoleDatum(string Name, int Value, int Bounds, Ebitmap Dominates, Ebitmap Types);

public sealed record TypeDatum(string Name, int Value, bool IsAttribute, int Bounds);

public sealed record UserDatum(string Name, int Value, int Bounds, Ebitmap Roles, MlsRange Range, MlsLevel DefaultLevel);

public sealed record BoolDatum(string Name, int Value, bool DefaultState);

public sealed record SensitivityDatum(string Name, bool IsAlias, MlsLevel Level);

public sealed record CategoryDatum(string Name, int Value, bool IsAlias);

namespace Cloister.Flask.Model;

/// <summary>What the security server does with classes and permissions the policy does not define.</summary>
public enum HandleUnknown { Deny = 0, Reject = 2, Allow = 4 }

/// <summary>
/// A loaded binary policy: symbol tables indexed by value - 1, the rule tables and the
/// object contexts. Built only by <see cref="Binary.PolicyReader"/>, which validates it.
/// </summary>
public sealed class PolicyDb
{
    public required int Version { get; init; }
    public required bool Mls { get; init; }
    public required HandleUnknown HandleUnknown { get; init; }
    public required Ebitmap PolicyCapabilities { get; init; }
    /// <summary>Bit n set: type value n is permissive.</summary>
    public required Ebitmap PermissiveTypes { get; init; }

    public required CommonDatum[] Commons { get; init; }
    public required ClassDatum[] Classes { get; init; }
    public required RoleDatum[] Roles { get; init; }
    public required TypeDatum[] Types { get; init; }
    public required UserDatum[] Users { get; init; }
    public required BoolDatum[] Bools { get; init; }
    public required SensitivityDatum[] Sensitivities { get; init; }
    public required CategoryDatum[] Categories { get; init; }

    public required Dictionary<string, int> ClassByName { get; init; }
    public required Dictionary<string, int> RoleByName { get; init; }
    /// <summary>Type, attribute and alias names to type values.</summary>
    public required Dictionary<string, int> TypeByName { get; init; }
    public required Dictionary<string, int> UserByName { get; init; }
    public required Dictionary<string, int> BoolByName { get; init; }
    /// <summary>Sensitivity names and aliases to sensitivity values.</summary>
    public required Dictionary<string, int> SensitivityByName { get; init; }
    public required Dictionary<string, int> CategoryByName { get; init; }
    /// <summary>Allowed categories of each sensitivity (index value - 1).</summary>
    public required Ebitmap[] SensitivityCategories { get; init; }

    public required AvEntry[] AvTab { get; init; }
    public required CondNode[] Conditionals { get; init; }
    public required RoleTransition[] RoleTransitions { get; init; }
    public required RoleAllow[] RoleAllows { get; init; }
    public required ObjectContexts ObjectContexts { get; init; }
    public required RangeTransition[] RangeTransitions { get; init; }
    /// <summary>For each type (index value - 1), the type itself and its attributes, as bits value - 1.</summary>
    public required int[][] TypeAttributes { get; init; }

    public const int ObjectRole = 1;

    public int AttributeCount => Types.Count(t => t.IsAttribute);
    public int ConstraintCount => Classes.Sum(c => c.Constraints.Length);
    public int ConditionalRuleCount => Conditionals.Sum(n => n.TrueRules.Length + n.FalseRules.Length);

    public string ClassName(int value) => Classes[value - 1].Name;
    public string TypeName(int value) => Types[value - 1].Name;
}

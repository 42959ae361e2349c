namespace Cloister.Arm;

/// <summary>Short-descriptor fault status codes (FSR[3:0], plus FSR[10] on ARMv6), as ARMv5/v6 report them.</summary>
internal static class FaultStatus
{
    public const uint Alignment = 0x1;
    public const uint DebugEvent = 0x2;
    public const uint TranslationSection = 0x5;
    public const uint TranslationPage = 0x7;
    public const uint DomainSection = 0x9;
    public const uint DomainPage = 0xB;
    public const uint PermissionSection = 0xD;
    public const uint PermissionPage = 0xF;
    public const uint ExternalAbortSection = 0x8;
    public const uint ExternalAbortPage = 0xA;
    public const uint ExternalAbortOnWalkLevel1 = 0xC;
    public const uint ExternalAbortOnWalkLevel2 = 0xE;
    /// <summary>Precise external abort outside a table walk (device or unassigned address).</summary>
    public const uint SyncExternal = 0x8;
}

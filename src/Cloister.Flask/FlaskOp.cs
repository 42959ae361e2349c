namespace Cloister.Flask;

/// <summary>
/// flask_op sub-commands of the xsm_op hypercall (27), with Xen's numbers
/// (xen/include/public/xsm/flask_op.h), and the security server call each one maps to.
/// </summary>
public static class FlaskOp
{
    public const int InterfaceVersion = 1;

    public const int Load = 1;            // SecurityServer.Load
    public const int GetEnforce = 2;      // SecurityServer.Enforcing
    public const int SetEnforce = 3;      // SecurityServer.SetEnforcing
    public const int ContextToSid = 4;    // SecurityServer.ContextToSid
    public const int SidToContext = 5;    // SecurityServer.SidToContext
    public const int Access = 6;          // SecurityServer.ComputeAv (or Avc.Lookup)
    public const int Create = 7;          // SecurityServer.TransitionSid
    public const int Relabel = 8;         // SecurityServer.ChangeSid
    public const int PolicyVersion = 10;  // PolicyDb.Version
    public const int GetBool = 11;        // SecurityServer.GetBool
    public const int SetBool = 12;        // SecurityServer.SetBool
    public const int CommitBools = 13;    // SecurityServer.CommitBools
    public const int Mls = 14;            // PolicyDb.Mls
    public const int AvcCacheStats = 19;  // Avc.Statistics
    public const int Member = 20;         // SecurityServer.MemberSid
}

namespace Cloister.Arm;

/// <summary>What an access wants to do with memory; decides the permission checked.</summary>
internal enum AccessType
{
    Read,
    Write,
    Execute,
}

using System.Buffers.Binary;
using System.Text;

namespace Cloister.Toolstack.XenStore;

/// <summary>Message types of the xenstore protocol (xen/include/public/io/xs_wire.h, enum xsd_sockmsg_type).</summary>
public enum XsType : uint
{
    Directory = 1, Read = 2, GetPerms = 3, Watch = 4, Unwatch = 5, TransactionStart = 6, TransactionEnd = 7,
    Introduce = 8, Release = 9, GetDomainPath = 10, Write = 11, Mkdir = 12, Rm = 13, SetPerms = 14,
    WatchEvent = 15, Error = 16,
}

/// <summary>One message: the 16-byte header {u32 type, u32 req_id, u32 tx_id, u32 len} and its payload.</summary>
public sealed record XsMessage(XsType Type, uint RequestId, uint TransactionId, byte[] Payload)
{
    public const int HeaderSize = 16;
    /// <summary>XENSTORE_PAYLOAD_MAX.</summary>
    public const int PayloadMax = 4096;

    public byte[] ToBytes()
    {
        var b = new byte[HeaderSize + Payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)Type);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), RequestId);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), TransactionId);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), (uint)Payload.Length);
        Payload.CopyTo(b, HeaderSize);
        return b;
    }

    /// <summary>The payload split at NULs (a trailing NUL ends the last string, it does not start another).</summary>
    public string[] Strings()
    {
        var s = Encoding.UTF8.GetString(Payload);
        if (s.EndsWith('\0')) s = s[..^1];
        return s.Length == 0 && Payload.Length == 0 ? [] : s.Split('\0');
    }

    /// <summary>Strings each ended by a NUL, as replies and watch events carry them.</summary>
    public static byte[] Join(IEnumerable<string> strings) => Encoding.UTF8.GetBytes(string.Concat(strings.Select(x => x + "\0")));
}

/// <summary>Xen's error replies: an ERROR message whose payload is the errno's name (xs_wire.h xsd_errors).</summary>
public static class XsError
{
    public const string EINVAL = "EINVAL", EACCES = "EACCES", EEXIST = "EEXIST", EISDIR = "EISDIR", ENOENT = "ENOENT",
        ENOMEM = "ENOMEM", ENOSPC = "ENOSPC", EIO = "EIO", ENOTEMPTY = "ENOTEMPTY", ENOSYS = "ENOSYS", EROFS = "EROFS",
        EBUSY = "EBUSY", EAGAIN = "EAGAIN", EISCONN = "EISCONN", E2BIG = "E2BIG", EPERM = "EPERM";
}

/// <summary>A store operation refused with one of <see cref="XsError"/>'s names.</summary>
public sealed class XsException(string error) : Exception(error)
{
    public string Error { get; } = error;
}

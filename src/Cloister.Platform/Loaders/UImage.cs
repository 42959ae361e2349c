using System.Buffers.Binary;
using System.IO.Compression;

namespace Cloister.Platform.Loaders;

/// <summary>
/// U-Boot legacy images (64-byte big-endian header, magic 0x27051956) as QEMU's
/// load_uboot_image reads them: kernel, kernel_noload and ramdisk types, gzip or no compression.
/// </summary>
public sealed class UImage
{
    public const uint Magic = 0x27051956;
    public const int HeaderSize = 64;
    public const byte TypeKernel = 2, TypeRamdisk = 3, TypeKernelNoload = 14;
    public const byte OsLinux = 5;
    public const byte CompNone = 0, CompGzip = 1;
    const int MaxGunzipBytes = 64 << 20;

    public uint Size { get; init; }
    public uint LoadAddress { get; init; }
    public uint EntryPoint { get; init; }
    public byte Os { get; init; }
    public byte Arch { get; init; }
    public byte Type { get; init; }
    public byte Compression { get; init; }
    public string ImageName { get; init; } = "";

    public static bool HasMagic(ReadOnlySpan<byte> file) =>
        file.Length >= HeaderSize && BinaryPrimitives.ReadUInt32BigEndian(file) == Magic;

    public static UImage ParseHeader(ReadOnlySpan<byte> file)
    {
        var nameBytes = file.Slice(32, 32);
        int nul = nameBytes.IndexOf((byte)0);
        return new UImage
        {
            Size = BinaryPrimitives.ReadUInt32BigEndian(file[12..]),
            LoadAddress = BinaryPrimitives.ReadUInt32BigEndian(file[16..]),
            EntryPoint = BinaryPrimitives.ReadUInt32BigEndian(file[20..]),
            Os = file[28],
            Arch = file[29],
            Type = file[30],
            Compression = file[31],
            ImageName = System.Text.Encoding.Latin1.GetString(nul < 0 ? nameBytes : nameBytes[..nul]),
        };
    }

    /// <summary>The payload, decompressed when the header says gzip; null (with a reason) when
    /// QEMU would refuse the image.</summary>
    public byte[]? Payload(ReadOnlySpan<byte> file, out string? error)
    {
        error = null;
        if ((ulong)HeaderSize + Size > (ulong)file.Length)
        {
            error = "Error reading file";
            return null;
        }
        var data = file.Slice(HeaderSize, (int)Size).ToArray();
        if (Compression == CompNone) return data;
        if (Compression != CompGzip)
        {
            error = $"Unable to load u-boot images with compression type {Compression}";
            return null;
        }
        try
        {
            using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buf = new byte[81920];
            int n;
            while ((n = gz.Read(buf, 0, buf.Length)) > 0)
            {
                output.Write(buf, 0, n);
                if (output.Length > MaxGunzipBytes) break;
            }
            if (output.Length > MaxGunzipBytes) output.SetLength(MaxGunzipBytes);
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            error = "Unable to decompress gzipped image!";
            return null;
        }
    }
}

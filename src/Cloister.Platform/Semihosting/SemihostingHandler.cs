using System.Buffers.Binary;
using System.Text;
using Cloister.Arm;
using Cloister.Platform.Devices;

namespace Cloister.Platform.Semihosting;

/// <summary>
/// ARM semihosting (QEMU semihosting/arm-compat-semi.c) for 32-bit guests: <c>SVC 0x123456</c>
/// in ARM state or <c>SVC 0xAB</c> in Thumb state, from a privileged mode. Operation in r0,
/// parameter (usually a pointer to an argument block) in r1, result in r0.
/// </summary>
/// <remarks>
/// As QEMU 7.2 with -nographic: the semihosting console (SYS_WRITEC, SYS_WRITE0, SYS_READC)
/// is a separate stream — QEMU sends it to stderr — while the special file ":tt" opened for
/// writing is the host's stdout (for append: stderr; for reading: stdin).
/// </remarks>
public sealed class SemihostingHandler : IExceptionHook
{
    public const uint SysOpen = 0x01, SysClose = 0x02, SysWriteC = 0x03, SysWrite0 = 0x04, SysWrite = 0x05,
        SysRead = 0x06, SysReadC = 0x07, SysIsError = 0x08, SysIsTty = 0x09, SysSeek = 0x0A, SysFlen = 0x0C,
        SysTmpnam = 0x0D, SysRemove = 0x0E, SysRename = 0x0F, SysClock = 0x10, SysTime = 0x11, SysSystem = 0x12,
        SysErrno = 0x13, SysGetCmdline = 0x15, SysHeapInfo = 0x16, SysExit = 0x18, SysExitExtended = 0x20,
        SysElapsed = 0x30, SysTickFreq = 0x31;

    public const uint AdpStoppedApplicationExit = 0x20026;

    const int EBADF = 9, EINVAL = 22, EFAULT = 14, ENOENT = 2, EACCES = 13, EIO = 5, ENOSYS = 38, EEXIST = 17;

    /// <summary>Contents of the ":semihosting-features" file: magic "SHFB" and one feature byte
    /// (EXIT_EXTENDED | STDOUT_STDERR).</summary>
    static readonly byte[] FeatureFile = [0x53, 0x48, 0x46, 0x42, 0x03];

    readonly Machine machine;
    readonly ICharBackend console;
    readonly ICharBackend hostStdout;
    readonly ICharBackend hostStderr;
    readonly IHostInput? input;
    readonly Dictionary<int, GuestFile> files = [];
    readonly string cmdline;
    int errno;

    public SemihostingHandler(Machine machine, ICharBackend console, IHostInput? input,
        ICharBackend? hostStdout = null, ICharBackend? hostStderr = null, string? cmdline = null)
    {
        this.machine = machine;
        this.console = console;
        this.input = input;
        this.hostStdout = hostStdout ?? machine.SerialBackend(0);
        this.hostStderr = hostStderr ?? console;
        this.cmdline = cmdline ?? BuildCmdline(machine.Config);
    }

    /// <summary>QEMU's fallback command line: the kernel file name followed by the words of -append.</summary>
    static string BuildCmdline(MachineConfig config)
    {
        if (config.SemihostingArgs.Count > 0) return string.Join(' ', config.SemihostingArgs);
        var parts = new List<string>();
        if (config.Kernel is not null) parts.Add(config.Kernel);
        if (!string.IsNullOrEmpty(config.Append))
            parts.AddRange(config.Append.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return string.Join(' ', parts);
    }

    public bool OnException(ArmCpu cpu, ArmException kind)
    {
        if (kind != ArmException.SupervisorCall || cpu.Mode == CpuMode.User) return false;
        uint pc = cpu.Pc;
        uint next;
        if (cpu.Thumb)
        {
            Span<byte> b = stackalloc byte[2];
            if (!cpu.ReadVirtual(pc, b)) return false;
            ushort insn = BinaryPrimitives.ReadUInt16LittleEndian(b);
            if (insn != 0xDFAB) return false;
            next = pc + 2;
        }
        else
        {
            Span<byte> b = stackalloc byte[4];
            if (!cpu.ReadVirtual(pc, b)) return false;
            uint insn = BinaryPrimitives.ReadUInt32LittleEndian(b);
            if ((insn & 0x0FFFFFFF) != 0x0F123456) return false;
            next = pc + 4;
        }
        uint result = Call(cpu, cpu.GetRegister(0), cpu.GetRegister(1));
        cpu.SetRegister(0, result);
        cpu.Pc = next;
        return true;
    }

    uint Fail(int err)
    {
        errno = err;
        return 0xFFFFFFFF;
    }

    bool Arg(ArmCpu cpu, uint block, int index, out uint value)
    {
        Span<byte> b = stackalloc byte[4];
        if (!cpu.ReadVirtual(block + (uint)(index * 4), b))
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadUInt32LittleEndian(b);
        return true;
    }

    static byte[]? ReadGuest(ArmCpu cpu, uint address, uint length)
    {
        var data = new byte[length];
        return cpu.ReadVirtual(address, data) ? data : null;
    }

    static string? ReadString(ArmCpu cpu, uint address, int max = 1 << 16)
    {
        var bytes = new List<byte>();
        Span<byte> b = stackalloc byte[1];
        while (bytes.Count < max)
        {
            if (!cpu.ReadVirtual(address + (uint)bytes.Count, b)) return null;
            if (b[0] == 0) return Encoding.Latin1.GetString(bytes.ToArray());
            bytes.Add(b[0]);
        }
        return null;
    }

    uint Call(ArmCpu cpu, uint op, uint arg)
    {
        switch (op)
        {
            case SysOpen: return Open(cpu, arg);
            case SysClose:
            {
                if (!Arg(cpu, arg, 0, out uint h)) return Fail(EFAULT);
                if (!files.Remove((int)h, out var f)) return Fail(EBADF);
                f.Dispose();
                return 0;
            }
            case SysWriteC:
            {
                var c = ReadGuest(cpu, arg, 1);
                if (c is null) return Fail(EFAULT);
                console.Write(c[0]);
                return 0;
            }
            case SysWrite0:
            {
                // Streamed to the console as it is read: a string of any length prints whole, as
                // under QEMU, and no buffer grows with it.
                Span<byte> b = stackalloc byte[1];
                for (uint at = arg; ; at++)
                {
                    if (!cpu.ReadVirtual(at, b)) return Fail(EFAULT);
                    if (b[0] == 0) return 0;
                    console.Write(b[0]);
                }
            }
            case SysWrite:
            {
                if (!Arg(cpu, arg, 0, out uint h) || !Arg(cpu, arg, 1, out uint buf) || !Arg(cpu, arg, 2, out uint len))
                    return Fail(EFAULT);
                if (!files.TryGetValue((int)h, out var f)) return Fail(EBADF);
                var data = ReadGuest(cpu, buf, len);
                if (data is null) return Fail(EFAULT);
                int written = f.Write(data, out int err);
                if (written < 0) return Fail(err);
                return len - (uint)written;
            }
            case SysRead:
            {
                if (!Arg(cpu, arg, 0, out uint h) || !Arg(cpu, arg, 1, out uint buf) || !Arg(cpu, arg, 2, out uint len))
                    return Fail(EFAULT);
                if (!files.TryGetValue((int)h, out var f)) return Fail(EBADF);
                var data = new byte[len];
                int n = f.Read(data, out int err);
                if (n < 0) return Fail(err);
                if (n > 0 && !cpu.WriteVirtual(buf, data.AsSpan(0, n))) return Fail(EFAULT);
                return len - (uint)n;
            }
            case SysReadC:
            {
                if (input is not null && input.ReadBlocking(out byte b, machine.CancelToken)) return b;
                return 0xFFFFFFFF;
            }
            case SysIsError:
            {
                if (!Arg(cpu, arg, 0, out uint v)) return Fail(EFAULT);
                return (int)v < 0 ? 1u : 0u;
            }
            case SysIsTty:
            {
                if (!Arg(cpu, arg, 0, out uint h)) return Fail(EFAULT);
                if (!files.TryGetValue((int)h, out var f)) return Fail(EBADF);
                if (f.IsTty) return 1;
                errno = ENOTTY;
                return 0;
            }
            case SysSeek:
            {
                if (!Arg(cpu, arg, 0, out uint h) || !Arg(cpu, arg, 1, out uint pos)) return Fail(EFAULT);
                if (!files.TryGetValue((int)h, out var f)) return Fail(EBADF);
                return f.Seek(pos, out int err) ? 0 : Fail(err);
            }
            case SysFlen:
            {
                if (!Arg(cpu, arg, 0, out uint h)) return Fail(EFAULT);
                if (!files.TryGetValue((int)h, out var f)) return Fail(EBADF);
                long len = f.Length(out int err);
                return len < 0 ? Fail(err) : (uint)len;
            }
            case SysRemove:
            {
                if (!Arg(cpu, arg, 0, out uint p)) return Fail(EFAULT);
                var name = ReadString(cpu, p);
                if (name is null) return Fail(EFAULT);
                try
                {
                    if (!File.Exists(name)) return Fail(ENOENT);
                    File.Delete(name);
                    return 0;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Fail(ErrnoOf(e)); }
            }
            case SysRename:
            {
                if (!Arg(cpu, arg, 0, out uint p1) || !Arg(cpu, arg, 2, out uint p2)) return Fail(EFAULT);
                var from = ReadString(cpu, p1);
                var to = ReadString(cpu, p2);
                if (from is null || to is null) return Fail(EFAULT);
                try
                {
                    File.Move(from, to, overwrite: true);
                    return 0;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Fail(ErrnoOf(e)); }
            }
            case SysClock:
                return (uint)(machine.Clock.NowNs / 10_000_000); // centiseconds of virtual time
            case SysTime:
                return (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            case SysSystem:
                return Fail(ENOSYS);
            case SysErrno:
                return (uint)errno;
            case SysGetCmdline:
            {
                if (!Arg(cpu, arg, 0, out uint buf) || !Arg(cpu, arg, 1, out uint size)) return Fail(EFAULT);
                var bytes = Encoding.Latin1.GetBytes(cmdline + "\0");
                if (bytes.Length > size) return Fail(E2BIG);
                if (!cpu.WriteVirtual(buf, bytes)) return Fail(EFAULT);
                Span<byte> w = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(w, (uint)(bytes.Length - 1));
                if (!cpu.WriteVirtual(arg + 4, w)) return Fail(EFAULT);
                return 0;
            }
            case SysHeapInfo:
            {
                if (!Arg(cpu, arg, 0, out uint block)) return Fail(EFAULT);
                var (heapBase, heapLimit) = LargestFreeGap();
                Span<byte> w = stackalloc byte[16];
                BinaryPrimitives.WriteUInt32LittleEndian(w, heapBase);         // heap base
                BinaryPrimitives.WriteUInt32LittleEndian(w[4..], heapLimit);   // heap limit
                BinaryPrimitives.WriteUInt32LittleEndian(w[8..], heapLimit);   // stack base
                BinaryPrimitives.WriteUInt32LittleEndian(w[12..], heapBase);   // stack limit
                if (!cpu.WriteVirtual(block, w)) return Fail(EFAULT);
                return 0;
            }
            case SysExit:
                Exit(arg == AdpStoppedApplicationExit ? 0 : 1);
                return 0;
            case SysExitExtended:
            {
                if (!Arg(cpu, arg, 0, out uint reason) || !Arg(cpu, arg, 1, out uint code)) return Fail(EFAULT);
                Exit(reason == AdpStoppedApplicationExit ? (int)code : 1);
                return 0;
            }
            case SysElapsed:
            {
                ulong ticks = (ulong)machine.Clock.NowNs;
                Span<byte> w = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(w, ticks);
                if (!cpu.WriteVirtual(arg, w)) return Fail(EFAULT);
                return 0;
            }
            case SysTickFreq:
                return 1_000_000_000;
            default:
                foreach (char ch in $"qemu: Unsupported SemiHosting SWI 0x{op:x2}\n") hostStderr.Write((byte)ch);
                machine.Stop(StopReason.Error, 1);
                return Fail(ENOSYS);
        }
    }

    const int ENOTTY = 25, E2BIG = 7;

    /// <summary>QEMU's rom_find_largest_gap_between over RAM: the largest range no loaded blob
    /// (ROM in QEMU's terms: images, stub, DTB — not the ATAGs) touches.</summary>
    (uint Base, uint Limit) LargestFreeGap()
    {
        ulong ramBase = machine.Bus.RamBase, ramEnd = ramBase + machine.RamSize;
        var marks = new List<(ulong At, int Se)>();
        foreach (var blob in machine.Image?.Blobs ?? [])
        {
            if (blob.Name == "atags") continue;
            ulong start = blob.Address, end = start + (ulong)blob.Data.Length;
            if (end <= ramBase || start >= ramEnd) continue;
            marks.Add((start, 1));
            if (end < ramEnd) marks.Add((end, -1));
        }
        marks.Add((ramEnd, 1)); // sentinel
        marks.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : b.Se.CompareTo(a.Se));
        ulong gapStart = ramBase, bestBase = 0, bestSize = 0;
        int count = 0;
        foreach (var (at, se) in marks)
        {
            if (count == 0 && count + se == 1)
            {
                ulong gap = at - gapStart;
                if (gap > bestSize) { bestBase = gapStart; bestSize = gap; }
            }
            else if (count == 1 && count + se == 0)
            {
                gapStart = at;
            }
            count += se;
        }
        return ((uint)bestBase, (uint)(bestBase + bestSize));
    }

    void Exit(int code)
    {
        console.Flush();
        hostStdout.Flush();
        machine.Stop(StopReason.SemihostingExit, code);
    }

    uint Open(ArmCpu cpu, uint arg)
    {
        if (!Arg(cpu, arg, 0, out uint namePtr) || !Arg(cpu, arg, 1, out uint mode) || !Arg(cpu, arg, 2, out uint len))
            return Fail(EFAULT);
        var nameBytes = ReadGuest(cpu, namePtr, len + 1);
        if (nameBytes is null) return Fail(EFAULT);
        string name = Encoding.Latin1.GetString(nameBytes, 0, (int)len);
        if (mode >= 12) return Fail(EINVAL);
        GuestFile file;
        if (name == ":tt")
        {
            var c = machine.Config;
            file = mode < 4 ? new ConsoleFile(null, input, c.HostStdinIsTty, () => machine.CancelToken)
                : mode < 8 ? new ConsoleFile(hostStdout, null, c.HostStdoutIsTty, () => default)
                : new ConsoleFile(hostStderr, null, c.HostStderrIsTty, () => default);
        }
        else if (name == ":semihosting-features")
        {
            if (mode >= 2) return Fail(EACCES);
            file = new MemoryFile(FeatureFile);
        }
        else
        {
            try
            {
                file = new HostFile(OpenHost(name, mode));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Fail(ErrnoOf(e));
            }
        }
        int handle = 1;
        while (files.ContainsKey(handle)) handle++;
        files[handle] = file;
        return (uint)handle;
    }

    static FileStream OpenHost(string name, uint mode) => (mode >> 2) switch
    {
        0 => new FileStream(name, FileMode.Open, (mode & 2) != 0 ? FileAccess.ReadWrite : FileAccess.Read),
        1 => new FileStream(name, FileMode.Create, (mode & 2) != 0 ? FileAccess.ReadWrite : FileAccess.Write),
        _ => OpenAppend(name, (mode & 2) != 0),
    };

    static FileStream OpenAppend(string name, bool read)
    {
        var fs = new FileStream(name, FileMode.OpenOrCreate, read ? FileAccess.ReadWrite : FileAccess.Write);
        fs.Seek(0, SeekOrigin.End);
        return fs;
    }

    static int ErrnoOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => ENOENT,
        UnauthorizedAccessException => EACCES,
        ArgumentException or NotSupportedException => EINVAL,
        IOException io when io.HResult == 17 => EEXIST,
        _ => EIO,
    };

    abstract class GuestFile : IDisposable
    {
        public virtual bool IsTty => false;
        public abstract int Write(byte[] data, out int err);
        public abstract int Read(byte[] data, out int err);
        public virtual bool Seek(uint pos, out int err) { err = EBADF; return false; }
        public virtual long Length(out int err) { err = EBADF; return -1; }
        public virtual void Dispose() { }
    }

    /// <summary>":tt": the host's stdin, stdout or stderr (a tty only when the host's stream is one).</summary>
    sealed class ConsoleFile(ICharBackend? output, IHostInput? input, bool isTty, Func<CancellationToken> cancel) : GuestFile
    {
        public override bool IsTty => isTty;

        public override int Write(byte[] data, out int err)
        {
            err = 0;
            if (output is null) { err = EBADF; return -1; }
            foreach (var b in data) output.Write(b);
            output.Flush();
            return data.Length;
        }

        public override int Read(byte[] data, out int err)
        {
            err = 0;
            if (output is not null) { err = EBADF; return -1; }
            if (input is null || data.Length == 0) return 0;
            int n = 0;
            if (!input.ReadBlocking(out byte first, cancel())) return 0;
            data[n++] = first;
            while (n < data.Length && first != (byte)'\n' && input.ReadBlocking(out byte b, cancel()))
            {
                data[n++] = b;
                if (b == (byte)'\n') break;
            }
            return n;
        }
    }

    sealed class MemoryFile(byte[] content) : GuestFile
    {
        int pos;

        public override int Write(byte[] data, out int err) { err = EBADF; return -1; }

        public override int Read(byte[] data, out int err)
        {
            err = 0;
            int n = Math.Min(data.Length, content.Length - pos);
            Array.Copy(content, pos, data, 0, n);
            pos += n;
            return n;
        }

        public override bool Seek(uint p, out int err)
        {
            err = 0;
            pos = (int)Math.Min(p, (uint)content.Length);
            return true;
        }

        public override long Length(out int err) { err = 0; return content.Length; }
    }

    sealed class HostFile(FileStream fs) : GuestFile
    {
        public override int Write(byte[] data, out int err)
        {
            err = 0;
            try { fs.Write(data); fs.Flush(); return data.Length; }
            catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException) { err = ErrnoOf(e); return -1; }
        }

        public override int Read(byte[] data, out int err)
        {
            err = 0;
            try
            {
                int total = 0;
                while (total < data.Length)
                {
                    int n = fs.Read(data, total, data.Length - total);
                    if (n <= 0) break;
                    total += n;
                }
                return total;
            }
            catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException) { err = ErrnoOf(e); return -1; }
        }

        public override bool Seek(uint pos, out int err)
        {
            err = 0;
            try { fs.Seek(pos, SeekOrigin.Begin); return true; }
            catch (Exception e) when (e is IOException or NotSupportedException or ArgumentException) { err = EINVAL; return false; }
        }

        public override long Length(out int err)
        {
            err = 0;
            try { return fs.Length; }
            catch (Exception e) when (e is IOException or NotSupportedException) { err = ErrnoOf(e); return -1; }
        }

        public override void Dispose() => fs.Dispose();
    }
}

namespace Cloister.Hypervisor.Hypercalls;

/// <summary>Xen's errno values; hypercalls return them negated.</summary>
public static class Errno
{
    public const int EPERM = 1, ENOENT = 2, ESRCH = 3, E2BIG = 7, EFAULT = 14, EBUSY = 16, EEXIST = 17, EINVAL = 22,
        ENOSPC = 28, ENOSYS = 38, EACCES = 13, ENOMEM = 12, EAGAIN = 11, EFBIG = 27, ERANGE = 34, ENOBUFS = 105;
}

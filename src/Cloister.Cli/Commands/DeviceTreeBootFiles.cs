using Cloister.Hypervisor.Machines;
using Cloister.Platform.Boards;
using Cloister.Platform.Loaders;
using Cloister.Toolstack;

namespace Cloister.Cli.Commands;

/// <summary>
/// The files of `cloister run --boot dtb`: the device tree and the module blob the board's loader
/// places as its initrd. The tree names modules by machine address, so the blob's address is
/// asked of the loader itself (where it puts any initrd for this image and RAM size).
/// </summary>
static class DeviceTreeBootFiles
{
    public static void Write(Board board, string imagePath, uint ramSize, IReadOnlyList<DomainSpec> domains, byte[] policy,
        string commandLine, string treePath, string modulesPath)
    {
        string compatible = MachineTable.Find(board.MachineNumber)?.Compatible?.FirstOrDefault()
            ?? throw new UsageException($"--boot dtb: the hypervisor has no device tree binding for {board.Name}");
        uint address = KernelLoader.Load(new BootRequest(imagePath), board.RamBase, ramSize, board.MachineNumber).InitrdStart;
        var files = BootTreeBuilder.Build(domains, policy, commandLine, compatible, address);
        File.WriteAllBytes(treePath, files.Tree);
        File.WriteAllBytes(modulesPath, files.Modules);
    }
}

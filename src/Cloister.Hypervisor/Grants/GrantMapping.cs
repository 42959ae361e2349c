using Cloister.Hypervisor.Domains;

namespace Cloister.Hypervisor.Grants;

/// <summary>One map_grant_ref that is in force: who mapped which granted page where.</summary>
public sealed record GrantMapping(
    uint Handle, Domain Mapper, Domain Granter, uint Reference, uint MapperFrame, uint MachineFrame,
    bool ReadOnly, uint ReplacedFrame);

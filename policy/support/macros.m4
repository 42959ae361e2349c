dnl Macros shared by the modules. m4 expands them before checkpolicy runs.
dnl
dnl gen_context(user:role:type, range): the range only exists in MLS builds.
define(`gen_context', `$1`'ifdef(`enable_mls', `:$2')')
dnl
dnl declare_domain(name [, attribute...]): a domain type, its _self type
dnl (the label a domain sees when it acts on itself) and its _channel type
dnl (the label of event channels it creates).
define(`declare_domain', `
type $1, domain_type`'ifelse(`$#', `1', `', `, shift($@)');
type $1_self, domain_type, domain_self_type;
type_transition $1 $1:domain $1_self;
type $1_channel, event_type;
type_transition $1 domain_type:event $1_channel;
self_services($1, $1_self)
')
dnl
dnl self_services(domain, self): what every domain may do to itself.
define(`self_services', `
allow $1 $2:grant { query setup };
allow $1 $2:mmu { adjust physmap map_read map_write stat pinpage updatemp mmuext_op };
allow $1 $2:domain { getdomaininfo getvcpuinfo };
allow $1 $2:hvm getparam;
')
dnl
dnl event_channel(from, to): from may open event channels to to.
dnl The channel gets from_channel by type transition; from creates and
dnl uses it, and the channel must be allowed to bind to the remote end.
define(`event_channel', `
allow $1 $1_channel:event { create send status };
allow $1_channel $2:event bind;
')
dnl
dnl domain_comms(a, b): two-way event channels and grant sharing.
define(`domain_comms', `
event_channel($1, $2)
event_channel($2, $1)
allow $1 $2:grant { map_read map_write copy unmap };
allow $2 $1:grant { map_read map_write copy unmap };
')
dnl
dnl domain_self_comms(domain): event channels from a domain to itself (a loopback)
dnl and grant use on its own pages, as Xen's reference policy gives its guests.
define(`domain_self_comms', `
event_channel($1, $1_self)
allow $1 $1_self:grant { map_read map_write copy unmap };
')
dnl
dnl create_domain(builder, guest): builder may create and build guest.
define(`create_domain', `
allow $1 $2:domain { create max_vcpus setdomainmaxmem setaddrsize getdomaininfo hypercall setvcpucontext getscheduler getvcpuinfo getaddrsize getaffinity setaffinity settime setdomainhandle getvcpucontext };
allow $1 $2:domain2 { settsc setscheduler setclaim };
allow $1 $2:mmu { map_read map_write adjust memorymap physmap pinpage mmuext_op updatemp };
allow $1 $2:grant setup;
allow $1 $2_channel:event create;
allow $1 $2:hvm getparam;
')
dnl
dnl manage_domain(controller, guest): run-time control of a guest.
define(`manage_domain', `
allow $1 $2:domain { getdomaininfo getvcpuinfo getaffinity getaddrsize pause unpause trigger shutdown destroy setaffinity setdomainmaxmem getscheduler resume };
')

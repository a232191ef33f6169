/**
 * @module Every option Anvil knows, by section, with Ironic's names, defaults and help; read by
 * `config.ts` (loading) and `config-doc.ts` (docs/configuration.md).
 */
import {
  boolOpt,
  choiceOpt,
  intOpt,
  listOpt,
  optionalStrOpt,
  portOpt,
  strOpt,
  type Opt,
} from './ini.js'

/** What a default may depend on: the state directory, the host name and the `[DEFAULT]` values. */
export interface DefaultContext {
  readonly stateDir: string
  readonly hostname: string
  readonly DEFAULT: Readonly<Record<string, unknown>>
}

/** Any option, for code that walks the schema. */
export type AnyOpt = Opt<unknown, never>

/** Anvil's enabled interfaces: Ironic's plus the fake/no-op ones, so fake-hardware just works. */
const ENABLED_INTERFACES = {
  bios: ['fake', 'no-bios', 'redfish'],
  boot: ['fake', 'ipxe', 'pxe', 'redfish-virtual-media'],
  console: ['fake', 'no-console'],
  deploy: ['fake', 'direct', 'ramdisk'],
  firmware: ['fake', 'no-firmware', 'redfish'],
  inspect: ['fake', 'no-inspect', 'agent', 'redfish'],
  management: ['fake', 'ipmitool', 'redfish', 'noop'],
  network: ['noop', 'flat'],
  power: ['fake', 'ipmitool', 'redfish'],
  raid: ['fake', 'no-raid', 'agent'],
  rescue: ['fake', 'no-rescue', 'agent'],
  storage: ['fake', 'noop'],
  vendor: ['fake', 'no-vendor', 'ipmitool', 'redfish'],
} as const satisfies Record<string, readonly string[]>

/** A hardware interface kind with `enabled_<kind>_interfaces` and `default_<kind>_interface`. */
export type InterfaceKind = keyof typeof ENABLED_INTERFACES

/** All hardware interface kinds: bios, boot, console, deploy, ..., storage, vendor. */
export const INTERFACE_KINDS = Object.freeze(Object.keys(ENABLED_INTERFACES) as InterfaceKind[])

/** Ironic's `enabled_<kind>_interfaces` defaults (`ironic/conf/default.py`), for the docs. */
const IRONIC_ENABLED_INTERFACES: Record<InterfaceKind, readonly string[] | null> = {
  bios: ['no-bios', 'redfish'],
  boot: ['ipxe', 'pxe', 'redfish-virtual-media'],
  console: ['no-console'],
  deploy: ['autodetect', 'direct', 'ramdisk', 'bootc'],
  firmware: ['no-firmware'],
  inspect: ['no-inspect', 'redfish'],
  management: null, // computed from the enabled hardware types
  network: ['flat', 'noop'],
  power: null, // computed from the enabled hardware types
  raid: ['agent', 'no-raid', 'redfish'],
  rescue: ['no-rescue'],
  storage: ['cinder', 'noop'],
  vendor: ['ipmitool', 'redfish', 'no-vendor'],
}

/**
 * Non-null `default_<kind>_interface` defaults; all others are unset (first enabled and supported).
 * storage: Ironic's default. network: Anvil's (Ironic would pick `flat`, which needs Neutron).
 */
const DEFAULT_INTERFACES: Partial<Record<InterfaceKind, string>> = {
  storage: 'noop',
  network: 'noop',
}

/** Ironic's `default_<kind>_interface` where it differs from {@link DEFAULT_INTERFACES}. */
const IRONIC_DEFAULT_INTERFACES: Partial<Record<InterfaceKind, string>> = {
  network: 'unset, which picks `flat`; Anvil picks `noop` because `flat` needs Neutron',
}

const codes = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ')

/** How Anvil's `enabled_<kind>_interfaces` default differs from Ironic's, if it does. */
function ironicEnabledInterfaces(kind: InterfaceKind): string | undefined {
  const ironic = IRONIC_ENABLED_INTERFACES[kind]
  if (ironic === null) return 'computed from the enabled hardware types, as an empty list is'
  const anvil: readonly string[] = ENABLED_INTERFACES[kind]
  const added = anvil.filter((n) => !ironic.includes(n))
  const left = ironic.filter((n) => !anvil.includes(n))
  const changes = [
    ...(added.length > 0 ? [`adds ${codes(added)}`] : []),
    ...(left.length > 0 ? [`leaves out ${codes(left)}`] : []),
  ]
  return changes.length > 0 ? `\`${ironic.join(', ')}\`; Anvil ${changes.join(' and ')}` : undefined
}

type InterfaceOpts = {
  readonly [K in InterfaceKind as `enabled_${K}_interfaces`]: Opt<readonly string[]>
} & { readonly [K in InterfaceKind as `default_${K}_interface`]: Opt<string | null> }

function interfaceOpts(): InterfaceOpts {
  const opts: Record<string, AnyOpt> = {}
  for (const kind of INTERFACE_KINDS) {
    opts[`enabled_${kind}_interfaces`] = listOpt(ENABLED_INTERFACES[kind], {
      help:
        `Specify the list of ${kind} interfaces to load during service initialization. At ` +
        `least one ${kind} interface that is supported by each enabled hardware type must be ` +
        `enabled here, or Anvil will not start. An empty list means the first supported ` +
        `${kind} interface of each enabled hardware type.`,
      ironicDefault: ironicEnabledInterfaces(kind),
    })
    opts[`default_${kind}_interface`] = optionalStrOpt(DEFAULT_INTERFACES[kind] ?? null, {
      help:
        `Default ${kind} interface to be used for nodes that do not have \`${kind}_interface\` ` +
        `field set. Unset: the first enabled ${kind} interface supported by the node's ` +
        `hardware type.`,
      ironicDefault: IRONIC_DEFAULT_INTERFACES[kind],
    })
  }
  return opts as InterfaceOpts
}

const AUTH_STRATEGIES = ['noauth', 'keystone', 'http_basic'] as const
/** `[DEFAULT]auth_strategy` / `[json_rpc]auth_strategy` values. */
export type AuthStrategy = (typeof AUTH_STRATEGIES)[number]

/** Appended to the help of options that Anvil accepts but does not act on yet. */
const NOT_USED = 'Accepted for compatibility; Anvil does not use it yet.'

/**
 * Every option Anvil knows, by section, with Ironic's names (and defaults unless noted), and
 * each option's help (rendered into `docs/configuration.md` by `config-doc.ts`).
 */
export const SCHEMA = {
  DEFAULT: {
    host: strOpt((ctx: DefaultContext) => ctx.hostname, {
      help:
        'Name of this node. This can be an opaque identifier. It is not necessarily a ' +
        'hostname, FQDN, or IP address. Every conductor on a shared database needs its own.',
      defaultText: "this machine's host name (`os.hostname()`)",
      ironicDefault: "the machine's fully qualified domain name (`socket.getfqdn()`)",
    }),
    state_path: strOpt('./.anvil', {
      help:
        "Top-level directory for maintaining Anvil's state (the default SQLite database is " +
        'there). A relative path is resolved against the working directory.',
      ironicDefault: '`$pybasedir`, the directory of the installed `ironic` package',
    }),
    enabled_hardware_types: listOpt(['fake-hardware', 'manual-management', 'ipmi', 'redfish'], {
      help:
        'Specify the list of hardware types to load during service initialization. Missing ' +
        'hardware types, or hardware types which fail to initialize, will prevent the ' +
        'conductor service from starting.',
      ironicDefault:
        '`ipmi, redfish`; Anvil adds `fake-hardware` (with the `fake` interfaces, so that it ' +
        'works out of the box) and `manual-management`',
    }),
    ...interfaceOpts(),
    default_resource_class: optionalStrOpt(null, {
      help:
        'Resource class to use for new nodes when no resource class is provided in the ' +
        'creation request.',
    }),
    auth_strategy: choiceOpt(AUTH_STRATEGIES, 'noauth', {
      help:
        'Authentication strategy used by the API: `noauth`, `keystone` or `http_basic`. ' +
        '"noauth" should not be used in a production environment because all authentication ' +
        `will be disabled creating insecure operating conditions. ${NOT_USED}`,
      ironicDefault: '`keystone`',
    }),
    pin_release_version: optionalStrOpt(null, {
      help:
        'Used for rolling upgrades. Setting this option downgrades (or pins) the Bare Metal ' +
        'API so that it is compatible with older services. Anvil takes an API version `1.N` ' +
        'and advertises no microversion above it. To unpin (default), leave it unset.',
    }),
    debug: boolOpt(false, {
      help:
        'If set to true, the logging level will be set to DEBUG instead of the default ' +
        'INFO level.',
    }),
    log_file: optionalStrOpt(null, {
      help: `Name of log file to send logging output to. ${NOT_USED}`,
    }),
    hash_partition_exponent: intOpt(5, 0, undefined, {
      help:
        'Exponent to determine number of hash partitions to use when distributing load ' +
        'across conductors. Larger values will result in more even distribution of load and ' +
        'less load when rebalancing the ring, but more memory usage. Number of partitions ' +
        'per conductor is 2^`hash_partition_exponent`.',
    }),
    hash_ring_reset_interval: intOpt(15, 0, undefined, {
      help:
        'Time (in seconds) after which the hash ring is considered outdated and is ' +
        'refreshed on the next access.',
    }),
  },
  api: {
    host_ip: strOpt('127.0.0.1', {
      help: 'The IP address or hostname on which the API (`anvil serve`, `anvil api`) listens.',
      ironicDefault: '`0.0.0.0`',
    }),
    port: portOpt(6385, { help: 'The TCP port on which the API listens.' }),
    max_limit: intOpt(1000, 1, undefined, {
      help:
        'The maximum number of items returned in a single response from a collection ' +
        'resource.',
    }),
    public_endpoint: optionalStrOpt(null, {
      help:
        'Public URL to use when building the links to the API resources (for example, ' +
        '"https://ironic.rocks:6384"). If unset the links will be built using the ' +
        "request's host URL. If the API is operating behind a proxy, you will want to change " +
        "this to represent the proxy's URL.",
    }),
    restrict_lookup: boolOpt(true, {
      help:
        'Whether to restrict the lookup API to only nodes in certain states. Setting this ' +
        `to False can be insecure and is not advisable. ${NOT_USED}`,
    }),
    enable_ramdisk_endpoints: boolOpt(true, {
      help:
        'Whether to enable the ramdisk agent API endpoints (lookup, heartbeat, and ' +
        'continue_inspection). Set this to False on API instances that should not accept ' +
        `requests from ramdisk agents. ${NOT_USED}`,
    }),
  },
  oslo_middleware: {
    // Ironic's default is 114688 but its API does not enforce it; configdrives need room.
    max_request_body_size: intOpt(64 * 1024 * 1024, 0, undefined, {
      help: 'The maximum body size for each request, in bytes (64 MiB by default).',
      ironicDefault: '`114688`, which Ironic\'s API does not enforce; configdrives need room',
    }),
  },
  database: {
    connection: strOpt((ctx: DefaultContext) => `sqlite:///${ctx.stateDir}/anvil.sqlite`, {
      help:
        'The SQLAlchemy connection string to use to connect to the database: ' +
        '`sqlite:///<path>` or `postgresql://<user>:<password>@<host>/<database>`.',
      defaultText: '`sqlite:///<state_path>/anvil.sqlite` (SQLite in the state directory)',
      ironicDefault: 'unset',
    }),
  },
  conductor: {
    workers_pool_size: intOpt(300, 3, undefined, {
      help: `The size of the workers thread pool. ${NOT_USED}`,
    }),
    heartbeat_interval: intOpt(10, { help: 'Seconds between conductor heart beats.' }),
    heartbeat_timeout: intOpt(60, undefined, 315576000, {
      help:
        'Maximum time (in seconds) since the last check-in of a conductor. A conductor is ' +
        'considered inactive when this time has been exceeded.',
    }),
    sync_power_state_interval: intOpt(120, {
      help:
        'Interval between syncing the node power state to the database, in seconds. Set to ' +
        '0 to disable syncing.',
    }),
    check_provision_state_interval: intOpt(60, 0, undefined, {
      help:
        'Interval between checks of provision timeouts, in seconds. Set to 0 to disable ' +
        'checks.',
    }),
    deploy_callback_timeout: intOpt(1800, 0, undefined, {
      help:
        'Timeout (seconds) to wait for a callback from a deploy ramdisk. Set to 0 to ' +
        'disable timeout.',
    }),
    power_state_sync_max_retries: intOpt(3, {
      help:
        'During power state sync failures, limit the number of times Anvil should try ' +
        'syncing the hardware node power state with the node power state in DB.',
    }),
    sync_power_state_workers: intOpt(8, 1, undefined, {
      help:
        'The maximum number of workers that can be started simultaneously to sync nodes ' +
        'power states from the periodic task.',
    }),
    inspect_wait_timeout: intOpt(1800, 0, undefined, {
      help: 'Timeout (seconds) for waiting for node inspection. 0 - unlimited.',
    }),
    automated_clean: boolOpt(true, {
      help:
        'Enables or disables automated cleaning: steps, such as erasing disk drives, ' +
        'performed on the node after instance deletion and when it moves from "manageable" ' +
        "to \"available\". A node's own `automated_clean` field takes precedence.",
    }),
    clean_callback_timeout: intOpt(1800, 0, undefined, {
      help:
        'Timeout (seconds) to wait for a callback from the ramdisk doing the cleaning. If ' +
        'the timeout is reached the node will be put in the "clean failed" provision state. ' +
        'Set to 0 to disable timeout.',
    }),
    rescue_callback_timeout: intOpt(1800, 0, undefined, {
      help:
        'Timeout (seconds) to wait for a callback from the rescue ramdisk. If the timeout ' +
        'is reached the node will be put in the "rescue failed" provision state. Set to 0 ' +
        'to disable timeout.',
    }),
    conductor_group: strOpt('', {
      help:
        'Name of the conductor group to join. Can be up to 255 characters and is case ' +
        'insensitive. This conductor will only manage nodes with a matching ' +
        '`conductor_group` field set on the node.',
    }),
    allow_deleting_available_nodes: boolOpt(true, {
      help: "Allow deleting nodes which are in state 'available'.",
    }),
    soft_power_off_timeout: intOpt(600, 1, undefined, {
      help:
        'Timeout (in seconds) of soft reboot and soft power off operation. This value ' +
        'always has to be positive.',
    }),
    node_history: boolOpt(true, {
      help:
        'Whether node event history is to be recorded. Errors and other noteworthy events ' +
        'in relation to a node are journaled to a database table which incurs some ' +
        'additional load.',
    }),
    node_history_max_entries: intOpt(300, 0, undefined, {
      help:
        'Maximum number of history entries which will be stored in the database per node. ' +
        'This setting excludes the minimum number of days retained using the ' +
        '`[conductor]node_history_minimum_days` setting.',
    }),
    node_history_cleanup_interval: intOpt(86400, 0, undefined, {
      help:
        'Interval in seconds at which node history entries can be cleaned up in the ' +
        'database. Setting to 0 disables the periodic task.',
    }),
    node_history_cleanup_batch_count: intOpt(1000, 1, undefined, {
      help:
        'The target number of node history records to purge from the database when ' +
        'performing clean-up. Deletes are performed by node, and a node with excess records ' +
        'will still be deleted.',
    }),
    node_history_minimum_days: intOpt(0, 0, undefined, {
      help:
        'The minimum number of days to explicitly keep on hand in the database history ' +
        'entries for nodes. This is exclusive from the ' +
        '`[conductor]node_history_max_entries` setting.',
    }),
  },
  json_rpc: {
    // Ironic: unset means "use [DEFAULT]auth_strategy"; Anvil resolves that here.
    auth_strategy: choiceOpt(
      AUTH_STRATEGIES,
      (ctx: DefaultContext) => ctx.DEFAULT['auth_strategy'] as AuthStrategy,
      {
        help: `Authentication strategy used by JSON RPC. ${NOT_USED}`,
        defaultText: 'the value of `[DEFAULT]auth_strategy`',
      },
    ),
    host_ip: strOpt('127.0.0.1', {
      help:
        'The IP address or hostname on which JSON RPC will listen (`anvil conductor`). API ' +
        'processes call the conductor at this address, so it must be reachable from them.',
      ironicDefault: '`::`',
    }),
    port: portOpt(8089, { help: 'The port to use for JSON RPC.' }),
  },
} as const

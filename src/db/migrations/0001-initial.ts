/**
 * @module The first schema: every table the Bare Metal API v1 needs.
 */
import type { Kysely } from 'kysely'
import { sql } from '../kysely.js'
import type { DialectName } from '../database.js'

type ColumnKind = 'id' | 'str' | 'text' | 'int' | 'bigint' | 'bool' | 'json' | 'time' | 'ref'
/** name, kind, options ('!' = not null, 'u' = unique, '=x' = default x). */
type Column = readonly [string, ColumnKind, string?]

const TIMESTAMPS: Column[] = [
  ['created_at', 'time', '!'],
  ['updated_at', 'time'],
  ['revision', 'int', '!=1'],
]

const INTERFACES = [
  'bios', 'boot', 'console', 'deploy', 'firmware', 'inspect', 'management',
  'network', 'power', 'raid', 'rescue', 'storage', 'vendor',
].map((i): Column => [`${i}_interface`, 'str'])

export const TABLES: Record<string, Column[]> = {
  chassis: [['id', 'id'], ['uuid', 'str', '!u'], ['description', 'text'], ['extra', 'json'], ...TIMESTAMPS],
  conductors: [
    ['id', 'id'], ['hostname', 'str', '!u'], ['drivers', 'json'], ['online', 'bool', '=1'],
    ['conductor_group', 'str', "!=''"], ['rpc_url', 'str'], ...TIMESTAMPS,
  ],
  conductor_hardware_interfaces: [
    ['id', 'id'], ['conductor_id', 'ref', '!'], ['hardware_type', 'str', '!'],
    ['interface_type', 'str', '!'], ['interface_name', 'str', '!'], ['default', 'bool', '!=0'],
  ],
  allocations: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['name', 'str', 'u'], ['node_id', 'int'], ['state', 'str', '!'],
    ['owner', 'str'], ['last_error', 'text'], ['resource_class', 'str'], ['traits', 'json'],
    ['candidate_nodes', 'json'], ['extra', 'json'], ['conductor_affinity', 'int'], ...TIMESTAMPS,
  ],
  nodes: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['name', 'str', 'u'], ['driver', 'str', '!'],
    ['chassis_id', 'ref'], ['instance_uuid', 'str', 'u'], ['instance_name', 'str'],
    ['power_state', 'str'], ['target_power_state', 'str'], ['provision_state', 'str'],
    ['target_provision_state', 'str'], ['provision_updated_at', 'time'], ['last_error', 'text'],
    ['instance_info', 'json'], ['properties', 'json'], ['driver_info', 'json'],
    ['driver_internal_info', 'json'], ['clean_step', 'json'], ['deploy_step', 'json'],
    ['service_step', 'json'], ['raid_config', 'json'], ['target_raid_config', 'json'],
    ['resource_class', 'str'], ['reservation', 'str'], ['conductor_affinity', 'int'],
    ['conductor_group', 'str', "!=''"], ['maintenance', 'bool', '!=0'], ['maintenance_reason', 'text'],
    ['fault', 'str'], ['console_enabled', 'bool', '!=0'], ['inspection_started_at', 'time'],
    ['inspection_finished_at', 'time'], ['extra', 'json'], ['automated_clean', 'bool'],
    ['protected', 'bool', '!=0'], ['protected_reason', 'text'], ['owner', 'str'], ['lessee', 'str'],
    ['allocation_id', 'int'], ['description', 'text'], ...INTERFACES, ['retired', 'bool', '=0'],
    ['retired_reason', 'text'], ['network_data', 'json'], ['boot_mode', 'str'], ['secure_boot', 'bool'],
    ['shard', 'str'], ['parent_node', 'str'], ['disable_power_off', 'bool', '=0'], ['health', 'str'],
    ...TIMESTAMPS,
  ],
  portgroups: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['name', 'str', 'u'], ['node_id', 'ref'], ['address', 'str'],
    ['extra', 'json'], ['internal_info', 'json'], ['standalone_ports_supported', 'bool', '=1'],
    ['mode', 'str'], ['properties', 'json'], ['physical_network', 'str'], ['category', 'str'],
    ['dynamic_portgroup', 'bool', '=0'], ...TIMESTAMPS,
  ],
  ports: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['address', 'str', '!u'], ['node_id', 'ref'],
    ['portgroup_id', 'ref'], ['extra', 'json'], ['local_link_connection', 'json'],
    ['pxe_enabled', 'bool', '=1'], ['internal_info', 'json'], ['physical_network', 'str'],
    ['is_smartnic', 'bool', '=0'], ['name', 'str'], ['description', 'str'], ['vendor', 'str'],
    ['category', 'str'], ['available_for_dynamic_portgroup', 'bool', '=1'], ...TIMESTAMPS,
  ],
  node_traits: [['node_id', 'ref', '!'], ['trait', 'str', '!'], ['created_at', 'time', '!']],
  node_tags: [['node_id', 'ref', '!'], ['tag', 'str', '!'], ['created_at', 'time', '!']],
  volume_connectors: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['node_id', 'ref'], ['type', 'str', '!'],
    ['connector_id', 'str', '!'], ['extra', 'json'], ...TIMESTAMPS,
  ],
  volume_targets: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['node_id', 'ref'], ['volume_type', 'str', '!'],
    ['properties', 'json'], ['boot_index', 'int', '!'], ['volume_id', 'str', '!'], ['extra', 'json'],
    ...TIMESTAMPS,
  ],
  bios_settings: [
    ['node_id', 'ref', '!'], ['name', 'str', '!'], ['value', 'text'], ['attribute_type', 'str'],
    ['allowable_values', 'json'], ['lower_bound', 'bigint'], ['max_length', 'int'],
    ['min_length', 'int'], ['read_only', 'bool'], ['reset_required', 'bool'], ['unique', 'bool'],
    ['upper_bound', 'bigint'], ['created_at', 'time', '!'], ['updated_at', 'time'],
  ],
  deploy_templates: [['id', 'id'], ['uuid', 'str', '!u'], ['name', 'str', '!u'], ['extra', 'json'], ...TIMESTAMPS],
  deploy_template_steps: [
    ['id', 'id'], ['deploy_template_id', 'ref', '!'], ['interface', 'str', '!'], ['step', 'str', '!'],
    ['args', 'json', '!'], ['priority', 'int', '!'],
  ],
  node_history: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['node_id', 'ref', '!'], ['conductor', 'str'],
    ['event_type', 'str'], ['severity', 'str'], ['event', 'text'], ['user', 'str'], ['project', 'str'],
    ['state', 'str'], ['target_provision_state', 'str'], ['duration_seconds', 'int'],
    ['created_at', 'time', '!'],
  ],
  node_inventory: [
    ['id', 'id'], ['node_id', 'ref', '!'], ['inventory_data', 'json'], ['plugin_data', 'json'],
    ['created_at', 'time', '!'],
  ],
  firmware_information: [
    ['id', 'id'], ['node_id', 'ref', '!'], ['component', 'str', '!'], ['initial_version', 'str', '!'],
    ['current_version', 'str'], ['last_version_flashed', 'str'], ['vendor', 'str'], ['model', 'str'],
    ['serial_number', 'str'], ['created_at', 'time', '!'], ['updated_at', 'time'],
  ],
  runbooks: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['name', 'str', '!u'], ['description', 'str'],
    ['public', 'bool', '=0'], ['owner', 'str'], ['disable_ramdisk', 'bool', '=0'], ['extra', 'json'],
    ...TIMESTAMPS,
  ],
  runbook_steps: [
    ['id', 'id'], ['runbook_id', 'ref', '!'], ['interface', 'str', '!'], ['step', 'str', '!'],
    ['args', 'json', '!'], ['order', 'int', '!'],
  ],
  runbook_traits: [['runbook_id', 'ref', '!'], ['trait', 'str', '!']],
  inspection_rules: [
    ['id', 'id'], ['uuid', 'str', '!u'], ['priority', 'int', '!=0'], ['description', 'str'],
    ['scope', 'str'], ['sensitive', 'bool', '=0'], ['phase', 'str'], ['conditions', 'json'],
    ['actions', 'json'], ...TIMESTAMPS,
  ],
}

/** Foreign keys: column → referenced table (cascade where the child has no life of its own). */
const REFERENCES: Record<string, { table: string; cascade: boolean }> = {
  chassis_id: { table: 'chassis', cascade: false },
  conductor_id: { table: 'conductors', cascade: true },
  node_id: { table: 'nodes', cascade: true },
  portgroup_id: { table: 'portgroups', cascade: false },
  deploy_template_id: { table: 'deploy_templates', cascade: true },
  runbook_id: { table: 'runbooks', cascade: true },
}

const COMPOSITE_KEYS: Record<string, string[]> = {
  node_traits: ['node_id', 'trait'],
  node_tags: ['node_id', 'tag'],
  bios_settings: ['node_id', 'name'],
  runbook_traits: ['runbook_id', 'trait'],
}

const INDEXES: Array<[string, string[]]> = [
  ['nodes', ['provision_state']],
  ['nodes', ['reservation']],
  ['nodes', ['conductor_group']],
  ['nodes', ['driver']],
  ['nodes', ['owner']],
  ['nodes', ['lessee']],
  ['nodes', ['chassis_id']],
  ['nodes', ['shard']],
  ['nodes', ['parent_node']],
  ['ports', ['node_id']],
  ['ports', ['portgroup_id']],
  ['portgroups', ['node_id']],
  ['node_history', ['node_id']],
  ['conductor_hardware_interfaces', ['conductor_id']],
]

function sqlType(kind: ColumnKind, dialect: DialectName): string {
  switch (kind) {
    case 'id':
      return dialect === 'postgres' ? 'serial' : 'integer'
    case 'str':
      return 'varchar(255)'
    case 'text':
    case 'json':
    case 'time':
      return 'text'
    case 'int':
    case 'ref':
      return 'integer'
    case 'bigint':
      return 'bigint'
    case 'bool':
      return dialect === 'postgres' ? 'boolean' : 'integer'
  }
}

function defaultValue(raw: string, kind: ColumnKind, dialect: DialectName): string {
  if (kind === 'bool' && dialect === 'postgres') return raw === '1' ? 'true' : 'false'
  return raw
}

export function createTableSql(table: string, dialect: DialectName): string {
  const columns = TABLES[table] ?? []
  const defs = columns.map(([name, kind, opts = '']) => {
    const parts = [`"${name}"`, sqlType(kind, dialect)]
    if (kind === 'id') parts.push(dialect === 'postgres' ? 'primary key' : 'primary key autoincrement')
    if (opts.includes('!')) parts.push('not null')
    if (opts.includes('u')) parts.push('unique')
    const def = /=(.*)$/.exec(opts)?.[1]
    if (def !== undefined) parts.push(`default ${defaultValue(def, kind, dialect)}`)
    const ref = kind === 'ref' ? REFERENCES[name] : undefined
    if (ref) parts.push(`references "${ref.table}" ("id")${ref.cascade ? ' on delete cascade' : ''}`)
    return parts.join(' ')
  })
  const key = COMPOSITE_KEYS[table]
  if (key) defs.push(`primary key (${key.map((c) => `"${c}"`).join(', ')})`)
  return `create table "${table}" (\n  ${defs.join(',\n  ')}\n)`
}

export function up(dialect: DialectName) {
  return async (db: Kysely<unknown>): Promise<void> => {
    for (const table of Object.keys(TABLES)) {
      await sql.raw(createTableSql(table, dialect)).execute(db)
    }
    for (const [table, columns] of INDEXES) {
      const name = `${table}_${columns.join('_')}_idx`
      await db.schema.createIndex(name).on(table).columns(columns).execute()
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(TABLES).reverse()) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}

/**
 * @module `anvil node create|list|show|delete`: the node resource itself.
 */
import type { Command } from 'commander'
import { jsonArg, keyValuesToDict } from '../args.js'
import { collect, defineCommand, type ActionContext } from '../command.js'
import { ClientError } from '../errors.js'
import { COLUMNS, INTERFACE_KINDS } from '../fields.js'
import type { Query } from '../http-client.js'
import { addListOptions, addShowFields, deleteEach, runList, showQuery, showResource, type ResourceDef } from '../resource.js'

/** The node collection. */
export const NODES: ResourceDef = {
  path: '/nodes',
  key: 'nodes',
  singular: 'node',
  columns: COLUMNS.node,
  longColumns: COLUMNS.nodeLong,
  hidden: ['ports', 'portgroups', 'states', 'volume'],
}

/** Path of one node. */
export const nodePath = (ident: string, sub = ''): string => `/nodes/${encodeURIComponent(ident)}${sub}`

/** Prints a node like `baremetal node show` (chassis_uuid always present). */
export function showNode(ctx: ActionContext, node: Record<string, unknown>, withChassis = true): void {
  if (withChassis && !('chassis_uuid' in node)) node.chassis_uuid = ''
  showResource(ctx, node, NODES.hidden)
}

const CREATE_STRINGS = [
  'chassis_uuid', 'driver', 'uuid', 'name', 'instance_name', 'resource_class', 'conductor_group',
  'owner', 'lessee', 'description', 'shard', 'parent_node',
  ...INTERFACE_KINDS.map((i) => `${i}_interface`),
]

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const flag = (s: string) => `--${s.replace(/_/g, '-')}`

function createOptions(cmd: Command): void {
  cmd.requiredOption('--driver <driver>', 'driver (hardware type) of the node')
  for (const f of CREATE_STRINGS) {
    if (f === 'driver') continue
    cmd.option(`${flag(f)} <${f}>`, `${f.replace(/_/g, ' ')} of the node`)
  }
  cmd
    .option('--driver-info <key=value>', 'driver information (repeatable)', collect)
    .option('--property <key=value>', 'node property (repeatable)', collect)
    .option('--extra <key=value>', 'extra information (repeatable)', collect)
    .option('--network-data <network data>', 'network configuration: JSON, a file or -')
    .option('--automated-clean', 'enable automated cleaning')
    .option('--no-automated-clean', 'disable automated cleaning')
    .option('--disable-power-off', 'never power the node off')
}

async function createNode(ctx: ActionContext): Promise<void> {
  const o = ctx.opts
  const body: Record<string, unknown> = {}
  for (const f of CREATE_STRINGS) {
    const v = o[camel(f)]
    if (typeof v === 'string') body[f] = v
  }
  for (const [f, opt] of [['driver_info', 'driverInfo'], ['properties', 'property'], ['extra', 'extra']] as const) {
    const list = o[opt] as string[] | undefined
    if (list) body[f] = keyValuesToDict(list)
  }
  const nd = jsonArg(o.networkData as string | undefined, 'static network configuration')
  if (nd !== undefined) body.network_data = nd
  if (typeof o.automatedClean === 'boolean') body.automated_clean = o.automatedClean
  if (o.disablePowerOff === true) body.disable_power_off = true
  const node = await ctx.client().post('/nodes', body)
  showNode(ctx, node)
}

const LIST_STRING_FILTERS = [
  'provision_state', 'driver', 'resource_class', 'conductor_group', 'conductor', 'chassis', 'owner',
  'lessee', 'description_contains', 'instance_name', 'shards', 'parent_node', 'fault',
]
/** Filters whose query argument is named differently (python-ironicclient's node.list). */
const QUERY_NAMES: Readonly<Record<string, string>> = { chassis: 'chassis_uuid', shards: 'shard' }

function listOptions(cmd: Command): void {
  addListOptions(cmd, 'nodes')
  cmd
    .option('--maintenance', 'only nodes in maintenance mode')
    .option('--no-maintenance', 'only nodes not in maintenance mode')
    .option('--retired', 'only retired nodes')
    .option('--no-retired', 'only nodes not retired')
    .option('--associated', 'only nodes associated with an instance')
    .option('--unassociated', 'only nodes not associated with an instance')
    .option('--sharded', 'only nodes with a shard')
    .option('--unsharded', 'only nodes without a shard')
    .option('--include-children', 'include child nodes')
  for (const f of LIST_STRING_FILTERS) cmd.option(`${flag(f)} <${f}>`, `only nodes with this ${f.replace(/_/g, ' ')}`)
}

async function listNodes(ctx: ActionContext): Promise<void> {
  const o = ctx.opts
  const q: Query = {}
  for (const f of LIST_STRING_FILTERS) {
    if (typeof o[camel(f)] === 'string') q[QUERY_NAMES[f] ?? f] = o[camel(f)] as string
  }
  for (const f of ['maintenance', 'retired'] as const) if (typeof o[f] === 'boolean') q[f] = o[f]
  if (o.associated) q.associated = true
  if (o.unassociated) q.associated = false
  if (o.sharded) q.sharded = true
  if (o.unsharded) q.sharded = false
  if (o.includeChildren) q.include_children = true
  await runList(ctx, NODES, q)
}

async function showNodeCommand(ctx: ActionContext, ident: string): Promise<void> {
  const q = showQuery(ctx)
  if (ctx.opts.instance) {
    // like get_by_instance_uuid: /nodes/detail refuses `fields`, so chosen fields go to /nodes
    const path = q.fields ? '/nodes' : '/nodes/detail'
    const found = await ctx.client().list(path, 'nodes', { instance_uuid: ident, ...q })
    const node = found[0]
    if (!node) throw new ClientError(`No node is associated with instance ${ident} (HTTP 404)`)
    showNode(ctx, node, !q.fields)
    return
  }
  const node = await ctx.client().get(nodePath(ident), q)
  showNode(ctx, node, !q.fields || String(q.fields).split(',').includes('chassis_uuid'))
}

/** Registers node create, list, show and delete. */
export function registerNodeCrud(node: Command): void {
  defineCommand(node, {
    name: 'create',
    summary: 'Register a new node with the Bare Metal service',
    examples: ['anvil node create --driver fake-hardware --name node-0 --property cpus=4'],
    output: 'one',
    options: createOptions,
    action: (ctx) => createNode(ctx),
  })
  defineCommand(node, {
    name: 'list',
    summary: 'List baremetal nodes',
    examples: ['anvil node list', 'anvil node list --provision-state available --long -f json'],
    output: 'list',
    options: listOptions,
    action: (ctx) => listNodes(ctx),
  })
  defineCommand(node, {
    name: 'show',
    summary: 'Show baremetal node details',
    examples: ['anvil node show node-0', 'anvil node show node-0 --fields name provision_state -f json'],
    args: ['<node>'],
    output: 'one',
    options: (cmd) => {
      addShowFields(cmd).option('--instance', '<node> is an instance UUID')
    },
    action: (ctx, [ident]) => showNodeCommand(ctx, ident as string),
  })
  defineCommand(node, {
    name: 'delete',
    summary: 'Unregister baremetal node(s)',
    examples: ['anvil node delete node-0 node-1'],
    args: ['<node...>'],
    action: (ctx, [idents]) => deleteEach(ctx, NODES, idents as string[]),
  })
}

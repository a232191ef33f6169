/**
 * @module `anvil node set|unset`: node updates as JSON patches (PATCH /v1/nodes/{node}), plus
 * the target RAID configuration (PUT /v1/nodes/{node}/states/raid).
 */
import type { Command } from 'commander'
import { argsToPatch, jsonArg, prefixed, type PatchOp } from '../args.js'
import { collect, defineCommand, type ActionContext } from '../command.js'
import { UsageError } from '../errors.js'
import { INTERFACE_KINDS } from '../fields.js'
import { patchEach } from '../resource.js'
import { NODES, nodePath } from './node-crud.js'

const SET_STRINGS = [
  'instance_uuid', 'instance_name', 'name', 'chassis_uuid', 'driver', 'resource_class', 'conductor_group',
  'protected_reason', 'retired_reason', 'owner', 'lessee', 'description', 'shard', 'parent_node',
]
const DICTS = [
  ['property', 'properties'],
  ['extra', 'extra'],
  ['driver_info', 'driver_info'],
  ['instance_info', 'instance_info'],
] as const

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
const flag = (s: string) => `--${s.replace(/_/g, '-')}`

function setOptions(cmd: Command): void {
  for (const f of SET_STRINGS) cmd.option(`${flag(f)} <${f}>`, `set the ${f.replace(/_/g, ' ')}`)
  for (const i of INTERFACE_KINDS) {
    cmd.option(`--${i}-interface <${i}_interface>`, `set the ${i} interface`)
    cmd.option(`--reset-${i}-interface`, `reset the ${i} interface to its default`)
  }
  for (const [opt, field] of DICTS) cmd.option(`${flag(opt)} <key=value>`, `set a key in ${field} (repeatable)`, collect)
  cmd
    .option('--reset-interfaces', 'reset all interfaces not given to their defaults (with --driver)')
    .option('--automated-clean', 'enable automated cleaning')
    .option('--no-automated-clean', 'disable automated cleaning')
    .option('--protected', 'mark the node as protected')
    .option('--retired', 'mark the node as retired')
    .option('--target-raid-config <config>', 'target RAID configuration: JSON, a file or -')
    .option('--network-data <network data>', 'network configuration: JSON, a file or -')
    .option('--enable-power-off', 'allow powering the node off')
    .option('--disable-power-off', 'never power the node off')
}

function setPatch(o: Record<string, unknown>): PatchOp[] {
  const ops: PatchOp[] = []
  for (const f of SET_STRINGS) {
    const v = o[camel(f)]
    if (typeof v === 'string' && v !== '') ops.push({ op: 'add', path: `/${f}`, value: v })
  }
  if (typeof o.automatedClean === 'boolean') ops.push({ op: 'add', path: '/automated_clean', value: o.automatedClean })
  if (o.protected === true) ops.push({ op: 'add', path: '/protected', value: true })
  if (o.retired === true) ops.push({ op: 'add', path: '/retired', value: true })
  if (o.disablePowerOff === true) ops.push({ op: 'add', path: '/disable_power_off', value: true })
  if (o.enablePowerOff === true) ops.push({ op: 'add', path: '/disable_power_off', value: false })
  for (const i of INTERFACE_KINDS) {
    const v = o[`${i}Interface`]
    if (typeof v === 'string') ops.push({ op: 'add', path: `/${i}_interface`, value: v })
    else if (o[camel(`reset_${i}_interface`)]) ops.push({ op: 'remove', path: `/${i}_interface` })
  }
  for (const [opt, field] of DICTS) ops.push(...argsToPatch('add', prefixed(field, o[camel(opt)] as string[] | undefined)))
  const nd = jsonArg(o.networkData as string | undefined, 'static network configuration')
  if (nd !== undefined) ops.push({ op: 'add', path: '/network_data', value: nd })
  return ops
}

async function setNodes(ctx: ActionContext, idents: string[]): Promise<void> {
  const o = ctx.opts
  if (o.name && idents.length > 1) throw new UsageError('--name cannot be used with more than one node')
  if (o.instanceUuid && idents.length > 1) throw new UsageError('--instance-uuid cannot be used with more than one node')
  if (o.enablePowerOff && o.disablePowerOff) throw new UsageError('--enable-power-off and --disable-power-off are mutually exclusive')
  if (o.resetInterfaces && !o.driver) throw new UsageError('--reset-interfaces can only be specified with --driver')
  const raid = jsonArg(o.targetRaidConfig as string | undefined, 'target_raid_config')
  if (raid !== undefined) {
    for (const id of idents) await ctx.client().put(nodePath(id, '/states/raid'), raid)
  }
  const ops = setPatch(o)
  if (ops.length === 0 && raid !== undefined) return
  await patchEach(ctx, NODES, idents, ops, o.resetInterfaces ? { reset_interfaces: true } : undefined)
}

const UNSET_FLAGS = [
  'instance_uuid', 'instance_name', 'name', 'resource_class', 'chassis_uuid', 'conductor_group',
  'automated_clean', 'protected', 'protected_reason', 'retired', 'retired_reason', 'owner', 'lessee',
  'description', 'shard', 'parent_node', 'network_data', 'disable_power_off',
  ...INTERFACE_KINDS.map((i) => `${i}_interface`),
]

function unsetOptions(cmd: Command): void {
  for (const f of UNSET_FLAGS) cmd.option(flag(f), `unset the ${f.replace(/_/g, ' ')}`)
  for (const [opt, field] of DICTS) cmd.option(`${flag(opt)} <key>`, `remove a key from ${field} (repeatable)`, collect)
  cmd.option('--target-raid-config', 'unset the target RAID configuration')
}

async function unsetNodes(ctx: ActionContext, idents: string[]): Promise<void> {
  const o = ctx.opts
  if (o.targetRaidConfig) for (const id of idents) await ctx.client().put(nodePath(id, '/states/raid'), {})
  const ops: PatchOp[] = UNSET_FLAGS.filter((f) => o[camel(f)] === true).map((f) => ({ op: 'remove', path: `/${f}` }))
  for (const [opt, field] of DICTS) ops.push(...argsToPatch('remove', prefixed(field, o[camel(opt)] as string[] | undefined)))
  if (ops.length === 0 && o.targetRaidConfig) return
  if (ops.length === 0) throw new UsageError('Please specify what to unset.')
  await patchEach(ctx, NODES, idents, ops)
}

/** Registers node set and unset. */
export function registerNodeUpdate(node: Command): void {
  defineCommand(node, {
    name: 'set',
    summary: 'Set baremetal node properties',
    examples: ['anvil node set node-0 --name node-1 --property cpus=8 --driver-info ipmi_address=10.0.0.5'],
    args: ['<node...>'],
    options: setOptions,
    action: (ctx, [idents]) => setNodes(ctx, idents as string[]),
  })
  defineCommand(node, {
    name: 'unset',
    summary: 'Unset baremetal node properties',
    examples: ['anvil node unset node-0 --property cpus --extra rack --description'],
    args: ['<node...>'],
    options: unsetOptions,
    action: (ctx, [idents]) => unsetNodes(ctx, idents as string[]),
  })
}

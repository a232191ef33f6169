/**
 * @module `anvil runbook ...`: python-ironicclient's `baremetal runbook create|list|show|set|
 * unset|delete` and `baremetal runbook trait list|add|remove` (traits need API 1.112).
 */
import type { Command } from 'commander'
import { argsToPatch, boolArg, jsonArg, keyValuesToDict, prefixed, type PatchOp } from '../args.js'
import { collect, defineCommand, group, type ActionContext, type CommandSpec } from '../command.js'
import { ClientError, UsageError, messageOf } from '../errors.js'
import {
  addListOptions, addShowFields, deleteEach, memberPath, patchEach, runList, showQuery, showResource,
  type ResourceDef,
} from '../resource.js'

const words = (s: string): string[] => s.trim().split(/\s+/)

const RUNBOOK: ResourceDef = {
  path: '/runbooks',
  key: 'runbooks',
  singular: 'runbook',
  columns: words('uuid name'),
  longColumns: words(`uuid name description traits disable_ramdisk owner public steps extra
    created_at updated_at`),
}

/** Feature needing 1.112: `--description` and the trait commands. */
const TRAITS_MINOR = 112

/** Runbooks appeared in API 1.92; an older Ironic answers /v1/runbooks with a bare 404. */
const RUNBOOKS_MINOR = 92

/** defineCommand for a runbook command: fails clearly before any request on an older API. */
const define = (parent: Command, spec: CommandSpec): Command =>
  defineCommand(parent, {
    ...spec,
    action: async (ctx, args) => {
      await ctx.client().requireMinor(RUNBOOKS_MINOR, 'The runbook API')
      await spec.action(ctx, args)
    },
  })

const STEPS_HELP =
  "runbook steps: JSON, a JSON/YAML file or '-' (stdin); a list of {interface, step, args, order}"

/** `--public [bool]` and `--disable-ramdisk [bool]`: no value means true (argparse's `const`). */
function optionalBool(value: string | true | undefined, name: string): boolean | undefined {
  if (value === undefined) return undefined
  return value === true ? true : boolArg(value, name)
}

async function create(ctx: ActionContext): Promise<void> {
  const o = ctx.opts
  const client = ctx.client()
  if (o.description !== undefined) await client.requireMinor(TRAITS_MINOR, '--description')
  const body: Record<string, unknown> = { name: o.name, steps: jsonArg(String(o.steps), 'runbook steps') }
  for (const key of ['uuid', 'owner', 'description'] as const) if (o[key] !== undefined) body[key] = o[key]
  const pub = optionalBool(o.public as string | true | undefined, '--public')
  if (pub !== undefined) body.public = pub
  if (o.extra) body.extra = keyValuesToDict(o.extra as string[])
  if (o.disableRamdisk) body.disable_ramdisk = true
  const created = await client.post<Record<string, unknown>>(RUNBOOK.path, body)
  // Like the client: every detailed field, '' for those the server did not send.
  showResource(ctx, Object.fromEntries(RUNBOOK.longColumns.map((f) => [f, f in created ? created[f] : ''])))
}

async function setOps(ctx: ActionContext): Promise<PatchOp[]> {
  const o = ctx.opts
  const ops: PatchOp[] = []
  if (o.name) ops.push({ op: 'add', path: '/name', value: o.name })
  if (o.description) {
    await ctx.client().requireMinor(TRAITS_MINOR, '--description')
    ops.push({ op: 'add', path: '/description', value: o.description })
  }
  if (o.owner) ops.push({ op: 'add', path: '/owner', value: o.owner })
  const pub = optionalBool(o.public as string | true | undefined, '--public')
  if (pub !== undefined) ops.push({ op: 'add', path: '/public', value: pub })
  if (o.steps) ops.push({ op: 'add', path: '/steps', value: jsonArg(String(o.steps), 'runbook steps') })
  ops.push(...argsToPatch('add', prefixed('extra', o.extra as string[] | undefined)))
  const ramdisk = optionalBool(o.disableRamdisk as string | true | undefined, '--disable-ramdisk')
  if (ramdisk !== undefined) ops.push({ op: 'add', path: '/disable_ramdisk', value: ramdisk })
  return ops
}

async function unsetOps(ctx: ActionContext): Promise<PatchOp[]> {
  const o = ctx.opts
  const ops: PatchOp[] = []
  const flags = [['name', 'name'], ['owner', 'owner'], ['public', 'public'], ['disableRamdisk', 'disable_ramdisk']] as const
  for (const [flag, field] of flags) if (o[flag]) ops.push({ op: 'remove', path: `/${field}` })
  if (o.description) {
    await ctx.client().requireMinor(TRAITS_MINOR, '--description')
    ops.push({ op: 'remove', path: '/description' })
  }
  ops.push(...argsToPatch('remove', prefixed('extra', o.extra as string[] | undefined)))
  if (ops.length === 0) throw new UsageError('Please specify what to unset.')
  return ops
}

function registerCrud(runbook: Command): void {
  define(runbook, {
    name: 'create',
    summary: 'Create a new runbook',
    examples: [
      'anvil runbook create --name CUSTOM_FW --steps \'[{"interface": "management", "step": "update_firmware", "args": {}, "order": 1}]\'',
    ],
    output: 'one',
    options: (cmd) =>
      cmd
        .requiredOption('--name <name>', 'unique name of the runbook')
        .option('--description <description>', 'description of the runbook (API 1.112)')
        .option('--uuid <uuid>', 'UUID of the runbook')
        .option('--public [public]', 'whether the runbook is public (true/false; no value: true)')
        .option('--owner <owner>', 'owner of the runbook')
        .option('--extra <key=value>', 'record arbitrary key/value metadata (repeatable)', collect)
        .requiredOption('--steps <steps>', STEPS_HELP)
        .option('--disable-ramdisk', 'do not boot the agent ramdisk when this runbook is used'),
    action: (ctx) => create(ctx),
  })
  define(runbook, {
    name: 'list',
    summary: 'List baremetal runbooks',
    examples: ['anvil runbook list', 'anvil runbook list --long -f json'],
    output: 'list',
    options: (cmd) => void addListOptions(cmd, 'runbooks'),
    action: (ctx) => runList(ctx, RUNBOOK, {}),
  })
  define(runbook, {
    name: 'show',
    summary: 'Show baremetal runbook details',
    examples: ['anvil runbook show CUSTOM_FW'],
    args: ['<runbook>'],
    output: 'one',
    options: (cmd) => void addShowFields(cmd),
    action: async (ctx, [id]) => {
      showResource(ctx, await ctx.client().get(memberPath(RUNBOOK, id as string), showQuery(ctx)))
    },
  })
  define(runbook, {
    name: 'set',
    summary: 'Set baremetal runbook properties',
    examples: ['anvil runbook set CUSTOM_FW --public --extra team=ops'],
    args: ['<runbook>'],
    options: (cmd) =>
      cmd
        .option('--name <name>', 'set the unique name')
        .option('--description <description>', 'set the description (API 1.112)')
        .option('--public [public]', 'make the runbook public (true/false; no value: true)')
        .option('--owner <owner>', 'set the owner')
        .option('--steps <steps>', STEPS_HELP)
        .option('--extra <key=value>', 'set an extra (repeatable)', collect)
        .option('--disable-ramdisk [disable_ramdisk]', 'do not boot the agent ramdisk (true/false; no value: true)'),
    action: async (ctx, [id]) => patchEach(ctx, RUNBOOK, [id as string], await setOps(ctx)),
  })
  define(runbook, {
    name: 'unset',
    summary: 'Unset baremetal runbook properties',
    examples: ['anvil runbook unset CUSTOM_FW --owner --extra team'],
    args: ['<runbook>'],
    options: (cmd) =>
      cmd
        .option('--name', 'unset the name')
        .option('--description', 'unset the description (API 1.112)')
        .option('--public', 'make the runbook private')
        .option('--owner', 'unset the owner')
        .option('--extra <key>', 'unset an extra (repeatable)', collect)
        .option('--disable-ramdisk', 'unset disable_ramdisk'),
    action: async (ctx, [id]) => patchEach(ctx, RUNBOOK, [id as string], await unsetOps(ctx)),
  })
  define(runbook, {
    name: 'delete',
    summary: 'Delete runbook(s)',
    examples: ['anvil runbook delete CUSTOM_FW'],
    args: ['<runbook...>'],
    action: (ctx, [ids]) => deleteEach(ctx, RUNBOOK, ids as string[]),
  })
}

async function removeTraits(ctx: ActionContext, id: string, traits: string[]): Promise<void> {
  const client = ctx.client()
  await client.requireMinor(TRAITS_MINOR, 'Runbook traits')
  if (ctx.opts.all) {
    if (traits.length > 0) throw new UsageError('--all cannot be used with trait names')
    await client.delete(memberPath(RUNBOOK, id) + '/traits')
    ctx.out(`Removed all traits from runbook ${id}\n`)
    return
  }
  if (traits.length === 0) throw new UsageError('give trait names or --all')
  const failures: string[] = []
  for (const t of traits) {
    try {
      await client.delete(`${memberPath(RUNBOOK, id)}/traits/${encodeURIComponent(t)}`)
      ctx.out(`Removed trait ${t}\n`)
    } catch (err) {
      if (traits.length === 1) throw err
      failures.push(`${t}: ${messageOf(err)}`)
    }
  }
  if (failures.length > 0) throw new ClientError(`Failed to remove ${failures.length} trait(s): ${failures.join('; ')}`)
}

function registerTraits(runbook: Command): void {
  const trait = group(runbook, 'trait', 'Traits of a runbook (nodes with one of them may run it)')
  define(trait, {
    name: 'list',
    summary: "List a runbook's traits",
    examples: ['anvil runbook trait list CUSTOM_FW'],
    args: ['<runbook>'],
    output: 'list',
    action: async (ctx, [id]) => {
      await ctx.client().requireMinor(TRAITS_MINOR, 'Runbook traits')
      const { traits } = await ctx.client().get<{ traits: string[] }>(`${memberPath(RUNBOOK, id as string)}/traits`)
      ctx.list(['Traits'], traits.map((t) => [t]))
    },
  })
  define(trait, {
    name: 'add',
    summary: 'Add traits to a runbook',
    examples: ['anvil runbook trait add CUSTOM_FW CUSTOM_RACK1 CUSTOM_RACK2'],
    args: ['<runbook>', '<trait...>'],
    action: async (ctx, [id, traits]) => {
      await ctx.client().requireMinor(TRAITS_MINOR, 'Runbook traits')
      for (const t of traits as string[]) {
        await ctx.client().put(`${memberPath(RUNBOOK, id as string)}/traits/${encodeURIComponent(t)}`)
        ctx.out(`Added trait ${t}\n`)
      }
    },
  })
  define(trait, {
    name: 'remove',
    summary: 'Remove trait(s) from a runbook',
    examples: ['anvil runbook trait remove CUSTOM_FW CUSTOM_RACK1', 'anvil runbook trait remove CUSTOM_FW --all'],
    args: ['<runbook>', '[trait...]'],
    options: (cmd) => cmd.option('--all', 'remove all traits'),
    action: (ctx, [id, traits]) => removeTraits(ctx, id as string, (traits as string[] | undefined) ?? []),
  })
}

/** Registers `anvil runbook`. */
export function registerRunbook(program: Command): void {
  const runbook = group(program, 'runbook', 'Baremetal runbooks')
  registerCrud(runbook)
  registerTraits(runbook)
}

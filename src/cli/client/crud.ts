/**
 * @module Builds the create/list/show/set/unset/delete commands of a simple resource (port,
 * port group, chassis, allocation, deploy template, volume connector/target) from a table of
 * its fields, the way each `baremetal <noun>` command maps options to API fields.
 */
import type { Command } from 'commander'
import { argsToPatch, boolArg, jsonArg, keyValuesToDict, type PatchOp } from './args.js'
import { collect, defineCommand, intOption, type ActionContext } from './command.js'
import { ApiError, UsageError } from './errors.js'
import type { Query } from './http-client.js'
import {
  addListOptions, addShowFields, deleteEach, memberPath, patchEach, runList, showQuery, showResource,
  type ResourceDef,
} from './resource.js'

/**
 * How an option maps to a field: `string`, `int`, `bool` (value true/false), `flag` (present =
 * true), `dict` (repeatable key=value), `json` (JSON/file/-), `list` (repeatable values).
 */
export type FieldKind = 'string' | 'int' | 'bool' | 'flag' | 'dict' | 'json' | 'list'

export interface FieldOption {
  /** Option name without dashes, e.g. `local-link-connection`. */
  flag: string
  /** API field, e.g. `local_link_connection`. */
  field: string
  kind: FieldKind
  help: string
  /** Fixed value (for paired flags like --pxe-enabled/--pxe-disabled). */
  value?: unknown
  required?: boolean
}

/** A simple resource's commands. */
export interface CrudSpec {
  def: ResourceDef
  /** The command words, e.g. `port group`, for examples. */
  words: string
  /** Metavar of the identifier, e.g. `<port>`. */
  ident: string
  /** Positional argument of create mapped to a field, e.g. address of a port. */
  createArg?: { name: string; field: string }
  create: readonly FieldOption[]
  createExample: string
  filters?: readonly FieldOption[]
  set: readonly FieldOption[]
  unset: readonly FieldOption[]
  /** `show --address`: the identifier may be the MAC address (ports and port groups). */
  showByAddress?: boolean
  /** Called after create (e.g. allocation --wait). */
  afterCreate?: (ctx: ActionContext, created: Record<string, unknown>) => Promise<Record<string, unknown>>
  createExtra?: (cmd: Command) => void
}

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())

function addOption(cmd: Command, f: FieldOption, forUnset = false): void {
  const name = `--${f.flag}`
  if (forUnset) {
    if (f.kind === 'dict') cmd.option(`${name} <key>`, f.help, collect)
    else cmd.option(name, f.help)
    return
  }
  const meta = `<${f.flag.replace(/-/g, '_')}>`
  switch (f.kind) {
    case 'flag':
      cmd.option(name, f.help)
      break
    case 'dict':
      cmd.option(`${name} <key=value>`, f.help, collect)
      break
    case 'list':
      cmd.option(`${name} ${meta}`, f.help, collect)
      break
    case 'int':
      cmd.option(`${name} ${meta}`, f.help, intOption(name))
      break
    default:
      if (f.required) cmd.requiredOption(`${name} ${meta}`, f.help)
      else cmd.option(`${name} ${meta}`, f.help)
  }
}

function valueOf(f: FieldOption, raw: unknown): unknown {
  if (raw === undefined) return undefined
  switch (f.kind) {
    case 'flag':
      return raw === true ? (f.value ?? true) : undefined
    case 'bool':
      return boolArg(String(raw), `--${f.flag}`)
    case 'dict':
      return keyValuesToDict(raw as string[])
    case 'json':
      return jsonArg(String(raw), f.field.replace(/_/g, ' '))
    default:
      return raw
  }
}

async function create(ctx: ActionContext, spec: CrudSpec, arg: string | undefined): Promise<void> {
  const body: Record<string, unknown> = {}
  if (spec.createArg && arg !== undefined) body[spec.createArg.field] = arg
  for (const f of spec.create) {
    const v = valueOf(f, ctx.opts[camel(f.flag)])
    if (v !== undefined) body[f.field] = v
  }
  let created = await ctx.client().post(spec.def.path, body)
  if (spec.afterCreate) created = await spec.afterCreate(ctx, created)
  showResource(ctx, created, spec.def.hidden)
}

function setOps(ctx: ActionContext, fields: readonly FieldOption[]): PatchOp[] {
  const ops: PatchOp[] = []
  for (const f of fields) {
    const raw = ctx.opts[camel(f.flag)]
    if (raw === undefined) continue
    if (f.kind === 'dict') ops.push(...argsToPatch('add', (raw as string[]).map((a) => `${f.field}/${a}`)))
    else {
      const v = valueOf(f, raw)
      if (v !== undefined) ops.push({ op: 'add', path: `/${f.field}`, value: v })
    }
  }
  return ops
}

function unsetOps(ctx: ActionContext, fields: readonly FieldOption[]): PatchOp[] {
  const ops: PatchOp[] = []
  for (const f of fields) {
    const raw = ctx.opts[camel(f.flag)]
    if (raw === undefined || raw === false) continue
    if (f.kind === 'dict') ops.push(...argsToPatch('remove', (raw as string[]).map((a) => `${f.field}/${a}`)))
    else ops.push({ op: 'remove', path: `/${f.field}` })
  }
  return ops
}

function registerReadCommands(parent: Command, spec: CrudSpec): void {
  const plural = spec.def.singular.endsWith('s') ? spec.def.singular : `${spec.def.singular}s`
  defineCommand(parent, {
    name: 'list',
    summary: `List baremetal ${plural}`,
    examples: [`anvil ${spec.words} list`, `anvil ${spec.words} list --long -f json`],
    output: 'list',
    options: (cmd) => {
      addListOptions(cmd, plural)
      for (const f of spec.filters ?? []) addOption(cmd, f)
    },
    action: async (ctx) => {
      const q: Query = {}
      for (const f of spec.filters ?? []) {
        const v = valueOf(f, ctx.opts[camel(f.flag)])
        if (v !== undefined) q[f.field] = v as string
      }
      await runList(ctx, spec.def, q)
    },
  })
  defineCommand(parent, {
    name: 'show',
    summary: `Show baremetal ${spec.def.singular} details`,
    examples: [`anvil ${spec.words} show ${spec.ident}`],
    args: [spec.ident],
    output: 'one',
    options: (cmd) => {
      addShowFields(cmd)
      if (spec.showByAddress) {
        cmd.option('--address', `${spec.ident} is the MAC address (instead of the UUID) of the ${spec.def.singular}`)
      }
    },
    action: async (ctx, [id]) => {
      const found = ctx.opts.address === true
        ? await byAddress(ctx, spec.def, id as string)
        : await ctx.client().get(memberPath(spec.def, id as string), showQuery(ctx))
      showResource(ctx, found, spec.def.hidden)
    },
  })
}

/** Registers create, list, show, set, unset and delete of a simple resource. */
export function registerCrud(parent: Command, spec: CrudSpec): void {
  const many = `${spec.ident.slice(0, -1)}...>`
  defineCommand(parent, {
    name: 'create',
    summary: `Create a new baremetal ${spec.def.singular}`,
    examples: [spec.createExample],
    args: spec.createArg ? [`<${spec.createArg.name}>`] : [],
    output: 'one',
    options: (cmd) => {
      for (const f of spec.create) addOption(cmd, f)
      spec.createExtra?.(cmd)
    },
    action: (ctx, [arg]) => create(ctx, spec, arg as string | undefined),
  })
  registerReadCommands(parent, spec)
  defineCommand(parent, {
    name: 'set',
    summary: `Set baremetal ${spec.def.singular} properties`,
    examples: [`anvil ${spec.words} set ${spec.ident} --extra key=value`],
    args: [many],
    options: (cmd) => {
      for (const f of spec.set) addOption(cmd, f)
    },
    action: (ctx, [ids]) => patchEach(ctx, spec.def, ids as string[], setOps(ctx, spec.set)),
  })
  defineCommand(parent, {
    name: 'unset',
    summary: `Unset baremetal ${spec.def.singular} properties`,
    examples: [`anvil ${spec.words} unset ${spec.ident} --extra key`],
    args: [many],
    options: (cmd) => {
      for (const f of spec.unset) addOption(cmd, f, true)
    },
    action: async (ctx, [ids]) => {
      const ops = unsetOps(ctx, spec.unset)
      if (ops.length === 0) throw new UsageError('Please specify what to unset.')
      await patchEach(ctx, spec.def, ids as string[], ops)
    },
  })
  defineCommand(parent, {
    name: 'delete',
    summary: `Delete baremetal ${spec.def.singular}(s)`,
    examples: [`anvil ${spec.words} delete ${spec.ident}`],
    args: [many],
    action: (ctx, [ids]) => deleteEach(ctx, spec.def, ids as string[]),
  })
}

/** Shorthand for a field option. */
export function opt(flag: string, kind: FieldKind, help: string, extra: Partial<FieldOption> = {}): FieldOption {
  return { flag, field: flag.replace(/-/g, '_'), kind, help, ...extra }
}

/**
 * The one member with this MAC address, as python-ironicclient's `get_by_address` finds it: a
 * filtered list (`/detail` unless fields are asked for) that must hold exactly one item.
 */
async function byAddress(ctx: ActionContext, def: ResourceDef, address: string): Promise<Record<string, unknown>> {
  const query = showQuery(ctx)
  const path = query.fields === undefined ? `${def.path}/detail` : def.path
  const page = await ctx.client().get<Record<string, unknown>>(path, { ...query, address })
  const items = page[def.key]
  if (!Array.isArray(items) || items.length !== 1) throw new ApiError(404, 'Not Found')
  return items[0] as Record<string, unknown>
}


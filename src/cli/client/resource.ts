/**
 * @module Shared shapes of resource commands: list (`--long`, `--fields`, `--limit`, `--marker`,
 * `--sort`), show (sorted Field/Value), delete of several resources, and PATCH-based set/unset.
 */
import type { Command } from 'commander'
import { type PatchOp } from './args.js'
import { collect, intOption, type ActionContext } from './command.js'
import { ClientError, UsageError, messageOf } from './errors.js'
import { labelOf } from './fields.js'
import type { Query } from './http-client.js'

/** A REST collection of the Bare Metal API. */
export interface ResourceDef {
  /** Collection path, e.g. `/ports`. */
  path: string
  /** Key of the list in a collection answer, e.g. `ports`. */
  key: string
  /** Human name, e.g. `port`, `port group`. */
  singular: string
  columns: readonly string[]
  longColumns: readonly string[]
  labels?: Readonly<Record<string, string>>
  /** Link-like fields left out of `show` (links, nodes, ports...). */
  hidden?: readonly string[]
  /** `--long` sends no `detail` (the collection has none, e.g. allocations: every field is listed). */
  noDetail?: boolean
}

/** Options of a list command as commander parses them. */
export interface ListFlags {
  limit?: number
  marker?: string
  sort?: string
  long?: boolean
  fields?: string[]
}

/** Adds --limit, --marker, --sort, --long and --fields. */
export function addListOptions(cmd: Command, what: string, long = true): Command {
  cmd
    .option('--limit <limit>', `maximum number of ${what} to return, 0 for no limit`, intOption('--limit'))
    .option('--marker <uuid>', `${what.replace(/s$/, '')} UUID after which to start (paging)`)
    .option('--sort <key>[:<direction>]', 'sort output by fields, e.g. name:desc (comma separated)')
  if (long) {
    cmd
      .option('--long', 'show detailed information')
      .option('--fields <field...>', 'only these fields (fetched from the server)')
  }
  return cmd
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

/** Client-side sort like osc-lib's `sort_items` (`key[:asc|desc],...`). */
export function sortItems(items: Record<string, unknown>[], spec: string | undefined): Record<string, unknown>[] {
  if (!spec) return items
  const out = [...items]
  for (const part of spec.trim().split(',').reverse()) {
    const [key, dir = 'asc'] = part.split(':')
    if (!key) throw new UsageError("'<empty string>' is not a valid sort key")
    if (dir !== 'asc' && dir !== 'desc') {
      throw new UsageError(`'${dir || '<empty string>'}' is not a valid sort direction for sort key ${key}, use 'asc' or 'desc' instead`)
    }
    out.sort((x, y) => (dir === 'desc' ? -1 : 1) * compare(x[key], y[key]))
  }
  return out
}

/** Headings for fields, with per-command overrides. */
export function labelsFor(fields: readonly string[], overrides: Readonly<Record<string, string>> = {}): string[] {
  return fields.map((f) => overrides[f] ?? labelOf(f))
}

/** Rows of the given fields; a field the server did not send shows as '' (like osc-lib). */
export function rowsOf(items: readonly Record<string, unknown>[], fields: readonly string[]): unknown[][] {
  return items.map((it) => fields.map((f) => (f in it ? it[f] : '')))
}

/** Fetches and prints a list: default, `--long` or `--fields` columns. */
export async function runList(ctx: ActionContext, def: ResourceDef, query: Query, path = def.path): Promise<void> {
  const flags = ctx.opts as ListFlags
  let columns = def.columns
  const q: Query = { ...query }
  if (flags.marker !== undefined) q.marker = flags.marker
  if (flags.long) {
    if (!def.noDetail) q.detail = true
    columns = def.longColumns
  } else if (flags.fields && flags.fields.length > 0) {
    const fields = flags.fields.flatMap((f) => f.split(',')).filter((f) => f !== '')
    columns = fields
    q.fields = fields.join(',')
  }
  const items = await ctx.client().list(path, def.key, q, flags.limit)
  const sorted = sortItems(items, flags.sort)
  ctx.list(labelsFor(columns, def.labels), rowsOf(sorted, columns))
}

/** Prints one resource as sorted Field/Value pairs, without link fields. */
export function showResource(ctx: ActionContext, obj: Record<string, unknown>, hidden: readonly string[] = []): void {
  const drop = new Set(['links', ...hidden])
  const keys = Object.keys(obj).filter((k) => !drop.has(k)).sort()
  ctx.one(keys, keys.map((k) => obj[k]))
}

/** Adds `--fields` to a show command. */
export function addShowFields(cmd: Command): Command {
  return cmd.option('--fields <field...>', 'only these fields (fetched from the server)', (v: string, prev: string[] | undefined) =>
    collect(v, prev))
}

/** The `fields` query of a show command, if any. */
export function showQuery(ctx: ActionContext): Query {
  const fields = (ctx.opts.fields as string[] | undefined)?.flatMap((f) => f.split(',')).filter((f) => f !== '')
  return fields && fields.length > 0 ? { fields: fields.join(',') } : {}
}

/** Path of one member of a collection. */
export function memberPath(def: ResourceDef, ident: string): string {
  return `${def.path}/${encodeURIComponent(ident)}`
}

/** Deletes each ident; prints "Deleted <what> <id>" per success, fails if any failed. */
export async function deleteEach(ctx: ActionContext, def: ResourceDef, idents: readonly string[]): Promise<void> {
  const failures: string[] = []
  for (const id of idents) {
    try {
      await ctx.client().delete(memberPath(def, id))
      ctx.out(`Deleted ${def.singular} ${id}\n`)
    } catch (err) {
      if (idents.length === 1) throw err
      failures.push(`${id}: ${messageOf(err)}`)
    }
  }
  if (failures.length > 0) {
    throw new ClientError(`Failed to delete ${failures.length} of ${idents.length} ${def.singular}(s): ${failures.join('; ')}`)
  }
}

/** Applies a patch to each ident (no request when there is nothing to change). */
export async function patchEach(
  ctx: ActionContext,
  def: ResourceDef,
  idents: readonly string[],
  ops: PatchOp[],
  query?: Query,
): Promise<void> {
  if (ops.length === 0) throw new UsageError('Please specify what to set.')
  for (const id of idents) await ctx.client().patch(memberPath(def, id), ops, query)
}

/**
 * @module Declaring client commands on commander: help with an example, cliff's output options,
 * a lazily built HTTP client, and errors turned into one line on stderr with a non-zero exit.
 */
import { Command, InvalidArgumentError, Option } from 'commander'
import { ClientError, UsageError, messageOf } from './errors.js'
import { BareMetalClient } from './http-client.js'
import { LIST_FORMATS, SHOW_FORMATS, formatList, formatOne, type OutputOptions } from './output/formatters.js'
import { resolveSettings, type GlobalFlags } from './settings.js'

/** What an action receives besides its arguments. */
export interface ActionContext {
  /** The HTTP client (settings resolved on first use). */
  client(): BareMetalClient
  /** Writes to stdout. */
  out(text: string): void
  /** Prints a list (cliff Lister) with the command's output options. */
  list(columns: readonly string[], rows: readonly unknown[][]): void
  /** Prints one object (cliff ShowOne) as sorted Field/Value pairs with the output options. */
  one(names: readonly string[], values: readonly unknown[]): void
  /** The command's own options. */
  opts: Record<string, unknown>
}

export type Output = 'list' | 'one' | 'none'

/** Processed positional arguments, in declaration order. */
export type Args = readonly (string | string[] | undefined)[]

/** A client command: arguments in commander syntax (`<node>`, `<node...>`, `[x]`). */
export interface CommandSpec {
  name: string
  summary: string
  examples: readonly string[]
  args?: readonly string[]
  output?: Output
  options?: (cmd: Command) => void
  /** Receives commander's processed arguments: a string, a string[] for variadic, or undefined. */
  action: (ctx: ActionContext, args: Args) => Promise<void>
}

/** Collects a repeatable option into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

function addOutputOptions(cmd: Command, output: Output): void {
  if (output === 'none') return
  const formats = output === 'list' ? 'csv, json, table, value, yaml' : 'json, shell, table, value, yaml'
  cmd
    .option('-f, --format <format>', `output format (${formats})`, 'table')
    .option('-c, --column <column>', 'column to include (repeatable; default: all)', collect)
    .option('--noindent', 'json: do not indent')
    .addOption(new Option('--max-width <integer>', 'table: accepted for compatibility').hideHelp())
  if (output === 'list') {
    cmd
      .addOption(new Option('--quote <mode>', 'csv: when to quote').choices(['all', 'minimal', 'none', 'nonnumeric']).default('nonnumeric'))
      .option('--print-empty', 'table: print an empty table when there is no data')
  } else {
    cmd.option('--prefix <prefix>', 'shell: prefix for variable names', '')
  }
}

/** Rejects an unknown `-f` before any request is sent. */
function checkFormat(opts: Record<string, unknown>, output: Output): void {
  if (output === 'none' || opts.format === undefined) return
  const allowed: readonly string[] = output === 'list' ? LIST_FORMATS : SHOW_FORMATS
  if (!allowed.includes(String(opts.format))) {
    throw new UsageError(`invalid format '${String(opts.format)}' (choose from ${allowed.join(', ')})`)
  }
}

let reported = false

/** Reports a failure as one line and sets the exit code. */
export function reportError(err: unknown): void {
  if (reported) return
  reported = true
  const line = messageOf(err)
  process.stderr.write(`${line.split('\n')[0]}\n`)
  if (!(err instanceof ClientError) && process.env.ANVIL_DEBUG) process.stderr.write(`${(err as Error).stack}\n`)
  process.exitCode = err instanceof ClientError ? err.exitCode : 1
}

function contextFor(cmd: Command): ActionContext {
  let client: BareMetalClient | undefined
  const opts = cmd.opts()
  const outputOpts = opts as OutputOptions
  return {
    opts,
    client: () => (client ??= new BareMetalClient(resolveSettings(cmd.optsWithGlobals<GlobalFlags>()))),
    out: (text) => void process.stdout.write(text),
    list: (columns, rows) => void process.stdout.write(formatList(columns, rows, outputOpts)),
    one: (names, values) => void process.stdout.write(formatOne(names, values, outputOpts)),
  }
}

/** Makes commander's own usage errors one line (no help dump) for a command tree node. */
export function quietErrors(cmd: Command): Command {
  return cmd.showHelpAfterError(false).configureOutput({ outputError: oneLine })
}

/** Writes commander's error (and its "Did you mean" hint) as one line. */
export function oneLine(text: string, write: (s: string) => void): void {
  write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`)
}

/** Adds a sub-command group (`node`, `port group`...) with its summary. */
export function group(parent: Command, name: string, summary: string): Command {
  return quietErrors(parent.command(name).description(summary))
}

/** Adds one client command to `parent`. */
export function defineCommand(parent: Command, spec: CommandSpec): Command {
  const cmd = quietErrors(parent.command(spec.name).description(spec.summary))
  for (const a of spec.args ?? []) cmd.argument(a)
  spec.options?.(cmd)
  addOutputOptions(cmd, spec.output ?? 'none')
  const examples = spec.examples.map((e) => `  ${e}`).join('\n')
  cmd.addHelpText('after', `\nExample${spec.examples.length > 1 ? 's' : ''}:\n${examples}\n`)
  cmd.action(async () => {
    try {
      checkFormat(cmd.opts(), spec.output ?? 'none')
      await spec.action(contextFor(cmd), cmd.processedArgs as Args)
    } catch (err) {
      reportError(err)
    }
  })
  return cmd
}

/** Parses an integer option value, failing with a usage error. */
export function intOption(name: string, min = 0): (value: string) => number {
  return (value: string) => {
    if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) {
      throw new InvalidArgumentError(`${name}: expected an integer >= ${min}`)
    }
    return Number(value)
  }
}

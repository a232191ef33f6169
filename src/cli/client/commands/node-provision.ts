/**
 * @module Provision state commands (PUT /v1/nodes/{node}/states/provision): manage, provide,
 * inspect, clean, deploy, rebuild, undeploy, rescue, unrescue, abort, adopt, service, unhold,
 * with `--wait [TIMEOUT]`.
 */
import { InvalidArgumentError, type Command } from 'commander'
import { jsonArg } from '../args.js'
import { defineCommand, type ActionContext } from '../command.js'
import { UsageError } from '../errors.js'
import { provisionWait, waitForNodes } from '../wait.js'
import { nodePath } from './node-crud.js'

interface Verb {
  name: string
  target: string
  summary: string
  /** State reached when done (enables --wait). */
  expected?: string
  /** Oldest API minor version with this verb (checked before sending, for a clear message). */
  minor?: number
  options?: (cmd: Command) => void
}

const deployOpts = (cmd: Command) =>
  cmd
    .option('--config-drive <config-drive>', 'config drive: a JSON document, a file or a URL')
    .option('--deploy-steps <steps>', 'deploy steps: JSON, a file or -')
const stepOpts = (kind: string) => (cmd: Command) =>
  cmd
    .option(`--${kind}-steps <steps>`, `${kind} steps: JSON, a file or -`)
    .option('--runbook <runbook>', 'runbook name or UUID')
    .option('--disable-ramdisk', 'do not boot the ramdisk')

const VERBS: readonly Verb[] = [
  { name: 'manage', target: 'manage', expected: 'manageable', summary: 'Set provision state of baremetal node to "manage"' },
  { name: 'provide', target: 'provide', expected: 'available', summary: 'Set provision state of baremetal node to "provide"' },
  { name: 'inspect', target: 'inspect', expected: 'manageable', summary: 'Set provision state of baremetal node to "inspect"' },
  { name: 'clean', target: 'clean', expected: 'manageable', summary: 'Set provision state of baremetal node to "clean"', options: stepOpts('clean') },
  {
    name: 'service', target: 'service', expected: 'active', minor: 87,
    summary: 'Set provision state of baremetal node to "service"', options: stepOpts('service'),
  },
  { name: 'deploy', target: 'active', expected: 'active', summary: 'Set provision state of baremetal node to "deploy"', options: deployOpts },
  { name: 'rebuild', target: 'rebuild', expected: 'active', summary: 'Set provision state of baremetal node to "rebuild"', options: deployOpts },
  { name: 'undeploy', target: 'deleted', expected: 'available', summary: 'Set provision state of baremetal node to "deleted"' },
  {
    name: 'rescue', target: 'rescue', expected: 'rescue', summary: 'Set provision state of baremetal node to "rescue"',
    options: (cmd) => cmd.requiredOption('--rescue-password <password>', 'password for the rescue ramdisk'),
  },
  { name: 'unrescue', target: 'unrescue', expected: 'active', summary: 'Set provision state of baremetal node to "unrescue"' },
  { name: 'adopt', target: 'adopt', expected: 'active', summary: 'Set provision state of baremetal node to "adopt"' },
  { name: 'abort', target: 'abort', summary: 'Set provision state of baremetal node to "abort"' },
  { name: 'unhold', target: 'unhold', minor: 85, summary: 'Set provision state of baremetal node to "unhold"' },
]

/** Parses the optional `--wait` timeout (seconds, 0 = forever). */
export function waitValue(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a timeout in seconds (0 waits forever)')
  return Number(value)
}

function configDrive(value: string | undefined): unknown {
  if (value === undefined) return undefined
  try {
    const parsed = JSON.parse(value) as unknown
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed
  } catch {
    // not JSON: a URL, a file name or base64 text, sent as is
  }
  return value
}

function provisionBody(verb: Verb, o: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { target: verb.target }
  const cd = configDrive(o.configDrive as string | undefined)
  if (cd !== undefined) body.configdrive = cd
  for (const kind of ['clean', 'deploy', 'service'] as const) {
    const steps = jsonArg(o[`${kind}Steps`] as string | undefined, `${kind} steps`)
    if (steps !== undefined) body[`${kind}_steps`] = steps
  }
  if (typeof o.rescuePassword === 'string') body.rescue_password = o.rescuePassword
  if (typeof o.runbook === 'string') body.runbook = o.runbook
  if (o.disableRamdisk) body.disable_ramdisk = true
  if (o.runbook && o.disableRamdisk) throw new UsageError('You cannot supply --runbook and --disable-ramdisk together')
  if ((verb.name === 'clean' || verb.name === 'service') && !body.clean_steps && !body.service_steps && !body.runbook) {
    throw new UsageError(`one of --${verb.name}-steps or --runbook is required`)
  }
  return body
}

/** `runbook` in a provision request (clean, service) needs runbooks (API 1.92). */
const RUNBOOK_MINOR = 92

async function runVerb(ctx: ActionContext, verb: Verb, idents: string[]): Promise<void> {
  const body = provisionBody(verb, ctx.opts)
  // an older Ironic answers these with "Unexpected arguments" or a state error: say why instead
  if (verb.minor !== undefined) await ctx.client().requireMinor(verb.minor, `node ${verb.name}`)
  if (body.runbook !== undefined) await ctx.client().requireMinor(RUNBOOK_MINOR, '--runbook')
  for (const id of idents) await ctx.client().put(nodePath(id, '/states/provision'), body)
  const timeout = ctx.opts.wait
  if (timeout === undefined || verb.expected === undefined) return
  await waitForNodes(ctx.client(), idents, provisionWait(verb.expected), timeout === true ? 0 : Number(timeout))
}

/** Registers the provision state verbs on `node`. */
export function registerNodeProvision(node: Command): void {
  for (const verb of VERBS) {
    defineCommand(node, {
      name: verb.name,
      summary: verb.summary,
      examples: [`anvil node ${verb.name} node-0${verb.expected ? ' --wait 600' : ''}`],
      args: ['<node...>'],
      options: (cmd) => {
        verb.options?.(cmd)
        if (verb.expected) {
          cmd.option('--wait [timeout]', `wait for the node to reach "${verb.expected}" (timeout in seconds, 0 = forever)`, waitValue)
        }
      },
      action: (ctx, [idents]) => runVerb(ctx, verb, idents as string[]),
    })
  }
}

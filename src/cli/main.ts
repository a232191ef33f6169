#!/usr/bin/env -S node --max-semi-space-size=1
/**
 * @module The `anvil` command: servers and the Bare Metal API client.
 *
 * The first line caps V8's young generation at 2 MiB (from 32): a server then stays ~25 MiB
 * smaller at no measurable cost in throughput. `npm start` and the benchmarks pass the same
 * flag (a test checks it).
 */
import { Command, CommanderError } from 'commander'
import { registerServerCommands } from './commands/server.js'

/**
 * Whether `args` (after `anvil`) runs a server only: then the client's commands are not loaded,
 * which keeps a long-running server ~4 MiB smaller. `anvil conductor list|show` is the client.
 */
export function runsServerOnly(args: readonly string[]): boolean {
  const [command, sub] = args
  if (args.includes('--help') || args.includes('-h')) return false
  if (command === 'serve' || command === 'api' || command === 'db') return true
  return command === 'conductor' && (sub === undefined || sub.startsWith('-'))
}

export async function buildProgram(args: readonly string[] = []): Promise<Command> {
  const program = new Command('anvil')
    .description('Anvil: bare-metal provisioning with the OpenStack Bare Metal (Ironic) API')
    .version('0.1.0')
    .showHelpAfterError()
  registerServerCommands(program)
  if (!runsServerOnly(args)) {
    const { registerClientCommands } = await import('./client/index.js')
    registerClientCommands(program)
  }
  return program
}

async function main(): Promise<void> {
  try {
    await (await buildProgram(process.argv.slice(2))).parseAsync(process.argv)
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode)
    process.stderr.write(`anvil: ${(err as Error).message}\n`)
    process.exit(1)
  }
}

void main()

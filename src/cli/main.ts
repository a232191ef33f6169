#!/usr/bin/env node
/**
 * @module The `anvil` command: servers and (later) the Bare Metal API client.
 */
import { Command, CommanderError } from 'commander'
import { registerClientCommands } from './client/index.js'
import { registerServerCommands } from './commands/server.js'

export function buildProgram(): Command {
  const program = new Command('anvil')
    .description('Anvil: bare-metal provisioning with the OpenStack Bare Metal (Ironic) API')
    .version('0.1.0')
    .showHelpAfterError()
  registerServerCommands(program)
  registerClientCommands(program)
  return program
}

async function main(): Promise<void> {
  try {
    await buildProgram().parseAsync(process.argv)
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode)
    process.stderr.write(`anvil: ${(err as Error).message}\n`)
    process.exit(1)
  }
}

void main()

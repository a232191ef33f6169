/**
 * @module Server commands: `anvil serve` (API + conductor in one process) and `anvil db upgrade`.
 */
import type { Command } from 'commander'
import { loadConfig, type Config } from '../../common/config.js'
import { openDatabase } from '../../db/database.js'
import { upgradeDatabase } from '../../db/migrate.js'
import { createAnvil } from '../../service/anvil.js'

interface ServerFlags {
  configFile?: string
  stateDir?: string
  host?: string
  port?: string
}

function configFrom(flags: ServerFlags): Config {
  const config = loadConfig({
    file: flags.configFile,
    stateDir: flags.stateDir,
    overrides: {
      api: {
        ...(flags.host !== undefined ? { host_ip: flags.host } : {}),
        ...(flags.port !== undefined ? { port: flags.port } : {}),
      },
    },
  })
  for (const w of config.warnings) process.stderr.write(`anvil: warning: ${w}\n`)
  return config
}

function serverOptions(cmd: Command): Command {
  return cmd
    .option('--config-file <path>', 'Ironic-style INI configuration file')
    .option('--state-dir <dir>', 'where Anvil keeps its database and files (default: ./.anvil)')
}

export function registerServerCommands(program: Command): void {
  serverOptions(
    program
      .command('serve')
      .description('run the Bare Metal API and a conductor in one process (SQLite by default)')
      .option('--host <address>', 'address to listen on ([api]host_ip, default 127.0.0.1)')
      .option('--port <port>', 'port to listen on ([api]port, default 6385)'),
  )
    .addHelpText('after', '\nExample:\n  anvil serve --state-dir /var/lib/anvil --port 6385\n')
    .action(async (flags: ServerFlags) => {
      const config = configFrom(flags)
      const anvil = await createAnvil(config, { logger: { level: config.DEFAULT.debug ? 'debug' : 'info' } })
      const url = await anvil.listen()
      process.stderr.write(`anvil: serving the Bare Metal API on ${url} (state in ${config.stateDir})\n`)
      const stop = () => {
        void anvil.close().then(() => process.exit(0))
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })

  const db = program.command('db').description('database maintenance')
  serverOptions(db.command('upgrade').description('apply the schema migrations'))
    .addHelpText('after', '\nExample:\n  anvil db upgrade --config-file /etc/anvil/anvil.conf\n')
    .action(async (flags: ServerFlags) => {
      const config = configFrom(flags)
      const database = openDatabase(config.database.connection)
      try {
        const result = await upgradeDatabase(database)
        const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
        process.stdout.write(
          applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n',
        )
      } finally {
        await database.close()
      }
    })
}

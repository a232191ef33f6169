/**
 * @module Server commands: `anvil serve` (API + conductor in one process) and `anvil db upgrade`.
 */
import type { Command } from 'commander'
import { loadConfig, type Config } from '../../common/config.js'
import type { Role } from '../../service/anvil.js'

interface ServerFlags {
  configFile?: string
  stateDir?: string
  host?: string
  port?: string
}

function configFrom(flags: ServerFlags, role: Role = 'all'): Config {
  const listen = {
    ...(flags.host !== undefined ? { host_ip: flags.host } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
  }
  const config = loadConfig({
    file: flags.configFile,
    stateDir: flags.stateDir,
    overrides: role === 'conductor' ? { json_rpc: listen } : { api: listen },
  })
  for (const w of config.warnings) process.stderr.write(`anvil: warning: ${w}\n`)
  return config
}

async function serve(role: Role, flags: ServerFlags): Promise<void> {
  const config = configFrom(flags, role)
  // Loaded here, not at the top: client commands share this binary and should start fast.
  const { createAnvil } = await import('../../service/anvil.js')
  const anvil = await createAnvil(config, {
    role,
    logger: { level: config.DEFAULT.debug ? 'debug' : 'info' },
    log: consoleLog,
  })
  const url = await anvil.listen()
  const what = role === 'conductor' ? 'conductor JSON-RPC' : 'the Bare Metal API'
  process.stderr.write(`anvil: serving ${what} on ${url} (${config.database.connection})\n`)
  const stop = () => {
    void anvil.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

const consoleLog = {
  info: (obj: object, msg?: string) => process.stderr.write(`anvil: ${msg ?? ''} ${JSON.stringify(obj)}\n`),
  warn: (obj: object, msg?: string) => process.stderr.write(`anvil: warning: ${msg ?? ''} ${JSON.stringify(obj)}\n`),
  error: (obj: object, msg?: string) => {
    const err = (obj as { err?: Error }).err
    process.stderr.write(`anvil: error: ${msg ?? ''} ${err ? err.stack ?? err.message : JSON.stringify(obj)}\n`)
  },
}

function serverOptions(cmd: Command): Command {
  return cmd
    .option('--config-file <path>', 'Ironic-style INI configuration file')
    .option('--state-dir <dir>', 'where Anvil keeps its database and files (default: ./.anvil)')
}

export function registerServerCommands(program: Command): void {
  const roles: Array<[Role, string, string]> = [
    ['all', 'serve', 'run the Bare Metal API and a conductor in one process (SQLite by default)'],
    ['api', 'api', 'run only the Bare Metal API; conductors are reached over JSON-RPC (needs a shared database)'],
    ['conductor', 'conductor', 'run only a conductor, serving JSON-RPC on [json_rpc]host_ip:port (needs a shared database)'],
  ]
  for (const [role, name, description] of roles) {
    serverOptions(
      program
        .command(name)
        .description(description)
        .option('--host <address>', role === 'conductor' ? 'JSON-RPC address ([json_rpc]host_ip)' : 'address to listen on ([api]host_ip, default 127.0.0.1)')
        .option('--port <port>', role === 'conductor' ? 'JSON-RPC port ([json_rpc]port, default 8089)' : 'port to listen on ([api]port, default 6385)'),
    )
      .addHelpText('after', `\nExample:\n  anvil ${name} --state-dir /var/lib/anvil${role === 'all' ? ' --port 6385' : ' --config-file /etc/anvil/anvil.conf'}\n`)
      .action(async (flags: ServerFlags) => serve(role, flags))
  }

  const db = program.command('db').description('database maintenance')
  serverOptions(db.command('upgrade').description('apply the schema migrations'))
    .addHelpText('after', '\nExample:\n  anvil db upgrade --config-file /etc/anvil/anvil.conf\n')
    .action(async (flags: ServerFlags) => {
      const config = configFrom(flags)
      const { openDatabase } = await import('../../db/database.js')
      const { upgradeDatabase } = await import('../../db/migrate.js')
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

/**
 * @module The Bare Metal API client commands of the `anvil` binary (python-ironicclient's
 * `baremetal` CLI): global `--os-*` options and every resource command.
 */
import type { Command } from 'commander'
import { group, oneLine } from './command.js'
import { registerAllocation } from './commands/allocation.js'
import { registerCompletion } from './commands/completion.js'
import { registerCreate } from './commands/create.js'
import { registerDriversAndConductors } from './commands/driver-conductor.js'
import { registerNodeCrud } from './commands/node-crud.js'
import { registerNodeExtras } from './commands/node-extras.js'
import { registerNodePower } from './commands/node-power.js'
import { registerNodeProvision } from './commands/node-provision.js'
import { registerNodeUpdate } from './commands/node-update.js'
import { registerRunbook } from './commands/runbook.js'
import { registerShard } from './commands/shard.js'
import { registerSimpleResources } from './commands/resources.js'

function addGlobalOptions(program: Command): void {
  program
    .option('--os-endpoint <url>', 'Bare Metal API endpoint (env OS_ENDPOINT; default http://127.0.0.1:6385)')
    .option('--os-auth-type <type>', 'none, http_basic or token (env OS_AUTH_TYPE; default none)')
    .option('--os-username <name>', 'user name for http_basic (env OS_USERNAME)')
    .option('--os-password <password>', 'password for http_basic (env OS_PASSWORD)')
    .option('--os-token <token>', 'token sent as X-Auth-Token (env OS_TOKEN)')
    .option('--os-cloud <name>', 'cloud from clouds.yaml (env OS_CLOUD)')
    .option('--os-baremetal-api-version <version>', 'API microversion 1.N or latest (env OS_BAREMETAL_API_VERSION; default: negotiated)')
}

/**
 * Adds the client commands (`node`, `port`, `chassis`, ...) and global options to the program.
 * @example
 * registerClientCommands(program)  // then: anvil node list --os-endpoint http://127.0.0.1:6385
 */
export function registerClientCommands(program: Command): void {
  // One-line usage errors (no help dump) for unknown commands and for every client command.
  program.showHelpAfterError(false).configureOutput({ outputError: oneLine })
  addGlobalOptions(program)
  const node = group(program, 'node', 'Baremetal nodes')
  registerNodeCrud(node)
  registerNodeUpdate(node)
  registerNodeProvision(node)
  registerNodePower(node)
  registerNodeExtras(node)
  registerSimpleResources(program)
  registerAllocation(program)
  registerRunbook(program)
  registerShard(program)
  registerDriversAndConductors(program)
  registerCreate(program)
  registerCompletion(program)
}

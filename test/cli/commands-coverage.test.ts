/**
 * @module Coverage of the `anvil` client commands by tests that run them against a live Anvil
 * (test/helpers/anvil.ts `startTestAnvil` + test/cli/cli-harness.ts `runCli`) and assert their
 * output in every format they print (table, json, yaml, value, csv or shell; `-c`, `--long`,
 * `--fields` where they exist) and the server state they change.
 *
 * "before" is the coverage before the commands-*.test.ts files:
 *   live     run against a live Anvil, output asserted in its formats
 *   partial  run against a live Anvil, but some formats or options not asserted
 *   none     not run against a live Anvil (at most against the scripted server of cli-harness)
 *   server   a server command, not a Bare Metal API client command (not in this audit's scope)
 * The last column lists the test files (under test/, without .test.ts) that cover it now.
 * The test below fails when a command is added without a line here, or a line names no test
 * file that uses the command's words.
 *
 *   command                          before   covered by
 *   anvil serve                      server   e2e/serve
 *   anvil api                        server   ha/split
 *   anvil conductor list             live     cli/output, cli/commands-driver-conductor
 *   anvil conductor show             none     cli/commands-driver-conductor
 *   anvil db upgrade                 server   -
 *   anvil node create                partial  cli/output, cli/commands-node-crud
 *   anvil node list                  live     cli/output, cli/commands-node-crud
 *   anvil node show                  live     cli/output, cli/commands-node-crud
 *   anvil node delete                partial  cli/output, cli/commands-node-crud
 *   anvil node set                   partial  cli/output, cli/commands-node-crud
 *   anvil node unset                 partial  cli/output, cli/commands-node-crud
 *   anvil node manage                partial  cli/wait, cli/commands-node-provision
 *   anvil node provide               partial  cli/wait, cli/commands-node-provision
 *   anvil node inspect               none     cli/commands-node-provision
 *   anvil node clean                 none     cli/commands-node-provision
 *   anvil node service               none     cli/commands-node-provision
 *   anvil node deploy                none     cli/commands-node-provision
 *   anvil node rebuild               none     cli/commands-node-provision
 *   anvil node undeploy              none     cli/commands-node-provision
 *   anvil node rescue                none     cli/commands-node-provision
 *   anvil node unrescue              none     cli/commands-node-provision
 *   anvil node adopt                 none     cli/commands-node-provision
 *   anvil node abort                 none     cli/commands-node-provision
 *   anvil node unhold                none     cli/commands-node-provision
 *   anvil node power on              none     cli/commands-node-power
 *   anvil node power off             partial  cli/wait, cli/commands-node-power
 *   anvil node power reboot          none     cli/commands-node-power
 *   anvil node reboot                none     cli/commands-node-power
 *   anvil node boot device set       none     cli/commands-node-power
 *   anvil node boot device show      none     cli/commands-node-power
 *   anvil node boot mode set         none     cli/commands-node-power
 *   anvil node secure boot on        none     cli/commands-node-power
 *   anvil node secure boot off       none     cli/commands-node-power
 *   anvil node inject-nmi            none     cli/commands-node-power
 *   anvil node maintenance set       none     cli/commands-node-power
 *   anvil node maintenance unset     none     cli/commands-node-power
 *   anvil node console enable        live     cli/node-extras
 *   anvil node console disable       live     cli/node-extras
 *   anvil node console show          live     cli/node-extras
 *   anvil node validate              none     cli/commands-node-power
 *   anvil node vif list              live     cli/node-extras
 *   anvil node vif attach            live     cli/node-extras
 *   anvil node vif detach            live     cli/node-extras
 *   anvil node trait list            none     cli/commands-node-subresources
 *   anvil node trait add             none     cli/commands-node-subresources
 *   anvil node trait remove          none     cli/commands-node-subresources
 *   anvil node history list          none     cli/commands-node-subresources
 *   anvil node history get           none     cli/commands-node-subresources
 *   anvil node inventory save        live     cli/node-extras
 *   anvil node passthru list         none     cli/commands-node-subresources
 *   anvil node passthru call         none     cli/commands-node-subresources
 *   anvil node bios setting list     live     cli/node-extras
 *   anvil node bios setting show     live     cli/node-extras
 *   anvil node children list         none     cli/commands-node-subresources
 *   anvil port create                partial  cli/output, cli/commands-port
 *   anvil port list                  partial  cli/output, cli/commands-port
 *   anvil port show                  partial  cli/output, cli/commands-port
 *   anvil port set                   partial  cli/output, cli/commands-port
 *   anvil port unset                 partial  cli/output, cli/commands-port
 *   anvil port delete                partial  cli/output, cli/commands-port
 *   anvil port group create          none     cli/commands-port
 *   anvil port group list            none     cli/commands-port
 *   anvil port group show            none     cli/commands-port
 *   anvil port group set             none     cli/commands-port
 *   anvil port group unset           none     cli/commands-port
 *   anvil port group delete          none     cli/commands-port
 *   anvil chassis create             partial  cli/output, cli/commands-chassis
 *   anvil chassis list               partial  cli/output, cli/commands-chassis
 *   anvil chassis show               partial  cli/output, cli/commands-chassis
 *   anvil chassis set                none     cli/commands-chassis
 *   anvil chassis unset              none     cli/commands-chassis
 *   anvil chassis delete             partial  cli/output, cli/commands-chassis
 *   anvil volume connector create    live     cli/volume
 *   anvil volume connector list      live     cli/volume
 *   anvil volume connector show      live     cli/volume
 *   anvil volume connector set       live     cli/volume
 *   anvil volume connector unset     live     cli/volume
 *   anvil volume connector delete    live     cli/volume
 *   anvil volume target create       live     cli/volume
 *   anvil volume target list         live     cli/volume
 *   anvil volume target show         live     cli/volume
 *   anvil volume target set          live     cli/volume
 *   anvil volume target unset        live     cli/volume
 *   anvil volume target delete       live     cli/volume
 *   anvil deploy template create     none     cli/commands-deploy-template
 *   anvil deploy template list       none     cli/commands-deploy-template
 *   anvil deploy template show       none     cli/commands-deploy-template
 *   anvil deploy template set        none     cli/commands-deploy-template
 *   anvil deploy template unset      none     cli/commands-deploy-template
 *   anvil deploy template delete     none     cli/commands-deploy-template
 *   anvil allocation create          none     cli/commands-allocation
 *   anvil allocation list            none     cli/commands-allocation
 *   anvil allocation show            none     cli/commands-allocation
 *   anvil allocation set             none     cli/commands-allocation
 *   anvil allocation unset           none     cli/commands-allocation
 *   anvil allocation delete          none     cli/commands-allocation
 *   anvil runbook create             partial  cli/runbook, cli/commands-runbook
 *   anvil runbook list               partial  cli/runbook, cli/commands-runbook
 *   anvil runbook show               partial  cli/runbook, cli/commands-runbook
 *   anvil runbook set                live     cli/runbook
 *   anvil runbook unset              live     cli/runbook
 *   anvil runbook delete             live     cli/runbook
 *   anvil runbook trait list         partial  cli/runbook, cli/commands-runbook
 *   anvil runbook trait add          live     cli/runbook
 *   anvil runbook trait remove       live     cli/runbook
 *   anvil shard list                 none     cli/shard
 *   anvil driver list                live     cli/output, cli/commands-driver-conductor
 *   anvil driver show                partial  cli/output, cli/commands-driver-conductor
 *   anvil driver property list       none     cli/commands-driver-conductor
 *   anvil driver raid property list  none     cli/commands-driver-conductor
 *   anvil driver passthru list       none     cli/commands-driver-conductor
 *   anvil driver passthru call       none     cli/commands-driver-conductor
 *   anvil create                     partial  cli/commands, cli/commands-create
 *   anvil completion                 live     cli/commands
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from './cli-harness.js'

const TEST_DIR = fileURLToPath(new URL('../', import.meta.url))
const ENTRY = /^ \*   (anvil(?: [a-z-]+)*) +(live|partial|none|server) +(.+)$/

interface Entry {
  command: string
  before: string
  files: string[]
}

/** The coverage lines of this file's top comment. */
function entries(): Entry[] {
  const text = readFileSync(fileURLToPath(import.meta.url), 'utf8')
  const comment = text.slice(0, text.indexOf('*/'))
  return comment.split('\n').flatMap((line) => {
    const m = ENTRY.exec(line)
    if (!m) return []
    const files = m[3]! === '-' ? [] : m[3]!.split(', ')
    return [{ command: m[1]!, before: m[2]!, files }]
  })
}

/** The leaf commands of `anvil completion bash` (a key none of whose words is a sub-command). */
async function leafCommands(): Promise<string[]> {
  const res = await runCli(['completion', 'bash'])
  expect(res.code).toBe(0)
  return [...res.stdout.matchAll(/^ {2}\["([^"]+)"\]="([^"]*)"$/gm)]
    .filter((m) => m[2]!.split(' ').every((w) => w.startsWith('-')))
    .map((m) => m[1]!)
}

describe('client command coverage', () => {
  it('lists every command of the client, and nothing else', async () => {
    const listed = entries().map((e) => e.command)
    expect(new Set(listed).size).toBe(listed.length)
    expect([...listed].sort()).toEqual((await leafCommands()).sort())
  })

  it('names test files that exist and use the command', () => {
    for (const { command, before, files } of entries()) {
      const sources = files.map((f) => {
        const path = `${TEST_DIR}${f}.test.ts`
        expect(existsSync(path), `${command}: ${path}`).toBe(true)
        return readFileSync(path, 'utf8')
      })
      if (before === 'server') continue
      expect(files.length, command).toBeGreaterThan(0)
      const words = command.split(' ').slice(1)
      const uses = sources.some((src) => words.every((w) => src.includes(`'${w}'`)))
      expect(uses, `${command}: no listed file quotes ${words.map((w) => `'${w}'`).join(' ')}`).toBe(true)
    }
  })
})

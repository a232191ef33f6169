/** @module Runs `anvil serve` as a separate process, as an installed `anvil` runs it. */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Starts the compiled CLI's `anvil serve` on a free port with the node flags of its
 * `#!/usr/bin/env -S node ...` line, and resolves once it announces its URL.
 */
export async function serveChild(stateDir: string): Promise<{ child: ChildProcess; origin: string }> {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))
  const shebang = readFileSync(main, 'utf8').split('\n', 1)[0] ?? ''
  const flags = shebang.split(/\s+/).filter((w) => w.startsWith('--'))
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('ANVIL_')),
  )
  const args = [...flags, main, 'serve', '--state-dir', stateDir, '--port', '0']
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] })
  let err = ''
  const origin = await new Promise<string>((ok, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      const url = /serving the Bare Metal API on (http:\/\/\S+)/.exec(err)?.[1]
      if (url) ok(url)
    })
    child.once('exit', (code) => fail(new Error(`anvil serve exited with ${code}:\n${err}`)))
  })
  return { child, origin }
}

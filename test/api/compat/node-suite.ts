/**
 * @module The node fixtures of one microversion (capture-ironic.py `node_suite`) as replay
 * steps: which created node each `<uuid>` stands for, and Anvil's intentional differences.
 */
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BAD_JSON, cannotPatch } from './differences.js'
import { FIXTURE_FILE, type Step } from './replay.js'

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/ironic-21.4')

/** Slugs of the fixtures whose slug starts with `prefix`, in recording order. */
export function slugsStartingWith(prefix: string): string[] {
  return readdirSync(FIXTURE_DIR)
    .flatMap((f) => {
      const m = FIXTURE_FILE.exec(f)
      return m && m[2]!.startsWith(prefix) ? [{ n: Number(m[1]), slug: m[2]! }] : []
    })
    .sort((a, b) => a.n - b.n)
    .map((f) => f.slug)
}

/**
 * The nodes capture-ironic.py keeps in variables: A (create-minimal), B (create-with-name),
 * D (create-driver-info-password), E (create-rc-group). Any other `<uuid>` is A.
 */
const SAVES: Record<string, string> = {
  'create-minimal': 'A',
  'create-with-name': 'B',
  'create-driver-info-password': 'D',
  'create-rc-group': 'E',
}

const BINDS: Record<string, readonly string[]> = {
  'patch-owner': ['E'],
  'patch-maintenance-true': ['D'],
  'put-maintenance-reason': ['D'],
  'show-with-password': ['D'],
  'patch-replace-ipmi-password': ['D'],
  'delete-ok': ['D'],
  'delete-again': ['D'],
  'list-limit-1-next': ['$next'],
}

/** The replay steps of `nodes-<version>-*`, each merged with its override (by short name). */
export function nodeSuite(version: string, overrides: Record<string, Partial<Step>> = {}): Step[] {
  const prefix = `nodes-${version}-`
  const steps = slugsStartingWith(prefix).map((fixture) => {
    const name = fixture.slice(prefix.length)
    const step: Step = { fixture, bind: BINDS[name] ?? ['A', 'A', 'A'] }
    if (SAVES[name]) step.save = SAVES[name]
    return { ...step, ...overrides[name] }
  })
  const unknown = Object.keys(overrides).filter((n) => !steps.some((s) => s.fixture === prefix + n))
  if (unknown.length > 0) throw new Error(`no fixtures ${prefix}{${unknown.join(',')}}`)
  return steps
}

/** The differences every node suite shares (Ironic 21.4's bugs, master's changes). */
export const COMMON_DIFFERENCES: Record<string, Partial<Step>> = {
  'create-bad-json': { differs: BAD_JSON },
  'patch-bad-json': { differs: BAD_JSON },
  'patch-replace-provision-state': { differs: cannotPatch('/provision_state') },
  'patch-replace-uuid': { differs: cannotPatch('/uuid') },
  'patch-add-nonexistent-field': { differs: cannotPatch('/nonexistent_field') },
}

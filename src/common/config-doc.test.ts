/** @module Tests for the configuration reference and its parity with `docs/configuration.md`. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import {
  CONFIG_DOC_BEGIN,
  CONFIG_DOC_END,
  configOptions,
  EXAMPLE_CONFIG,
  renderConfigDoc,
  renderConfigDocBlock,
  sectionTable,
} from './config-doc.js'
import { envVarName, loadConfig, SCHEMA, type Env } from './config.js'
import { intOpt, portOpt, strOpt } from './ini.js'

const dir = mkdtempSync(join(tmpdir(), 'anvil-config-doc-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Ignore table padding, so the Markdown may be formatted by Prettier. */
function normalize(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.startsWith('|') ? l.replace(/\s*\|\s*/g, '|').replace(/-{3,}/g, '---') : l))
    .join('\n')
}

const where = (o: { section: string; name: string }): string => `[${o.section}] ${o.name}`

describe('configOptions', () => {
  it('lists every option of every section', () => {
    const count = Object.values(SCHEMA).reduce((n, s) => n + Object.keys(s).length, 0)
    expect(configOptions()).toHaveLength(count)
  })

  it('finds a help text for every option', () => {
    const missing = configOptions().filter((o) => !o.opt.help?.trim()).map(where)
    expect(missing, 'options without help').toEqual([])
  })

  it('finds every computed default described in words', () => {
    const missing = configOptions()
      .filter((o) => typeof o.opt.default === 'function' && !o.opt.defaultText?.trim())
      .map(where)
    expect(missing, 'computed defaults without defaultText').toEqual([])
  })
})

describe('renderConfigDoc', () => {
  it('has a table row for every option, with its environment variable', () => {
    const doc = renderConfigDoc()
    for (const o of configOptions()) {
      expect(doc).toContain(`| \`${o.name}\` |`)
      expect(doc).toContain(`| \`${envVarName(o.section, o.name)}\` |`)
    }
  })

  it('describes a computed default in words instead of its value on this machine', () => {
    expect(sectionTable('DEFAULT')).toContain(
      "| `host` | this machine's host name (`os.hostname()`) | `ANVIL_DEFAULT__HOST` |",
    )
    expect(sectionTable('json_rpc')).toContain('| the value of `[DEFAULT]auth_strategy` |')
  })

  it("ends the meaning with Ironic's default where Anvil's differs", () => {
    const table = sectionTable('DEFAULT')
    expect(table).toMatch(/\| `auth_strategy` \| `noauth` \|.*Ironic's default: `keystone`\. \|/)
    expect(table).toContain("Ironic's default: `no-bios, redfish`; Anvil adds `fake`.")
    expect(sectionTable('api')).not.toMatch(/\| `port` .*Ironic's default/)
  })

  it('states precedence, the file option and what happens to unknown options', () => {
    const doc = renderConfigDoc()
    expect(doc).toContain('--config-file <path>')
    const order = /Command-line flags[\s\S]*Environment variables[\s\S]*INI file[\s\S]*defaults/
    expect(doc).toMatch(order)
    expect(doc).toContain('reported as a warning')
  })
})

describe('the documented sources', () => {
  it('sets every option through its documented environment variable', () => {
    const defaults = loadConfig({ env: {} })
    const env: Record<string, string> = {}
    for (const { section, name } of configOptions()) {
      const value: unknown = (defaults[section] as Record<string, unknown>)[name]
      env[envVarName(section, name)] = Array.isArray(value) ? value.join(',') : String(value ?? '')
    }
    const config = loadConfig({ env: env satisfies Env })
    expect(config.warnings).toEqual([])
    expect(config).toEqual(defaults)
  })

  it('loads the example file without warnings', () => {
    const file = join(dir, 'example.conf')
    writeFileSync(file, EXAMPLE_CONFIG)
    const config = loadConfig({ file, env: {} })
    expect(config.warnings).toEqual([])
    expect(config.conductor.sync_power_state_interval).toBe(60)
  })
})

describe('option constructors', () => {
  it('keep the help, default text and Ironic default they are given', () => {
    const doc = { help: 'h', defaultText: 'd', ironicDefault: '`i`' }
    expect(strOpt('x', doc)).toMatchObject({ default: 'x', ...doc })
    expect(portOpt(1, { help: 'p' }).help).toBe('p')
    expect(strOpt('x').help).toBeUndefined()
  })

  it('take intOpt(def, doc) as unbounded and intOpt(def, min, max, doc) as bounded', () => {
    const free = intOpt(5, { help: 'free' })
    expect(free.help).toBe('free')
    expect(free.coerce('-3')).toBe(-3)
    const bounded = intOpt(5, 1, 9, { help: 'bounded' })
    expect(bounded.help).toBe('bounded')
    expect(() => bounded.coerce('10')).toThrow('expected an integer >= 1 and <= 9, got "10"')
  })
})

describe('docs/configuration.md', () => {
  it('holds the reference the code renders', () => {
    const text = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8')
    const start = text.indexOf(CONFIG_DOC_BEGIN)
    const end = text.indexOf(CONFIG_DOC_END, start)
    expect(start, 'generated block markers').toBeGreaterThanOrEqual(0)
    expect(end, 'generated block end marker').toBeGreaterThan(start)
    // On failure, replace the block in docs/configuration.md with renderConfigDocBlock().
    expect(normalize(text.slice(start, end + CONFIG_DOC_END.length))).toBe(
      normalize(renderConfigDocBlock()),
    )
  })
})

/** @module `npm start`, the benchmarks and an installed `anvil` run node with the same flags. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('node flags of the server', () => {
  it('are the same in the CLI shebang, npm start and the server benchmarks', () => {
    const shebang = read('src/cli/main.ts').split('\n', 1)[0]!
    expect(shebang).toMatch(/^#!\/usr\/bin\/env -S node( --[\w-]+=\w+)+$/)
    const flags = shebang.replace('#!/usr/bin/env -S node ', '')
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
    expect(scripts['start']).toBe(`node ${flags} dist/src/cli/main.js serve`)
    expect(scripts['bench:api']).toContain(`node ${flags} dist/bench/api.js`)
    expect(scripts['bench:lifecycle']).toContain(`node ${flags} dist/bench/lifecycle.js`)
  })
})

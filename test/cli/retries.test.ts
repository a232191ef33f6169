/** @module Like python-ironicclient, the client retries a locked node (409) and a 503, 5 times. */
import { describe, expect, it } from 'vitest'
import { ironicError, rootDoc, runCli, scriptedServer, type Seen } from './cli-harness.js'

const LOCKED = 'Node n1 is locked by host c1, please retry after the current operation is completed.'

/** A server that answers `failures` times with `status`, then succeeds. */
async function flaky(status: number, failures: number, message: string) {
  let left = failures
  return scriptedServer((req: Seen) => {
    if (req.url === '/') return { status: 200, body: rootDoc('1.82') }
    if (left-- > 0) return { status, body: ironicError(message) }
    return { status: 204 }
  })
}

const powerOff = (url: string) => runCli(['node', 'power', 'off', 'n1'], { OS_ENDPOINT: url })
const puts = (seen: Seen[]) => seen.filter((s) => s.method === 'PUT').length

describe('client retries', () => {
  it.each([
    [409, LOCKED],
    [503, 'Service Unavailable'],
  ])('retries a %i until it clears', async (status, message) => {
    const api = await flaky(status, 3, message)
    try {
      const res = await powerOff(api.url)
      expect(res).toMatchObject({ code: 0, stderr: '' })
      expect(puts(api.seen)).toBe(4)
    } finally {
      await api.close()
    }
  })

  it('gives up after 5 retries with the last answer', async () => {
    const api = await flaky(409, 100, LOCKED)
    try {
      const res = await powerOff(api.url)
      expect(res).toMatchObject({ code: 1, stdout: '', stderr: `${LOCKED} (HTTP 409)\n` })
      expect(puts(api.seen)).toBe(6)
    } finally {
      await api.close()
    }
  })

  it('does not retry other conflicts', async () => {
    const api = await flaky(409, 100, 'A node with name n1 already exists.')
    try {
      expect((await powerOff(api.url)).code).toBe(1)
      expect(puts(api.seen)).toBe(1)
    } finally {
      await api.close()
    }
  })
})

/**
 * @module Replays Ironic 21.4's misc-* fixtures: unknown paths, other methods, `.json` and
 * trailing slashes, content types, empty, non-UTF-8 and huge bodies.
 */
import { ACCEPT_XML, BAD_JSON } from './differences.js'
import type { Step } from './replay.js'
import { slugsStartingWith } from './node-suite.js'
import { replaySuite } from './suite.js'

/** The body capture-ironic.py sent: Python's json.dumps of a node with a blob of `n` 'a's. */
function hugeNode(name: string, n: number): string {
  return `{"driver": "fake-hardware", "name": "${name}", "extra": {"blob": "${'a'.repeat(n)}"}}`
}

const NON_UTF8 = Buffer.concat([
  Buffer.from('{"driver": "fake-hardware", "name": "'),
  Buffer.from([0xff, 0xfe]),
  Buffer.from('"}'),
])

const OVERRIDES: Record<string, Partial<Step>> = {
  'misc-content-type-form': { differs: BAD_JSON },
  'misc-non-utf8-body': { body: NON_UTF8 },
  'misc-huge-body-1mib': { body: hugeNode('huge', 1024 * 1024) },
  'misc-huge-body-20mib': { body: hugeNode('huge2', 20 * 1024 * 1024) },
  'misc-accept-xml': { differs: ACCEPT_XML },
}

replaySuite(
  'Ironic 21.4 fixtures: HTTP odds and ends',
  slugsStartingWith('misc-').map((fixture) => ({ fixture, ...OVERRIDES[fixture] })),
)

/**
 * @module Replays Ironic 21.4's version-* fixtures: GET /, /v1 and /v1/ with each version
 * header, bad versions, and the standard `OpenStack-API-Version` header.
 */
import { versionIs } from './differences.js'
import type { Step } from './replay.js'
import { slugsStartingWith } from './node-suite.js'
import { replaySuite } from './suite.js'

/**
 * Ironic 21.4 ignores `OpenStack-API-Version: baremetal 1.N`; master (since Dalmatian) honours
 * it and prefers it to X-OpenStack-Ironic-API-Version (microversion_parse). Anvil follows master.
 */
const STANDARD_HEADER = 'master: OpenStack-API-Version is honoured and wins over the legacy header'

const OVERRIDES: Record<string, Partial<Step>> = {
  'version-v1-openstack-api-version-only': {
    differs: { why: STANDARD_HEADER, status: 200, check: versionIs('1.50') },
  },
  'version-nodes-openstack-api-version-only': {
    differs: { why: STANDARD_HEADER, status: 200, check: versionIs('1.50') },
  },
  'version-v1-both-headers': {
    differs: { why: STANDARD_HEADER, status: 200, check: versionIs('1.50') },
  },
  // the standard header asks for 1.1, where ?fields= is not acceptable
  'version-nodes-both-headers': {
    differs: {
      why: STANDARD_HEADER,
      status: 406,
      faultstring: 'Request not acceptable.',
      check: versionIs('1.1'),
    },
  },
}

replaySuite(
  'Ironic 21.4 fixtures: versions',
  slugsStartingWith('version-').map((fixture) => ({ fixture, ...OVERRIDES[fixture] })),
)

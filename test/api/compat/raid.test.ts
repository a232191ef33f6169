/**
 * @module Replays Ironic 21.4's raid-* fixtures: PUT /v1/nodes/{node}/states/raid (valid and
 * invalid configurations, `{}`, bodies that are no object, versions below 1.12, no-raid).
 */
import { BAD_JSON, RAID_GET } from './differences.js'
import { groupSteps } from './group-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: target RAID configuration',
  groupSteps('raid-', {
    bindBy: { nodes: 'N' },
    saves: { 'setup-node': 'N' },
    overrides: {
      // the recorded body is the JSON string "x" (replayed as raw text otherwise)
      'put-string': { body: '"x"' },
      'put-string-at-1.11': { body: '"x"' },
      'put-string-unknown-node': { body: '"x"' },
      'put-string-unknown-param': { body: '"x"' },
      'put-bad-json': { differs: BAD_JSON },
      get: { differs: RAID_GET },
    },
  }),
)

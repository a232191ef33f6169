/**
 * @module Replays Ironic 21.4's vifs-* fixtures: /v1/nodes/{node}/vifs with the `noop` network
 * interface (an attach is accepted and forgotten, the list stays empty) and bad bodies.
 */
import { BAD_JSON, UNEXPECTED_ARGUMENT } from './differences.js'
import { groupSteps } from './group-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: node VIFs (noop network)',
  groupSteps('vifs-', {
    bindBy: { nodes: 'N' },
    saves: { 'setup-node': 'N' },
    overrides: {
      'list-unknown-param': { differs: UNEXPECTED_ARGUMENT },
      // the recorded body is the JSON string "x" (replayed as raw text otherwise)
      'attach-string-body': { body: '"x"' },
      'attach-bad-json': { differs: BAD_JSON },
    },
  }),
)

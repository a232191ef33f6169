/** @module Replays Ironic 21.4's shards-* fixtures: GET /v1/shards (1.82) and its errors. */
import { UNEXPECTED_ARGUMENT } from './differences.js'
import { groupSteps } from './group-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: shards',
  groupSteps('shards-', {
    bindBy: {},
    overrides: {
      'list-unknown-param': { differs: UNEXPECTED_ARGUMENT },
    },
  }),
)

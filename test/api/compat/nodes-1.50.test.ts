/** @module Replays Ironic 21.4's node fixtures recorded at API 1.50 (nodes-1.50-*). */
import { FAULT_BOGUS, LIST_FIELDS_BOGUS, NODE_PORTS_BY_NAME, UNSUPPORTED_BY_HW } from './differences.js'
import { COMMON_DIFFERENCES, nodeSuite } from './node-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: nodes at 1.50',
  nodeSuite('1.50', {
    ...COMMON_DIFFERENCES,
    'create-power-interface-unsupported-by-hw': { differs: UNSUPPORTED_BY_HW },
    'list-fields-bogus': { differs: LIST_FIELDS_BOGUS },
    'list-filter-fault-bogus': { differs: FAULT_BOGUS },
    'node-ports-by-name': { differs: NODE_PORTS_BY_NAME },
  }),
)

/** @module Replays Ironic 21.4's node fixtures recorded at API 1.82 (nodes-1.82-*). */
import {
  FAULT_BOGUS,
  LIST_FIELDS_BOGUS,
  PARENT_NODE_AT_1_82,
  UNSUPPORTED_BY_HW,
} from './differences.js'
import { COMMON_DIFFERENCES, nodeSuite } from './node-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: nodes at 1.82',
  nodeSuite('1.82', {
    ...COMMON_DIFFERENCES,
    'create-field-from-later-release-parent-node': { differs: PARENT_NODE_AT_1_82 },
    'create-power-interface-unsupported-by-hw': { differs: UNSUPPORTED_BY_HW },
    'list-fields-bogus': { differs: LIST_FIELDS_BOGUS },
    'list-filter-fault-bogus': { differs: FAULT_BOGUS },
    // Ironic's bug, reproduced by the ports endpoint (its owner's choice): by name, the node's
    // ports are "Portgroup None could not be found." (404); by uuid they work
    'node-ports-by-name': {},
  }),
)

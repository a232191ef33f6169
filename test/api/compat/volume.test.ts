/**
 * @module Replays Ironic 21.4's volume-* fixtures: volume connectors and targets (create, list,
 * show, patch, delete; uniqueness, the powered-off rule, bad input) and /v1/volume.
 */
import { BAD_JSON, volumeListByName } from './differences.js'
import { groupSteps } from './group-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: volume connectors and targets',
  groupSteps('volume-', {
    bindBy: {
      nodes: 'N',
      node_uuid: 'N',
      node: 'N2',
      connectors: 'C1',
      targets: 'T1',
      marker: '$next',
    },
    saves: {
      'setup-node': 'N',
      'setup-node-2': 'N2',
      'connectors-create': 'C1',
      'connectors-create-node-2': 'C3',
      'targets-create': 'T1',
      'targets-create-node-2': 'T3',
    },
    overrides: {
      'node-power-off': {
        until: { url: '/v1/nodes/{N}', done: (n) => n.power_state === 'power off' },
      },
      'connectors-create-node-2': { bind: ['N2'] },
      'connectors-create-duplicate-type-id': { bind: ['N2'] },
      'connectors-create-same-id-other-type': { bind: ['N2'] },
      'connectors-patch-move-to-node-2': { bind: ['C1', 'N2'] },
      'connectors-patch-move-from-node-2': { bind: ['C3', 'N'] },
      'connectors-delete-moved': { bind: ['C3'] },
      'targets-create-node-2': { bind: ['N2'] },
      'targets-patch-power-unknown': { bind: ['T3'] },
      'targets-delete-power-unknown': { bind: ['T3'] },
      'connectors-create-bad-json': { differs: BAD_JSON },
      'connectors-patch-bad-json': { differs: BAD_JSON },
      'targets-create-bad-json': { differs: BAD_JSON },
      'connectors-node-list-by-name': { differs: volumeListByName('connectors') },
      'targets-node-list-by-name': { differs: volumeListByName('targets') },
    },
  }),
)

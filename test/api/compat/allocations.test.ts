/**
 * @module Replays Ironic 21.4's allocations-* fixtures: two available fake-hardware nodes (one
 * per resource class), allocations made, failed, listed, patched and deleted.
 */
import { BAD_JSON } from './differences.js'
import { groupSteps } from './group-suite.js'
import type { Step } from './replay.js'
import { replaySuite } from './suite.js'

/** Waits until the named allocation is processed (active or error). */
const processed = (name: string): Partial<Step> => ({
  until: { url: `/v1/allocations/${name}`, done: (a) => a.state !== 'allocating' },
})
const powerOff = (alias: string): Partial<Step> => ({
  bind: [alias],
  until: { url: `/v1/nodes/{${alias}}`, done: (n) => n.power_state === 'power off' },
})

replaySuite(
  'Ironic 21.4 fixtures: allocations',
  groupSteps('allocations-', {
    bindBy: { nodes: 'N1', node: 'N1', allocations: 'A1', candidate_nodes: 'N2' },
    saves: { 'setup-anode1': 'N1', 'setup-anode2': 'N2', create: 'A1' },
    overrides: {
      'setup-anode1-manage': { bind: ['N1'], waitFor: 'manageable' },
      'setup-anode1-provide': { bind: ['N1'], waitFor: 'available' },
      'setup-anode1-power-off': powerOff('N1'),
      'setup-anode2-manage': { bind: ['N2'], waitFor: 'manageable' },
      'setup-anode2-provide': { bind: ['N2'], waitFor: 'available' },
      'setup-anode2-power-off': powerOff('N2'),
      create: processed('alloc1'),
      'create-no-match': processed('alloc-fail'),
      'create-candidate': processed('alloc3'),
      'create-candidate-other-class': processed('alloc4'),
      'create-traits': processed('alloc5'),
      'node-allocation-none': { bind: ['N2'] },
      'create-node-at-1.57': { bind: ['N2'] },
      'create-bad-json': { differs: BAD_JSON },
    },
  }),
)

/**
 * @module Replays Ironic 21.4's active-* fixtures: a fake-hardware node driven to active, then
 * protection and deletion rules (403 protected, 409 active), then undeployed and deleted.
 */
import type { Step } from './replay.js'
import { slugsStartingWith } from './node-suite.js'
import { replaySuite } from './suite.js'

const WAITS: Record<string, string> = {
  'active-provision-manage': 'manageable',
  'active-provision-provide': 'available',
  'active-provision-active': 'active',
  'active-provision-deleted': 'available',
}

const steps: Step[] = slugsStartingWith('active-').map((fixture) => ({
  fixture,
  bind: ['N', 'N'],
  ...(fixture === 'active-create' ? { save: 'N' } : {}),
  ...(WAITS[fixture] ? { waitFor: WAITS[fixture] } : {}),
}))

replaySuite('Ironic 21.4 fixtures: an active node', steps)

/**
 * @module Replays Ironic 21.4's console-* fixtures: GET and PUT /v1/nodes/{node}/states/console
 * with fake-hardware's console (and with no-console), and bad bodies.
 */
import { CONSOLE_BAD_JSON } from './differences.js'
import { groupSteps } from './group-suite.js'
import type { Step } from './replay.js'
import { replaySuite } from './suite.js'

/** Waits until the console of node N is enabled (or disabled). */
const consoleIs = (enabled: boolean): Partial<Step> => ({
  until: { url: '/v1/nodes/{N}', done: (n) => n.console_enabled === enabled },
})

replaySuite(
  'Ironic 21.4 fixtures: node console',
  groupSteps('console-', {
    bindBy: { nodes: 'N' },
    saves: { 'setup-node': 'N' },
    overrides: {
      enable: consoleIs(true),
      disable: consoleIs(false),
      'enable-string-true': consoleIs(true),
      'disable-string-off': consoleIs(false),
      'bad-json': { differs: CONSOLE_BAD_JSON },
    },
  }),
)

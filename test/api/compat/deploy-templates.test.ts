/** @module Replays Ironic 21.4's deploy-templates-* fixtures: /v1/deploy_templates (1.55+). */
import { BAD_JSON } from './differences.js'
import { groupSteps } from './group-suite.js'
import { replaySuite } from './suite.js'

replaySuite(
  'Ironic 21.4 fixtures: deploy templates',
  groupSteps('deploy-templates-', {
    bindBy: { deploy_templates: 'T', marker: '$next' },
    saves: { create: 'T' },
    overrides: {
      'create-bad-json': { differs: BAD_JSON },
    },
  }),
)

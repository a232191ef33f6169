/** @module Runs each kind's conformance cases against every registered implementation. */
import { describe, it } from 'vitest'
import { INTERFACES } from '../catalog.js'
import { INTERFACE_KINDS, type InterfaceKind } from '../types.js'
import { biosCases } from './bios.case.js'
import { bootCases } from './boot.case.js'
import { commonCases } from './common.case.js'
import { consoleCases } from './console.case.js'
import { deployCases } from './deploy.case.js'
import { firmwareCases } from './firmware.case.js'
import type { Subject } from './harness.js'
import { inspectCases } from './inspect.case.js'
import { managementCases } from './management.case.js'
import { networkCases } from './network.case.js'
import { powerCases } from './power.case.js'
import { raidCases } from './raid.case.js'
import { rescueCases } from './rescue.case.js'
import { storageCases } from './storage.case.js'
import { vendorCases } from './vendor.case.js'

const CASES: { [K in InterfaceKind]: (subject: Subject<K>) => void } = {
  bios: biosCases,
  boot: bootCases,
  console: consoleCases,
  deploy: deployCases,
  firmware: firmwareCases,
  inspect: inspectCases,
  management: managementCases,
  network: networkCases,
  power: powerCases,
  raid: raidCases,
  rescue: rescueCases,
  storage: storageCases,
  vendor: vendorCases,
}

function runKind<K extends InterfaceKind>(kind: K): void {
  for (const [name, entry] of Object.entries(INTERFACES[kind])) {
    if (!entry.implemented) {
      it.skip(`${kind}/${name}: not implemented yet (a registered Ironic name only)`, () => {})
      continue
    }
    const subject: Subject<K> = { name, create: () => entry.create({}) }
    describe(`${kind}/${name}`, () => {
      commonCases(kind, subject)
      CASES[kind](subject)
    })
  }
}

for (const kind of INTERFACE_KINDS) runKind(kind)

// What the scaffold is about to write, said before it writes: the values a person did not type but
// should know (a name that had to be made valid, where the region came from, the platform and its price).
import { basename } from 'node:path';

import { platformOf, priceSentence } from '../platforms/registry.js';
import { deployConfigOf } from './deploy-config.js';
import type { Facts, Values } from './options.js';
import { cpuLabel, memoryLabel } from './sizes.js';
import type { Spec } from './spec.js';

export function summary(spec: Spec, given: Partial<Values>, facts: Facts): string {
  const platform = platformOf(spec.target);
  const folder = basename(spec.directory);
  const name =
    given.name !== undefined
      ? spec.name
      : spec.name === folder
        ? `${spec.name} (the folder name)`
        : `${spec.name} (made from the folder name "${folder}": ${platform.words.nameRule})`;
  const region =
    given.region !== undefined
      ? `${spec.region} (from --region)`
      : facts.awsRegion
        ? `${spec.region} (from ${facts.awsRegionFrom ?? 'your AWS settings'})`
        : `${spec.region} (the default: no AWS_REGION or AWS config region is set; --region changes it)`;
  const rows: [string, string][] = [
    ['service name', `${name}; change it in apprunner.deploy.yaml`],
    ['region', region],
    ['size', `${cpuLabel(spec.cpu)}, ${memoryLabel(spec.memory)}: ${priceSentence(spec.target, deployConfigOf(spec))}`],
    ['deploys to', platform.label],
  ];
  return [
    `Creating a ${spec.runtime.label} app in ${spec.here ? 'the current folder' : spec.directoryLabel}:`,
    ...rows.map(([k, v]) => `  ${k.padEnd(13)}${v}`),
  ].join('\n');
}

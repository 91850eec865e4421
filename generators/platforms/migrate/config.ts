// The deploy config a migration leaves (pure): target ecs-express, the mapped settings, and migratedFrom,
// the record of the App Runner service. Outside an app it is the whole file of a new app folder; inside
// one, the same fields are written into the app's own file (its comments and other keys kept).
import { isMap, parseDocument } from 'yaml';

import type { AppId } from '../../core/app-id.js';
import type { DeployConfig } from '../../core/deploy-config.js';
import { MEMORY_BY_CPU } from '../../core/sizes.js';
import type { SourceFacts } from './facts.js';
import type { Mapping } from './mapping.js';

export function migratedConfig(
  facts: SourceFacts,
  mapping: Mapping,
  o: { id: AppId; name: string; repository: string; taskRole: string; image?: string },
): DeployConfig {
  const s = mapping.settings;
  const hc = facts.service.HealthCheckConfiguration;
  return {
    target: 'ecs-express',
    service: { name: o.name, region: facts.region },
    source: { kind: 'image', ecrRepository: o.repository, port: s.port },
    instance: { cpu: s.cpu, memory: s.memory },
    healthCheck: {
      protocol: 'HTTP',
      path: s.healthPath,
      interval: hc?.Interval ?? 5,
      timeout: hc?.Timeout ?? 2,
      healthyThreshold: hc?.HealthyThreshold ?? 1,
      unhealthyThreshold: hc?.UnhealthyThreshold ?? 5,
    },
    autoScaling: { minSize: s.minSize, maxSize: s.maxSize, maxConcurrency: Math.min(s.maxConcurrency, 200) },
    environment: s.environment,
    ...(Object.keys(s.secrets).length ? { secrets: s.secrets } : {}),
    ...(s.network ? { network: { vpcSubnets: s.network.subnets, vpcSecurityGroups: s.network.securityGroups } } : {}),
    migratedFrom: {
      apprunnerService: facts.service.ServiceArn!,
      ...(o.image ? { image: o.image } : {}),
      ...(s.taskRole ? { taskRole: o.taskRole } : {}),
      requestsPerTarget: s.requestsPerTarget,
    },
    app: { id: o.id },
  };
}

/** The same service as it runs on App Runner, for its side of the cost comparison. */
export function appRunnerConfig(config: DeployConfig): DeployConfig {
  return { ...config, target: 'apprunner' };
}

/** App Runner and Fargate share sizes, but only these pairs are valid ones (a hand-made service is one). */
export const validSize = (cpu: number, memory: number) =>
  (MEMORY_BY_CPU as Record<string, readonly string[]>)[String(cpu)]?.includes(String(memory)) ?? false;

/** An app's own deploy config text with the migrated fields set, the rest (comments, other keys) as it was. */
export function updateConfigText(text: string, config: DeployConfig): string {
  const doc = parseDocument(text);
  if (!isMap(doc.contents)) throw new Error('the deploy config is not a YAML mapping');
  // What ECS Express refuses by name (ecs-express/plan.ts) goes: the mapping table said where each went.
  for (const key of ['domain', 'observability', 'network']) doc.delete(key);
  const set: (keyof DeployConfig)[] = [
    'target',
    'service',
    'source',
    'instance',
    'healthCheck',
    'autoScaling',
    'environment',
    'secrets',
    'network',
    'migratedFrom',
    'app',
  ];
  for (const key of set) if (config[key] !== undefined) doc.set(key, config[key]);
  if (config.secrets === undefined) doc.delete('secrets');
  return doc.toString({ lineWidth: 0 });
}

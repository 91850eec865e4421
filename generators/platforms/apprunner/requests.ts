// Pure builders of every request deploy sends, from the checked config and the resolved source. The same
// objects are sent by a real deploy and printed by --dry-run, so what a dry run shows is what is sent.
import type {
  CreateAutoScalingConfigurationCommandInput,
  CreateServiceCommandInput,
  SourceConfiguration,
  UpdateServiceCommandInput,
} from '@aws-sdk/client-apprunner';

import type { DeployConfig } from '../../core/deploy-config.js';
import { appResourceName } from '../ownership/names.js';
import { toolTags } from '../ownership/owner.js';
import { TOOL } from '../shared/names.js';

/** App Runner's own defaults: with these, no auto scaling configuration is created. */
export const DEFAULT_SCALING = { minSize: 1, maxSize: 25, maxConcurrency: 100 } as const;

/** What AWS resolved besides the source: each present only when the config asks for it. */
export interface Arns {
  autoScaling?: string;
  instanceRole?: string;
  vpcConnector?: string;
  observability?: string;
}

/** Where the running code comes from, once git, ECR and IAM have been asked. */
export type Source =
  | {
      kind: 'image';
      imageIdentifier: string;
      repositoryType: 'ECR' | 'ECR_PUBLIC';
      /** Required for private ECR, absent for ECR Public. */
      accessRoleArn?: string;
    }
  | {
      kind: 'code';
      repositoryUrl: string;
      branch: string;
      /** The app's folder inside the repository, when it is not the root. */
      sourceDirectory?: string;
      connectionArn: string;
    };

export const cpuValue = (vcpu: number) => `${vcpu} vCPU`;
export const memoryValue = (gb: number) => `${gb} GB`;

export function sourceConfiguration(config: DeployConfig, source: Source): SourceConfiguration {
  if (source.kind === 'image') {
    const port = config.source.kind === 'image' ? config.source.port : 8080;
    return {
      ImageRepository: {
        ImageIdentifier: source.imageIdentifier,
        ImageRepositoryType: source.repositoryType,
        ImageConfiguration: {
          Port: String(port),
          RuntimeEnvironmentVariables: { ...config.environment },
          ...(config.secrets ? { RuntimeEnvironmentSecrets: { ...config.secrets } } : {}),
        },
      },
      // Every deploy pushes a new tag and points the service at it, so App Runner's own redeploy-on-push
      // would only add a second deployment (and $1 a month). It is on by default for private ECR: say no.
      AutoDeploymentsEnabled: false,
      ...(source.accessRoleArn ? { AuthenticationConfiguration: { AccessRoleArn: source.accessRoleArn } } : {}),
    };
  }
  return {
    CodeRepository: {
      RepositoryUrl: source.repositoryUrl,
      SourceCodeVersion: { Type: 'BRANCH', Value: source.branch },
      ...(source.sourceDirectory ? { SourceDirectory: source.sourceDirectory } : {}),
      // apprunner.yaml in the repository says how to build and run: one place to edit, reviewed with the code.
      CodeConfiguration: { ConfigurationSource: 'REPOSITORY' },
    },
    AutoDeploymentsEnabled: config.source.kind === 'code' ? config.source.autoDeploy : false,
    AuthenticationConfiguration: { ConnectionArn: source.connectionArn },
  };
}

/** The settings deploy manages on a service: shared by CreateService and UpdateService. */
function serviceSettings(config: DeployConfig, source: Source, arns: Arns) {
  const hc = config.healthCheck;
  return {
    SourceConfiguration: sourceConfiguration(config, source),
    InstanceConfiguration: {
      Cpu: cpuValue(config.instance.cpu),
      Memory: memoryValue(config.instance.memory),
      ...(arns.instanceRole ? { InstanceRoleArn: arns.instanceRole } : {}),
    },
    HealthCheckConfiguration: {
      Protocol: hc.protocol,
      ...(hc.protocol === 'HTTP' ? { Path: hc.path } : {}),
      Interval: hc.interval,
      Timeout: hc.timeout,
      HealthyThreshold: hc.healthyThreshold,
      UnhealthyThreshold: hc.unhealthyThreshold,
    },
    ...(arns.autoScaling ? { AutoScalingConfigurationArn: arns.autoScaling } : {}),
  };
}

const vpcEgress = (arn: string) => ({ EgressConfiguration: { EgressType: 'VPC' as const, VpcConnectorArn: arn } });

export function createServiceInput(config: DeployConfig, source: Source, arns: Arns = {}): CreateServiceCommandInput {
  return {
    ServiceName: config.service.name,
    ...serviceSettings(config, source, arns),
    // Optional parts appear only when chosen, so a plain app's request stays the plain CreateService.
    ...(arns.vpcConnector ? { NetworkConfiguration: vpcEgress(arns.vpcConnector) } : {}),
    ...(arns.observability
      ? {
          ObservabilityConfiguration: { ObservabilityEnabled: true, ObservabilityConfigurationArn: arns.observability },
        }
      : {}),
    Tags: toolTags(config),
  };
}

/**
 * Tags are create-only in App Runner. The rest is sent whole, egress and tracing included even when off,
 * so a field removed from the config is switched off on the service rather than left as it was.
 */
export function updateServiceInput(
  serviceArn: string,
  config: DeployConfig,
  source: Source,
  arns: Arns = {},
): UpdateServiceCommandInput {
  return {
    ServiceArn: serviceArn,
    ...serviceSettings(config, source, arns),
    NetworkConfiguration: arns.vpcConnector
      ? vpcEgress(arns.vpcConnector)
      : { EgressConfiguration: { EgressType: 'DEFAULT' } },
    ObservabilityConfiguration: arns.observability
      ? { ObservabilityEnabled: true, ObservabilityConfigurationArn: arns.observability }
      : { ObservabilityEnabled: false },
  };
}

export function isDefaultScaling(scaling: DeployConfig['autoScaling']): boolean {
  return (
    scaling.minSize === DEFAULT_SCALING.minSize &&
    scaling.maxSize === DEFAULT_SCALING.maxSize &&
    scaling.maxConcurrency === DEFAULT_SCALING.maxConcurrency
  );
}

/** One configuration per service (new values become a new revision of the same name); 32 characters at most. */
/** Unique per app (ownership/names.ts): cut to 32 characters, two apps' names would otherwise meet. */
export const autoScalingName = (config: DeployConfig) => appResourceName(config, 'autoScaling');

export function autoScalingInput(config: DeployConfig): CreateAutoScalingConfigurationCommandInput | undefined {
  const s = config.autoScaling;
  if (isDefaultScaling(s)) return undefined;
  return {
    AutoScalingConfigurationName: autoScalingName(config),
    MinSize: s.minSize,
    MaxSize: s.maxSize,
    MaxConcurrency: s.maxConcurrency,
    Tags: toolTags(config),
  };
}

export const connectionName = (provider: 'GITHUB' | 'BITBUCKET') => `${TOOL}-${provider.toLowerCase()}`;

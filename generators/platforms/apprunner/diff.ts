// Desired settings vs the service AWS describes, field by field, only for the fields deploy sets: an
// unchanged service gets StartDeployment (a fresh pull or build), a changed one gets UpdateService.
// AWS answers in its own notation (cpu "1024", not "1 vCPU"), so both sides are normalised first.
import type { CreateServiceCommandInput, Service } from '@aws-sdk/client-apprunner';

const units = (value: string | undefined, unit: 'vCPU' | 'GB'): number | undefined => {
  if (value === undefined) return undefined;
  const m = new RegExp(`^([\\d.]+) ?${unit}$`).exec(value.trim());
  return m ? Number(m[1]) : Number(value) / 1024;
};
const sameMap = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => {
  const x = a ?? {};
  const y = b ?? {};
  return Object.keys(x).length === Object.keys(y).length && Object.entries(x).every(([k, v]) => y[k] === v);
};
// App Runner shows the repository root as "/" (or nothing).
const directory = (d: string | undefined) =>
  d === undefined || d === '' || d === '/' ? '/' : d.replace(/^\/?/, '/').replace(/\/$/, '');

/**
 * Human-readable differences ("instance cpu: 1 vCPU → 2 vCPU"); empty when the service already matches.
 * `wantDefaultScaling` is true when the config asks for App Runner's default auto scaling.
 */
export function changesBetween(
  desired: CreateServiceCommandInput,
  current: Service,
  wantDefaultScaling: boolean,
): string[] {
  const changes: string[] = [];
  const check = (label: string, want: unknown, have: unknown) => {
    if (want !== have) changes.push(`${label}: ${show(have)} → ${show(want)}`);
  };
  const ds = desired.SourceConfiguration;
  const cs = current.SourceConfiguration;
  const di = ds?.ImageRepository;
  const ci = cs?.ImageRepository;
  if (di) {
    check('image', di.ImageIdentifier, ci?.ImageIdentifier);
    check('image repository type', di.ImageRepositoryType, ci?.ImageRepositoryType);
    check('port', di.ImageConfiguration?.Port, ci?.ImageConfiguration?.Port);
    if (
      !sameMap(di.ImageConfiguration?.RuntimeEnvironmentVariables, ci?.ImageConfiguration?.RuntimeEnvironmentVariables)
    ) {
      changes.push('environment variables');
    }
    if (!sameMap(di.ImageConfiguration?.RuntimeEnvironmentSecrets, ci?.ImageConfiguration?.RuntimeEnvironmentSecrets))
      changes.push('secrets');
    check(
      'access role',
      ds?.AuthenticationConfiguration?.AccessRoleArn,
      cs?.AuthenticationConfiguration?.AccessRoleArn,
    );
  }
  const dc = ds?.CodeRepository;
  const cc = cs?.CodeRepository;
  if (dc) {
    check('repository', dc.RepositoryUrl, cc?.RepositoryUrl);
    check('branch', dc.SourceCodeVersion?.Value, cc?.SourceCodeVersion?.Value);
    check('source directory', directory(dc.SourceDirectory), directory(cc?.SourceDirectory));
    check(
      'configuration source',
      dc.CodeConfiguration?.ConfigurationSource,
      cc?.CodeConfiguration?.ConfigurationSource,
    );
    check('connection', ds?.AuthenticationConfiguration?.ConnectionArn, cs?.AuthenticationConfiguration?.ConnectionArn);
  }
  check('automatic deployments', ds?.AutoDeploymentsEnabled ?? false, cs?.AutoDeploymentsEnabled ?? false);

  const cpu = [units(desired.InstanceConfiguration?.Cpu, 'vCPU'), units(current.InstanceConfiguration?.Cpu, 'vCPU')];
  if (cpu[0] !== cpu[1]) changes.push(`instance cpu: ${cpu[1]} vCPU → ${cpu[0]} vCPU`);
  const mem = [units(desired.InstanceConfiguration?.Memory, 'GB'), units(current.InstanceConfiguration?.Memory, 'GB')];
  if (mem[0] !== mem[1]) changes.push(`instance memory: ${mem[1]} GB → ${mem[0]} GB`);

  check(
    'instance role',
    desired.InstanceConfiguration?.InstanceRoleArn,
    current.InstanceConfiguration?.InstanceRoleArn,
  );
  const egress = (e: { EgressType?: string; VpcConnectorArn?: string } | undefined) =>
    e?.EgressType === 'VPC' ? `VPC connector ${e.VpcConnectorArn}` : 'default';
  check(
    'outbound network',
    egress(desired.NetworkConfiguration?.EgressConfiguration),
    egress(current.NetworkConfiguration?.EgressConfiguration),
  );
  const tracing = (o: { ObservabilityEnabled?: boolean; ObservabilityConfigurationArn?: string } | undefined) =>
    o?.ObservabilityEnabled ? (o.ObservabilityConfigurationArn ?? 'on') : 'off';
  check('tracing', tracing(desired.ObservabilityConfiguration), tracing(current.ObservabilityConfiguration));

  const dh = desired.HealthCheckConfiguration ?? {};
  const ch = current.HealthCheckConfiguration ?? {};
  check('health check protocol', dh.Protocol, ch.Protocol);
  if (dh.Protocol === 'HTTP') check('health check path', dh.Path, ch.Path);
  check('health check interval', dh.Interval, ch.Interval);
  check('health check timeout', dh.Timeout, ch.Timeout);
  check('healthy threshold', dh.HealthyThreshold, ch.HealthyThreshold);
  check('unhealthy threshold', dh.UnhealthyThreshold, ch.UnhealthyThreshold);

  const scaling = current.AutoScalingConfigurationSummary;
  const currentIsDefault =
    !scaling || scaling.IsDefault === true || scaling.AutoScalingConfigurationName === 'DefaultConfiguration';
  if (
    wantDefaultScaling
      ? !currentIsDefault
      : desired.AutoScalingConfigurationArn !== scaling?.AutoScalingConfigurationArn
  ) {
    const name = (
      s: { AutoScalingConfigurationName?: string; AutoScalingConfigurationRevision?: number } | undefined,
    ) =>
      s?.AutoScalingConfigurationName
        ? `${s.AutoScalingConfigurationName}${s.AutoScalingConfigurationRevision ? ` rev ${s.AutoScalingConfigurationRevision}` : ''}`
        : 'default';
    const want = wantDefaultScaling
      ? 'DefaultConfiguration'
      : /autoscalingconfiguration\/([^/]+)\/(\d+)/.exec(desired.AutoScalingConfigurationArn ?? '');
    changes.push(
      `auto scaling: ${name(scaling)} → ${typeof want === 'string' ? want : want ? `${want[1]} rev ${want[2]}` : 'new'}`,
    );
  }
  return changes;
}

const show = (v: unknown) => (v === undefined || v === null || v === '' ? '(none)' : String(v));

// The optional parts of the deploy config (secrets, network, domain, observability), checked with the
// same validators the flags use, so a hand-edited value fails with the field named.
import type { DeployConfig } from '../../core/deploy-config.js';
import { validateDomain, validateIdList, validateSecretSource, validateVpcConnector } from '../../core/validate.js';

export type Raw = Record<string, unknown>;
export const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The optional production extras: secrets, network, domain, observability. */
export function checkExtras(raw: Raw, errors: string[], environment: Record<string, string>): Partial<DeployConfig> {
  const out: Partial<DeployConfig> = {};
  if (raw.secrets !== undefined && raw.secrets !== null) {
    if (!isMap(raw.secrets)) errors.push('secrets must map variable names to secret ARNs or parameter names.');
    else {
      out.secrets = {};
      for (const [key, value] of Object.entries(raw.secrets)) {
        const problem = !ENV_NAME.test(key)
          ? 'a variable name is letters, digits and _, not starting with a digit'
          : key === 'PORT' || /^AWSAPPRUNNER/i.test(key)
            ? 'App Runner sets or reserves that name'
            : key in environment
              ? 'it is also in environment: give it one source'
              : typeof value !== 'string'
                ? 'give a secret ARN or parameter name'
                : validateSecretSource(value);
        if (problem) errors.push(`secrets.${key}: ${problem}.`.replace(/\.\.$/, '.'));
        else out.secrets[key] = value as string;
      }
    }
  }
  const network = raw.network;
  if (network !== undefined && network !== null) {
    if (isMap(network) && typeof network.vpcConnectorArn === 'string') {
      const bad = validateVpcConnector(network.vpcConnectorArn);
      if (bad) errors.push(`network.vpcConnectorArn: ${bad}`);
      out.network = { vpcConnectorArn: network.vpcConnectorArn };
    } else if (
      isMap(network) &&
      Array.isArray(network.vpcSubnets) &&
      Array.isArray(network.vpcSecurityGroups) &&
      network.vpcSubnets.length &&
      network.vpcSecurityGroups.length
    ) {
      const subnets = network.vpcSubnets.map(String);
      const groups = network.vpcSecurityGroups.map(String);
      const bad =
        validateIdList(subnets.join(','), 'subnet', 'network.vpcSubnets') ??
        validateIdList(groups.join(','), 'sg', 'network.vpcSecurityGroups');
      if (bad) errors.push(`network: ${bad.replace(/ Pass .*$/, '')}`);
      out.network = { vpcSubnets: subnets, vpcSecurityGroups: groups };
    } else {
      errors.push('network must hold either vpcConnectorArn, or both vpcSubnets and vpcSecurityGroups (lists of ids).');
    }
  }
  if (raw.domain !== undefined && raw.domain !== null) {
    const bad = typeof raw.domain === 'string' ? validateDomain(raw.domain) : 'it must be a domain name';
    if (bad) errors.push(`domain: ${bad}`);
    else out.domain = raw.domain as string;
  }
  const obs = raw.observability;
  if (obs !== undefined && obs !== null) {
    if (!isMap(obs) || typeof (obs.tracing ?? false) !== 'boolean')
      errors.push('observability.tracing must be true or false.');
    else out.observability = { tracing: obs.tracing === true };
  }
  const migrated = checkMigratedFrom(raw.migratedFrom, errors);
  if (migrated) out.migratedFrom = migrated;
  return out;
}

/** migrate's record: the App Runner ARN, and optionally the image, the task role's name and the request target. */
function checkMigratedFrom(raw: unknown, errors: string[]): DeployConfig['migratedFrom'] {
  if (raw === undefined || raw === null) return undefined;
  const m = isMap(raw) ? raw : {};
  const arn = m.apprunnerService;
  const problems = [
    ...(!isMap(raw) ? ['it must be a mapping'] : []),
    ...(typeof arn !== 'string' || !/^arn:[\w-]+:apprunner:[\w-]+:\d{12}:service\/\S+$/.test(arn)
      ? ['apprunnerService must be the App Runner service ARN']
      : []),
    ...(m.image !== undefined && typeof m.image !== 'string' ? ['image must be text'] : []),
    ...(m.taskRole !== undefined && (typeof m.taskRole !== 'string' || !/^[\w+=,.@-]{1,64}$/.test(m.taskRole))
      ? ['taskRole must be an IAM role name']
      : []),
    ...(m.requestsPerTarget !== undefined &&
    (typeof m.requestsPerTarget !== 'number' || !Number.isInteger(m.requestsPerTarget) || m.requestsPerTarget < 1)
      ? ['requestsPerTarget must be a whole number of at least 1']
      : []),
  ];
  if (problems.length) {
    errors.push(`migratedFrom: ${problems.join('; ')} (migrate writes this section; restore it from git).`);
    return undefined;
  }
  return {
    apprunnerService: arn as string,
    ...(m.image !== undefined ? { image: m.image as string } : {}),
    ...(m.taskRole !== undefined ? { taskRole: m.taskRole as string } : {}),
    ...(m.requestsPerTarget !== undefined ? { requestsPerTarget: m.requestsPerTarget as number } : {}),
  };
}

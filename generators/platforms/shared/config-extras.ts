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
  return out;
}

// secrets set/unset edit one entry of the deploy config's secrets: in place: every other byte stays,
// the new mapping goes before app: with the platform's comment, and what YAML 1.1 would misread is quoted.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { renderDeployConfig } from '../../generators/core/deploy-config.js';
import { withoutSecret, withSecret } from '../../generators/core/deploy-config-secrets.js';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:go-api/API_KEY-AbCdEf';
const base = renderDeployConfig({
  target: 'apprunner',
  service: { name: 'go-api', region: 'us-east-1' },
  source: { kind: 'image', ecrRepository: 'go-api', port: 8080 },
  instance: { cpu: 1, memory: 2 },
  healthCheck: {
    protocol: 'HTTP',
    path: '/health',
    interval: 5,
    timeout: 2,
    healthyThreshold: 1,
    unhealthyThreshold: 5,
  },
  autoScaling: { minSize: 1, maxSize: 25, maxConcurrency: 100 },
  environment: { LOG_LEVEL: 'info' },
  app: { id: 'app-abcdefghijkl' as never },
});

describe('withSecret / withoutSecret', () => {
  it('adds secrets: before app: with its comment, and takes it away byte for byte', () => {
    const one = withSecret(base, 'API_KEY', ARN, 'apprunner');
    expect(parse(one).secrets).toEqual({ API_KEY: ARN });
    expect(one.search(/^secrets:/m)).toBeLessThan(one.search(/^app:/m));
    expect(one).toContain('# Variables read at start from Secrets Manager or SSM Parameter Store');
    for (const line of base.split('\n')) expect(one).toContain(line);
    const two = withSecret(one, 'ON', `${ARN}2`, 'apprunner');
    expect(two).toContain('"ON": '); // a YAML 1.1 boolean as a key
    expect(parse(two).secrets).toEqual({ API_KEY: ARN, ON: `${ARN}2` });
    expect(withSecret(two, 'API_KEY', `${ARN}3`)).toContain(`API_KEY: "${ARN}3"`);
    expect(withoutSecret(withoutSecret(two, 'ON'), 'API_KEY')).toBe(base);
    expect(withoutSecret(base, 'NOPE')).toBe(base);
  });

  it('fills an empty secrets: where it stands', () => {
    const text = base.replace(/^app:/m, 'secrets:\napp:');
    const out = withSecret(text, 'API_KEY', ARN);
    expect(parse(out).secrets).toEqual({ API_KEY: ARN });
    expect(out.match(/^secrets:/gm)).toHaveLength(1);
  });
});

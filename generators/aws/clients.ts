// The clients every platform talks through, opened once per command: STS, IAM, ECR and CloudWatch Logs,
// plus the platform's own service client (platforms/<id>/index.ts adds it). Each is a thin module of
// only the calls used (sts.ts, iam.ts, ecr.ts, logs.ts); closing them frees their sockets, which would
// otherwise hold the process open.
import type { AwsOptions } from './call.js';
import { createEcr, type Ecr } from './ecr.js';
import { createIam, type Iam } from './iam.js';
import { createLogs, type Logs } from './logs.js';
import { createSts, type Sts } from './sts.js';

export type { AwsOptions } from './call.js';

export interface Clients {
  readonly region: string;
  sts: Sts;
  iam: Iam;
  ecr: Ecr;
  logs: Logs;
  close(): void;
}

export async function openClients(o: AwsOptions): Promise<Clients> {
  const [sts, iam, ecr, logs] = await Promise.all([createSts(o), createIam(o), createEcr(o), createLogs(o)]);
  return {
    region: o.region,
    sts,
    iam,
    ecr,
    logs,
    close: () => {
      for (const client of [sts, iam, ecr, logs]) client.close();
    },
  };
}

/** The common clients plus one of the platform's own, closed together. */
export async function withService<K extends string, S extends { close(): void }>(
  o: AwsOptions,
  key: K,
  create: (o: AwsOptions) => Promise<S>,
): Promise<Clients & Record<K, S>> {
  const [base, service] = await Promise.all([openClients(o), create(o)]);
  return {
    ...base,
    [key]: service,
    close: () => {
      base.close();
      service.close();
    },
  } as Clients & Record<K, S>;
}

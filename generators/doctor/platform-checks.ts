// What a platform's doctor checks are given: the region, the profile, the app's deploy config (when run
// inside an app), a bound for each call and the signal. Each platform fills in its own checks in its
// folder's doctor file (platforms/<id>/doctor.ts) behind Platform.doctor; the command never asks which.
import type { DeployConfig } from '../core/deploy-config.js';
import type { CheckResult } from './check.js';

export interface DoctorAws {
  region: string;
  profile?: string;
  config?: DeployConfig;
  /** The command that switches this app (or a new one) to another platform. */
  switchCommand(target: string): string;
  ms: number;
  signal: AbortSignal;
}

export type PlatformDoctor = (d: DoctorAws) => Promise<CheckResult[]>;

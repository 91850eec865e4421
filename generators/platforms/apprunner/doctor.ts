// doctor's App Runner check: is App Runner open to this account? Since 2026-04-30 it takes no new
// customers, and how a closed account's call fails is not documented (SubscriptionRequiredException and
// access-denied style answers are reported), so one read-only call (ListServices) decides, with the
// platform's own reading of the answer (availability.ts), and a closed door names ECS Express and the
// command that switches. https://docs.aws.amazon.com/apprunner/latest/dg/apprunner-availability-change.html
import { createAppRunner } from '../../aws/apprunner.js';
import { AwsCallError, kindOf } from '../../aws/errors.js';
import { fail, guarded, ok } from '../../doctor/check.js';
import type { PlatformDoctor } from '../../doctor/platform-checks.js';
import { offersAppRunner } from '../ownership/regions.js';

const LABEL = 'App Runner';

export const appRunnerDoctor: PlatformDoctor = async (d) => {
  if (!offersAppRunner(d.region))
    return [
      fail(
        'apprunner',
        LABEL,
        `App Runner is not offered in ${d.region}`,
        `use a region it is in (us-east-1, eu-west-1, …) or ECS Express: ${d.switchCommand('ecs-express')}`,
      ),
    ];
  const o = { id: 'apprunner', label: LABEL, service: 'apprunner', region: d.region, ms: d.ms, parent: d.signal };
  return [
    await guarded(o, async (signal) => {
      const ar = await createAppRunner({ region: d.region, profile: d.profile, signal });
      try {
        const services = await ar.listServices();
        return ok(
          'apprunner',
          LABEL,
          `open to this account (${services.length} service${services.length === 1 ? '' : 's'} in ${d.region})`,
        );
      } catch (error) {
        if (error instanceof AwsCallError && kindOf(error) === 'not-subscribed')
          return fail(
            'apprunner',
            LABEL,
            `App Runner is closed to this account (${error.code}): use ECS Express`,
            d.switchCommand('ecs-express'),
          );
        throw error;
      } finally {
        ar.close();
      }
    }),
  ];
};

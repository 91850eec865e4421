// The app's ECR repository in delete's plan, for both platforms: removed with its images only when it
// carries this app's id (My_Api and my-api may both want `my-api`) and no service this delete keeps
// pulls from it (shared/usage.ts: any service, on either platform, may name an image in it); kept with
// --keep-image.
import { isEcrNotFound } from '../../aws/ecr.js';
import type { TargetId } from '../../core/options.js';
import { isOurs, notOursText } from '../ownership/owner.js';
import { keyOf } from '../ownership/refs.js';
import type { Live, RemovalPlan } from '../platform.js';
import { removal } from './removal.js';
import { decideRemovals } from './usage.js';

export async function repositoryRemoval(
  live: Live,
  plan: RemovalPlan,
  repository: { name: string; platform: TargetId },
  keepImage: boolean,
  /** Say "already gone" when it is missing (false for a name older versions used). */
  expected = true,
): Promise<void> {
  const { config } = live;
  const { name } = repository;
  const repo = await live.clients.ecr.repositoryFacts(name);
  const what = `the ECR repository ${name}`;
  if (!repo) return void (expected && plan.absent.push(what));
  if (!isOurs(repo.tags, config)) return void plan.kept.push(`${what}: ${notOursText(repo.tags, config)}`);
  if (keepImage) return void plan.kept.push(`${what} and its ${repo.imageCount} image(s): --keep-image`);
  const step = `${what} and its ${repo.imageCount} image(s)`;
  const remove = () => plan.removals.push(removal(step, () => live.clients.ecr.deleteRepository(name), isEcrNotFound));
  // A config from before app ids: the repository carries only created-by, and nothing names its users.
  if (!config.app?.id) return void remove();
  const candidate = {
    kind: 'repository' as const,
    key: keyOf('repository', live.region, name),
    label: what,
    tags: repo.tags,
    region: live.region,
    name,
  };
  const decided = await decideRemovals(live, repository.platform, [candidate], ['apprunner', 'ecs-express']);
  const kept = decided.keep.find((k) => k.candidate.key === candidate.key);
  if (kept) return void plan.kept.push(`${what} and its ${repo.imageCount} image(s): ${kept.reason}`);
  remove();
}

// The app's ECR repository in delete's plan, for both platforms: removed with its images only when it
// carries this app's id (My_Api and my-api may both want `my-api`), kept with --keep-image.
import { isEcrNotFound } from '../../aws/ecr.js';
import { isOurs, notOursText } from '../ownership/owner.js';
import type { Live, RemovalPlan } from '../platform.js';
import { removal } from './removal.js';

export async function repositoryRemoval(
  live: Live,
  plan: RemovalPlan,
  name: string,
  keepImage: boolean,
): Promise<void> {
  const { config } = live;
  const repo = await live.clients.ecr.repositoryFacts(name);
  const what = `the ECR repository ${name}`;
  if (!repo) plan.absent.push(what);
  else if (!isOurs(repo.tags, config)) plan.kept.push(`${what}: ${notOursText(repo.tags, config)}`);
  else if (keepImage) plan.kept.push(`${what} and its ${repo.imageCount} image(s): --keep-image`);
  else {
    const step = `${what} and its ${repo.imageCount} image(s)`;
    plan.removals.push(removal(step, () => live.clients.ecr.deleteRepository(name), isEcrNotFound));
  }
}

// One entry of delete's plan. A rerun must say "already gone" where the first run removed something, so
// the service's own "not found" (each aws/<service>.ts defines it) counts as gone, not as a failure.
import { AwsCallError } from '../../aws/errors.js';
import type { Removal } from '../platform.js';
import { TOOL_TAG } from './names.js';

export function removal(
  label: string,
  run: () => Promise<'removed' | 'gone' | void | unknown>,
  notFound: (error: AwsCallError) => boolean,
  blocking = false,
): Removal {
  return {
    label,
    blocking,
    remove: async () => {
      try {
        const result = await run();
        return result === 'gone' ? 'gone' : 'removed';
      } catch (error) {
        if (error instanceof AwsCallError && notFound(error)) return 'gone';
        throw error;
      }
    },
  };
}

/** Whether any of these tags is deploy's own (IAM, ECR and App Runner spell it Key/Value, ECS key/value). */
export const byTool = (tags: { Key?: string; Value?: string; key?: string; value?: string }[] = [], tag = TOOL_TAG) =>
  tags.some((t) => (t.Key ?? t.key) === tag.Key && (t.Value ?? t.value) === tag.Value);

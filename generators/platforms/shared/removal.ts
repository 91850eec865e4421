// One entry of delete's plan. A rerun must say "already gone" where the first run removed something, so
// the service's own "not found" (each aws/<service>.ts defines it) counts as gone, not as a failure.
import { AwsCallError } from '../../aws/errors.js';
import type { Removal } from '../platform.js';

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

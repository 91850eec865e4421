// `domain add <name>`, `domain status`, `domain remove`: the words after `domain`, checked before
// anything is read or sent, and handed to the command as its action and name.
import { UsageError } from '../core/errors.js';
import { quoteValue } from '../core/terminal.js';

/** `domain add <name>`, `domain status`, `domain remove [<name>]`: the one command that takes words. */
const DOMAIN_ACTIONS = ['add', 'status', 'remove'];
export function domainWords(words: string[]): Record<string, string> {
  const [action, name, ...rest] = words;
  const usage = 'Use domain add <name>, domain status or domain remove (create-apprunner-app domain --help).';
  if (action === undefined) throw new UsageError(`domain needs one of add, status, remove. ${usage}`);
  if (!DOMAIN_ACTIONS.includes(action))
    throw new UsageError(`domain ${quoteValue(action)}: not add, status or remove. ${usage}`);
  if (action === 'add' && name === undefined)
    throw new UsageError(`domain add needs the domain name, e.g. domain add api.example.com.`);
  if (rest.length || (action === 'status' && name !== undefined))
    throw new UsageError(
      `domain ${action} takes ${action === 'status' ? 'no other words' : 'one name'} (got ${quoteValue(words.slice(1).join(' '))}). ${usage}`,
    );
  return { action, ...(name !== undefined ? { name } : {}) };
}

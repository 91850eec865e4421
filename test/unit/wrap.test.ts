import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { wrapMessage } from '../../generators/core/wrap.js';

const NAME_ERROR =
  'The service name "ab" is 2 characters long. App Runner service names are 4 to 40 letters, digits, "-" or "_", ' +
  'starting with a letter or digit. Pass one with --name, e.g. --name ab-app.';

describe('wrapMessage', () => {
  it('wraps prose to 100 columns and keeps every word in order', () => {
    const out = wrapMessage(NAME_ERROR);
    expect(out.split('\n').length).toBeGreaterThan(1);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(out.split('\n').join(' ')).toBe(NAME_ERROR);
  });

  it('never breaks a flag from its value, a tool from its command, or a code span', () => {
    const filler = 'word '.repeat(17);
    for (const phrase of [
      '--name ab-app.',
      '--cwd <dir>',
      'create-apprunner-app help create',
      'npx create-apprunner-app@0.1.0 deploy',
      '`deploy --target ecs-express`',
    ]) {
      for (let pad = 0; pad < 12; pad++) {
        const text = `${'x'.repeat(pad)} ${filler}${phrase} and then some more words after it to wrap.`;
        const lines = wrapMessage(text).split('\n');
        expect(lines.some((l) => l.includes(phrase))).toBe(true);
      }
    }
  });

  it('leaves short lines, indented lines (commands, listings) and a lone long word as they are', () => {
    expect(wrapMessage('short')).toBe('short');
    const indented = `  git remote add origin https://github.com/${'x'.repeat(120)}.git && git push -u origin HEAD`;
    expect(wrapMessage(`Then:\n${indented}`)).toBe(`Then:\n${indented}`);
    const url = `https://example.com/${'a'.repeat(150)}`;
    expect(wrapMessage(`See ${url} for more.`)).toBe(`See\n${url}\nfor more.`);
  });

  it('for any text, no word is lost or moved, and a line over 100 columns is one piece it cannot break', () => {
    const word = fc.oneof(fc.stringMatching(/^[a-z]{1,12}$/), fc.constantFrom('--name', 'x.', '`a', 'b`', 'npx', '-'));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 80 }), (words) => {
        const text = words.join(' ');
        const lines = wrapMessage(text).split('\n');
        expect(lines.join(' ')).toBe(text);
        for (const line of lines) if (line.length > 100) expect(wrapMessage(`${line} end`).split('\n')[0]).toBe(line);
      }),
    );
  });
});

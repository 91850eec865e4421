// The questions, on a terminal only: what the flags left out. At most four on the default path: the
// folder (its non-empty question right there), runtime, platform, then "use the recommended setup?";
// only a "no" asks the size, the source and the production extras checklist. Pure glue between the
// option table and inquirer (through Yeoman's prompt); the answers are validated like flags are.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

import { Declined } from '../core/errors.js';
import {
  type Extra,
  extraPrompts,
  EXTRAS,
  extrasGiven,
  type Facts,
  pendingPrompts,
  promptMessage,
  SIZE_QUESTION,
  VALUE_OPTIONS,
  type ValueKey,
  type ValueOption,
  type Values,
} from '../core/options.js';
import { checkDirectory } from '../core/spec.js';
import { checkFolder } from './commit.js';

export type Prompt = (questions: object[]) => Promise<Record<string, unknown>>;

export interface Asked {
  answers: Partial<Values>;
  /** Extras picked from the checklist whose follow-up answers were all left blank. */
  skipped: string[];
  /** The person chose, right after naming a non-empty folder, to write into it. */
  overwrite?: boolean;
}

/**
 * The questions on the default path, in this order: the folder (and, right there, what to do when it is
 * not empty), then these, then one "use the recommended setup?". A runtime with variants adds its
 * framework question here, after runtime (its option's prompt.when says when).
 */
export const FIRST_QUESTIONS: readonly ValueKey[] = ['runtime', 'framework' as ValueKey, 'target'];

export async function ask(
  prompt: Prompt,
  given: Partial<Values>,
  facts: Facts,
  cwd: string,
  force: boolean,
): Promise<Asked> {
  const known: Partial<Values> = { ...given };
  const asked: Asked = { answers: {}, skipped: [] };
  const take = (answers: Record<string, unknown>) => {
    Object.assign(asked.answers, answers);
    Object.assign(known, answers);
  };
  // The folder first, checked as soon as it is typed (outside cwd? private?), and its non-empty question at once.
  const pending = () => pendingPrompts(known);
  const folderOption = pending().find((o) => o.key === 'directory');
  if (folderOption) {
    const folder = (dir: string) => checkDirectory(dir, cwd) ?? checkFolder(resolve(cwd, dir), dir, true);
    take(await prompt([question(folderOption, known, facts, folder)]));
  }
  if (!force && known.directory !== undefined) asked.overwrite = await notEmpty(prompt, cwd, known.directory);
  take(
    await prompt(
      pending()
        .filter((o) => FIRST_QUESTIONS.includes(o.key))
        .map((o) => question(o, known, facts)),
    ),
  );
  // Everything else has a recommended answer: one question takes them all, "no" asks them one by one.
  const rest = detailQuestions(known, facts);
  const extras = !extrasGiven(given);
  if (!rest.length && !extras) return asked;
  const { recommended } = (await prompt([
    {
      type: 'confirm',
      name: 'recommended',
      message: recommendation(known, facts, rest, extras),
      default: true,
    },
  ])) as { recommended?: boolean };
  if (recommended) return asked;
  const answers = (await prompt(rest)) as Partial<Values> & { size?: string };
  if (answers.size !== undefined) {
    Object.assign(answers, SIZE_QUESTION.apply(answers.size));
    delete answers.size;
  }
  take(answers);
  if (extras) await askExtras(prompt, known, facts, asked);
  return asked;
}

/** The questions "no" to the recommended setup leads to (size as one choice, source where it matters). */
function detailQuestions(known: Partial<Values>, facts: Facts): object[] {
  const oneSize = SIZE_QUESTION.asked(known);
  return pendingPrompts(known)
    .filter((o) => o.key !== 'directory' && !FIRST_QUESTIONS.includes(o.key))
    .flatMap((o): object[] => {
      if (oneSize && (o.key === 'cpu' || o.key === 'memory')) return o.key === 'cpu' ? [sizeQuestion(known)] : [];
      return (o.prompt?.when?.(known) ?? true) ? [question(o, known, facts)] : [];
    });
}

/** "Use the recommended setup (…)?" with what it stands for: the size and its price, the source, no extras. */
function recommendation(known: Partial<Values>, facts: Facts, rest: object[], extras: boolean): string {
  const parts: string[] = [];
  const names = rest.map((q) => (q as { name: string }).name);
  if (names.includes(SIZE_QUESTION.name)) {
    const size = SIZE_QUESTION.choices(known).find((c) => c.value === SIZE_QUESTION.default);
    if (size) parts.push(size.name);
  }
  if (names.includes('source')) {
    const source = VALUE_OPTIONS.find((o) => o.key === 'source')!.default(known, facts);
    parts.push(
      source === 'code' ? 'App Runner builds it from your repository' : 'a container image through Amazon ECR',
    );
  }
  if (extras) parts.push('no production extras');
  return `Use the recommended setup?\n  ${parts.join('\n  ')}\n `;
}

async function askExtras(prompt: Prompt, known: Partial<Values>, facts: Facts, asked: Asked): Promise<void> {
  const { extras = [] } = (await prompt([
    {
      type: 'checkbox',
      name: 'extras',
      message: 'Add production extras? (space picks, enter goes on)',
      choices: Object.entries(EXTRAS).map(([value, name]) => ({ name, value })),
    },
  ])) as { extras?: Extra[] };
  const follow = extraPrompts(extras, known);
  const answers = asked.answers;
  // Ticking an extra is the answer to "do you want it": only what it needs beyond that is asked.
  for (const o of follow.filter((o) => o.prompt?.picked !== undefined)) answers[o.key] = o.prompt!.picked!;
  Object.assign(
    answers,
    await prompt(follow.filter((o) => o.prompt?.picked === undefined).map((o) => question(o, known, facts))),
  );
  for (const extra of extras) {
    const values = follow.filter((o) => o.extra === extra).map((o) => answers[o.key] ?? '');
    if (values.length && values.every((v) => v === '')) asked.skipped.push(EXTRAS[extra]);
  }
}

/** Right after the folder is named, as create-vite does: a non-empty one is a choice, cancel or write into it. */
async function notEmpty(prompt: Prompt, cwd: string, directory: string): Promise<boolean | undefined> {
  const dir = resolve(cwd, directory);
  if (!checkFolder(dir, directory, false)?.includes('not empty')) return undefined;
  const label = directory === '.' ? 'the current folder' : `"${directory}"`;
  const entries = readdirSync(dir).sort();
  const shown = entries.slice(0, 8).join(', ') + (entries.length > 8 ? `, and ${entries.length - 8} more` : '');
  const { choice } = (await prompt([
    {
      type: 'select',
      name: 'choice',
      message: `The folder ${label} is not empty (${shown}).\n  What now?`,
      default: 'cancel',
      choices: [
        { name: 'Cancel: write nothing', value: 'cancel' },
        { name: 'Write the app into it (a file of yours with the same name is kept as <name>.orig)', value: 'write' },
      ],
    },
  ])) as { choice?: string };
  if (choice !== 'write') throw new Declined('Cancelled. Nothing was written.');
  return true;
}

/** The sizes are priced on the platform answered just before (or given), hence choices from the answers. */
function sizeQuestion(known: Partial<Values>) {
  return {
    type: 'select',
    name: SIZE_QUESTION.name,
    message: SIZE_QUESTION.message,
    default: SIZE_QUESTION.default,
    choices: (answers: Partial<Values>) => SIZE_QUESTION.choices({ ...known, ...answers }),
  };
}

/** An inquirer question from the option table; `known` collects answers so later defaults see them. */
function question(
  option: ValueOption,
  known: Partial<Values>,
  facts: Facts,
  extra?: (value: string) => string | undefined,
) {
  const { prompt, key } = option;
  const seen = (answers: Partial<Values>) => Object.assign(known, answers);
  return {
    name: key,
    type: prompt!.choices ? 'select' : 'input',
    message: prompt!.message,
    when: (answers: Partial<Values>) => prompt!.when?.(seen(answers)) ?? true,
    default: (answers: Partial<Values>) => prompt!.default ?? option.default(seen(answers), facts),
    ...(prompt!.choices ? { choices: (answers: Partial<Values>) => prompt!.choices!(seen(answers)) } : {}),
    ...(prompt!.filter ? { filter: (value: string) => prompt!.filter!(String(value)) } : {}),
    validate: (value: string, answers: Partial<Values>) => {
      const v = prompt!.filter ? prompt!.filter(String(value)) : String(value);
      const error = option.validate(v, seen(answers ?? {}));
      return (error ? promptMessage(option, error) : extra?.(v)) ?? true;
    },
  };
}

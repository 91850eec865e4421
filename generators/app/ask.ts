// The questions, on a terminal only: what the flags left out, in the option table's order, with the
// instance size as one choice and the production extras behind one checklist. Pure glue between the
// option table and inquirer (through Yeoman's prompt); the answers are validated like flags are.
import { resolve } from 'node:path';

import {
  type Extra,
  extraPrompts,
  EXTRAS,
  extrasGiven,
  type Facts,
  pendingPrompts,
  promptMessage,
  SIZE_QUESTION,
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
}

export async function ask(
  prompt: Prompt,
  given: Partial<Values>,
  facts: Facts,
  cwd: string,
  force: boolean,
): Promise<Asked> {
  const known: Partial<Values> = { ...given };
  // The folder is checked as soon as it is typed (outside cwd? not empty?), not after every other question.
  const folder = (dir: string) => checkDirectory(dir, cwd) ?? checkFolder(resolve(cwd, dir), dir, force);
  const oneSize = SIZE_QUESTION.asked(given);
  const questions = pendingPrompts(known).flatMap((o): object[] => {
    if (oneSize && (o.key === 'cpu' || o.key === 'memory')) return o.key === 'cpu' ? [sizeQuestion(known)] : [];
    return [question(o, known, facts, o.key === 'directory' ? folder : undefined)];
  });
  const answers = (await prompt(questions)) as Partial<Values> & { size?: string };
  if (answers.size !== undefined) {
    Object.assign(answers, SIZE_QUESTION.apply(answers.size));
    delete answers.size;
  }
  Object.assign(known, answers);
  const skipped: string[] = [];
  // The production extras hide behind one checklist, unless a flag already chose some of them.
  if (!extrasGiven(given)) {
    const { extras = [] } = (await prompt([
      {
        type: 'checkbox',
        name: 'extras',
        message: 'Add production extras? (space picks, enter goes on)',
        choices: Object.entries(EXTRAS).map(([value, name]) => ({ name, value })),
      },
    ])) as { extras?: Extra[] };
    const follow = extraPrompts(extras, known);
    // Ticking an extra is the answer to "do you want it": only what it needs beyond that is asked.
    for (const o of follow.filter((o) => o.prompt?.picked !== undefined)) answers[o.key] = o.prompt!.picked!;
    Object.assign(
      answers,
      await prompt(follow.filter((o) => o.prompt?.picked === undefined).map((o) => question(o, known, facts))),
    );
    for (const extra of extras) {
      const values = follow.filter((o) => o.extra === extra).map((o) => answers[o.key] ?? '');
      if (values.length && values.every((v) => v === '')) skipped.push(EXTRAS[extra]);
    }
  }
  return { answers, skipped };
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

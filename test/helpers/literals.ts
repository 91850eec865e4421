// Reads string literals back with the real language: each helper takes many literals (as a generated
// file would hold them), evaluates them all in ONE program run by that language's own toolchain, and
// returns each string's Unicode code points. One process per language keeps property tests fast.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { execa } from 'execa';
import { parse } from 'yaml';

import { recipe as goRecipe } from '../apps/recipes/go.js';
import { tempDir } from './cli.js';

export type Language =
  'js' | 'json' | 'python' | 'ruby' | 'go' | 'rust' | 'java' | 'shell' | 'yaml-1.1' | 'yaml-1.2' | 'pyyaml';
export const codePoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);

async function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {},
): Promise<number[][]> {
  const result = await execa(file, args, {
    ...options,
    extendEnv: true,
    reject: false,
    all: true,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.exitCode !== 0)
    throw new Error(`${file} ${args.join(' ').slice(0, 80)} failed:\n${result.all?.slice(0, 4000)}`);
  return JSON.parse(result.stdout) as number[][];
}

/** Writes `text` as `name` in a fresh folder and returns the folder. */
function source(name: string, text: string): string {
  const dir = tempDir('caa-literals-');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return dir;
}

/** The code points each literal evaluates to, in `language`. */
export async function evaluate(language: Language, literals: string[]): Promise<number[][]> {
  switch (language) {
    case 'js':
      return run(process.execPath, [
        '-e',
        `const l = [\n${literals.join(',\n')}\n]; console.log(JSON.stringify(l.map((s) => [...s].map((c) => c.codePointAt(0)))));`,
      ]);
    case 'json':
      return literals.map((l) => codePoints(JSON.parse(l) as string));
    case 'python':
      return run('python3', [
        '-c',
        `import json\nl = [\n${literals.join(',\n')}\n]\nprint(json.dumps([[ord(c) for c in s] for s in l]))`,
      ]);
    case 'ruby':
      return run('ruby', [
        '-e',
        `require "json"\nl = [\n${literals.join(',\n')}\n]\nputs JSON.generate(l.map(&:codepoints))`,
      ]);
    case 'go': {
      const dir = source(
        'main.go',
        `package main\n\nimport (\n\t"encoding/json"\n\t"os"\n)\n\nfunc main() {\n\tl := []string{\n${literals.map((l) => `\t\t${l},`).join('\n')}\n\t}\n\tout := [][]int32{}\n\tfor _, s := range l {\n\t\tr := []int32{}\n\t\tfor _, c := range s {\n\t\t\tr = append(r, c)\n\t\t}\n\t\tout = append(out, r)\n\t}\n\t_ = json.NewEncoder(os.Stdout).Encode(out)\n}\n`,
      );
      return run('go', ['run', 'main.go'], { cwd: dir, env: goRecipe.env!() });
    }
    case 'rust': {
      const dir = source(
        'main.rs',
        `fn main() {\n    let l: Vec<&str> = vec![\n${literals.map((l) => `        ${l},`).join('\n')}\n    ];\n    let parts: Vec<String> = l.iter().map(|s| format!("[{}]", s.chars().map(|c| (c as u32).to_string()).collect::<Vec<_>>().join(","))).collect();\n    println!("[{}]", parts.join(","));\n}\n`,
      );
      await execa('rustc', ['-O', '-o', join(dir, 'main'), join(dir, 'main.rs')]);
      return run(join(dir, 'main'), []);
    }
    case 'java': {
      const dir = source(
        'Main.java',
        `public class Main {\n    public static void main(String[] args) {\n        String[] l = {\n${literals.map((l) => `            ${l},`).join('\n')}\n        };\n        StringBuilder out = new StringBuilder("[");\n        for (int i = 0; i < l.length; i++) {\n            if (i > 0) out.append(',');\n            out.append('[');\n            int[] cps = l[i].codePoints().toArray();\n            for (int j = 0; j < cps.length; j++) { if (j > 0) out.append(','); out.append(cps[j]); }\n            out.append(']');\n        }\n        System.out.println(out.append(']'));\n    }\n}\n`,
      );
      // Source-file mode (java Main.java) compiles in memory: one process.
      return run('java', [join(dir, 'Main.java')]);
    }
    case 'shell':
      // The words go through sh to node's argv, which node prints back.
      return run('sh', [
        '-c',
        `exec "${process.execPath}" -e 'console.log(JSON.stringify(process.argv.slice(1).map((s) => [...s].map((c) => c.codePointAt(0)))))' -- ${literals.join(' ')}`,
      ]);
    case 'yaml-1.1':
    case 'yaml-1.2': {
      const list = parse(literals.map((l) => `- ${l}`).join('\n'), {
        version: language === 'yaml-1.1' ? '1.1' : '1.2',
      }) as string[];
      return list.map((s) => codePoints(String(s)));
    }
    case 'pyyaml':
      // PyYAML implements YAML 1.1, the version older tools (and cfn-lint's loader) follow.
      return run(
        'python3',
        [
          '-c',
          'import json, sys, yaml\nprint(json.dumps([[ord(c) for c in s] for s in yaml.safe_load(sys.stdin.read())]))',
        ],
        { input: literals.map((l) => `- ${l}`).join('\n') },
      );
  }
}

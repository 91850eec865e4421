// Every base image a generated Dockerfile starts FROM must exist, or the user's first `docker build`
// (and so the first ECS Express deploy) fails at FROM with "manifest unknown". No registry is reachable
// from the tests, so the tags are checked against recorded lists (test/fixtures/official-images):
// - <image>.txt: the Tags and SharedTags of library/<image> in github.com/docker-library/official-images,
//   the list ECR Public's docker/library mirror serves (header line: commit and date);
// - node-npm-versions.txt: the releases of the npm `node` package, which follows Node.js's releases, so
//   a Node tag also names a Node.js release that happened.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';

import type { PackageManager } from '../generators/core/package-manager.js';
import { VARIANTS } from '../generators/core/runtimes.js';
import { resolveSpec } from '../generators/core/spec.js';
import { tempDir } from './helpers/cli.js';
import { renderApp } from './helpers/render.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures', 'official-images');
const LIBRARY = 'public.ecr.aws/docker/library/';

const lines = (file: string) =>
  readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
const tagsOf = new Map<string, Set<string>>();
function officialTags(image: string): Set<string> {
  if (!tagsOf.has(image)) tagsOf.set(image, new Set(lines(`${image}.txt`)));
  return tagsOf.get(image)!;
}

/** Why `ref` (image:tag as written after FROM) is not a published base image, or undefined if it is. */
function problemWith(ref: string): string | undefined {
  if (!ref.startsWith(LIBRARY)) return `${ref} is not from ${LIBRARY} (the Docker Official Images mirror)`;
  const [image, tag] = ref.slice(LIBRARY.length).split(':');
  if (!image || !tag) return `${ref} has no tag`;
  let tags: Set<string>;
  try {
    tags = officialTags(image);
  } catch {
    return `no recorded tag list for library/${image} (add test/fixtures/official-images/${image}.txt)`;
  }
  if (!tags.has(tag)) return `library/${image} lists no tag ${tag}`;
  if (image === 'node') {
    const version = /^(\d+(?:\.\d+){0,2})(?:-|$)/.exec(tag)?.[1];
    const releases = lines('node-npm-versions.txt');
    if (!version || !releases.some((r) => r === version || r.startsWith(`${version}.`))) {
      return `node ${version ?? tag} is no release of the npm node package`;
    }
  }
  return undefined;
}

/** Image references of every FROM in a Dockerfile's text, without build stages and `scratch`. */
function baseImages(text: string): string[] {
  const froms = DockerfileParser.parse(text).getFROMs();
  const stages = new Set(froms.map((f) => f.getBuildStage()).filter(Boolean));
  return froms.map((f) => f.getImage()!).filter((image) => image !== 'scratch' && !stages.has(image));
}

const spec = (runtime: string, framework: string) => {
  const r = resolveSpec({ directory: 'tag-api', runtime, framework, source: 'image' }, {}, tempDir('caa-tags-'));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.spec;
};
const USER_AGENTS: Record<PackageManager, string> = {
  npm: 'npm/11.0.0 node/v22.23.3 linux x64',
  pnpm: 'pnpm/10.34.9 npm/? node/v22.23.3 linux x64',
  yarn: 'yarn/1.22.22 npm/? node/v22.23.3 linux x64',
  bun: 'bun/1.4.5 npm/? node/v22.23.3 linux x64',
};
const cases = VARIANTS.flatMap((runtime) => {
  const base = { name: `${runtime.id} ${runtime.framework}`, runtime: runtime.id, framework: runtime.framework };
  return runtime.packageManaged
    ? (Object.keys(USER_AGENTS) as PackageManager[]).map((pm) => ({ ...base, name: `${base.name} (${pm})`, pm }))
    : [{ ...base, pm: 'npm' as PackageManager }];
});

describe('base images', () => {
  it.each(cases)('the $name Dockerfile starts FROM published tags only', ({ runtime, framework, pm }) => {
    const dockerfile = renderApp(spec(runtime, framework), pm, USER_AGENTS[pm]).get('Dockerfile');
    expect(dockerfile, 'an image app has a Dockerfile').toBeDefined();
    const images = baseImages(dockerfile!);
    expect(images.length).toBeGreaterThan(0);
    expect(images.map((ref) => ({ ref, problem: problemWith(ref) }))).toEqual(
      images.map((ref) => ({ ref, problem: undefined })),
    );
  });

  it('every FROM line of every Dockerfile under templates/ names a published tag', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
    const dockerfiles = walk(join(ROOT, 'templates')).filter((f) =>
      /^(Dockerfile|Containerfile)|\.dockerfile(\.ejs)?$/i.test(basename(f)),
    );
    expect(dockerfiles.length).toBeGreaterThanOrEqual(VARIANTS.length);
    const found = dockerfiles.flatMap((file) =>
      baseImages(readFileSync(file, 'utf8')).map((ref) => ({ file: relative(ROOT, file), ref })),
    );
    expect(found.filter(({ ref }) => problemWith(ref) !== undefined)).toEqual([]);
  });

  it('refuses tags that were never published (the check itself can fail)', () => {
    expect(problemWith(`${LIBRARY}node:22.23.4-trixie-slim`)).toMatch(/lists no tag/);
    expect(problemWith(`${LIBRARY}rust:1.99-slim-trixie`)).toMatch(/lists no tag/);
    expect(problemWith(`${LIBRARY}nosuchimage:1`)).toMatch(/no recorded tag list/);
    expect(problemWith('node:22-trixie-slim')).toMatch(/not from/);
    expect(problemWith(`${LIBRARY}node:22.23-trixie-slim`)).toBeUndefined();
  });
});

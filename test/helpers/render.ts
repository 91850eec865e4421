// Renders an app's files in memory from a resolved spec, the way the generator does (file plan + EJS +
// the deploy config), without Yeoman or a disk: fast enough for property tests that try hundreds of specs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import ejs from 'ejs';

import { DEPLOY_CONFIG_FILE, deployConfigOf, renderDeployConfig } from '../../generators/core/deploy-config.js';
import type { PackageManager } from '../../generators/core/package-manager.js';
import { layersOf, planFiles, templateContext } from '../../generators/core/plan.js';
import type { Spec } from '../../generators/core/spec.js';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const listing = new Map<string, string[]>();
const sources = new Map<string, string>();

function layerFiles(layer: string): string[] {
  if (!listing.has(layer)) {
    const root = join(TEMPLATES, layer);
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
    let files: string[] = [];
    try {
      files = walk(root).map((f) => relative(root, f).split('\\').join('/'));
    } catch {
      /* a layer this runtime does not have */
    }
    listing.set(layer, files);
  }
  return listing.get(layer)!;
}

const read = (file: string) => {
  if (!sources.has(file)) sources.set(file, readFileSync(file, 'utf8'));
  return sources.get(file)!;
};

/** Every file of the app (path → text), rendered files and copied ones alike, plus the deploy config. */
export function renderApp(spec: Spec, pm: PackageManager = 'npm', userAgent?: string): Map<string, string> {
  const layers = layersOf(spec);
  const plan = planFiles(spec, Object.fromEntries(layers.map((l) => [l, layerFiles(l)])));
  const context = templateContext(spec, '1.0.0', pm, userAgent);
  const files = new Map<string, string>();
  for (const file of plan) {
    const path = join(TEMPLATES, file.from);
    files.set(file.to, file.render ? ejs.render(read(path), context, { filename: path, cache: true }) : read(path));
  }
  files.set(DEPLOY_CONFIG_FILE, renderDeployConfig(deployConfigOf(spec)));
  return files;
}

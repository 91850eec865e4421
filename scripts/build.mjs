// Production build: one ESM bundle for the CLI plus lazily loaded chunks (the Yeoman stack for
// scaffolding, the AWS SDK for deploy), so the published package needs no runtime dependencies and
// `--help` loads neither. Templates ship as files beside it.
import { renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';

import { build } from 'esbuild';

// Modules the bundled libraries import but that we never call, replaced by stubs that throw if they
// ever are: yeoman-environment's installer of generators from npm (fly-import → arborist, pacote,
// sigstore: most of its weight), the registry client behind addDependencies(), inquirer's editor prompt (every text encoding: iconv-lite, chardet)
// and simple-git behind the generator's `this.git` helpers (our git runs through execa).
const STUBS = {
  'fly-import': ['FlyRepository', 'flyImport'],
  '@inquirer/external-editor': ['editAsync', 'edit'],
  'simple-git': ['simpleGit', 'CheckRepoActions', 'CleanOptions'],
  // behind the generator's addDependencies() (asks the registry for versions; we pin ours in templates)
  'latest-version': ['default'],
  // read-pkg's normaliser (license tables, git host parsing); Yeoman only reads with normalize: false
  'normalize-package-data': ['default'],
};
const stubUnused = {
  name: 'stub-unused',
  setup(b) {
    const filter = new RegExp(
      `^(${Object.keys(STUBS)
        .map((m) => m.replace(/[/.]/g, '\\$&'))
        .join('|')})$`,
    );
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, ({ path }) => ({
      contents:
        `const fail = () => { throw new Error(${JSON.stringify(`create-apprunner-app does not bundle ${path}`)}); };\n` +
        STUBS[path]
          .map((name) =>
            name === 'FlyRepository'
              ? 'export class FlyRepository { install() { fail(); } }'
              : name === 'default'
                ? 'export default function () { fail(); }'
                : /^[A-Z]/.test(name)
                  ? `export const ${name} = {};`
                  : `export const ${name} = function () { fail(); };`,
          )
          .join('\n'),
      loader: 'js',
    }));
  },
};

// yeoman-generator and yeoman-environment read their own package.json next to their source at load
// time; inside the bundle that file is not there, so the fields they read are written in at build time.
const OWN_PACKAGE_READS = [
  {
    file: /yeoman-generator[\\/]dist[\\/]generator\.js$/,
    read: /JSON\.parse\(readFileSync\(pathJoin\(_dirname, '\.\.\/package\.json'\), 'utf8'\)\)/,
    value: (pkg) => JSON.stringify({ name: pkg.name, version: pkg.version }),
  },
  {
    file: /yeoman-environment[\\/]dist[\\/]environment-base\.js$/,
    read: /require\('\.\.\/package\.json'\)\.version/,
    value: (pkg) => JSON.stringify(pkg.version),
  },
  {
    file: /yeoman-environment[\\/]dist[\\/]module-lookup\.js$/,
    read: /JSON\.parse\(readFileSync\(join\(PROJECT_ROOT, 'package\.json'\)\)\.toString\(\)\)\.name/,
    value: (pkg) => JSON.stringify(pkg.name),
  },
];
const inlineOwnPackageJson = {
  name: 'inline-own-package-json',
  setup(b) {
    for (const { file, read, value } of OWN_PACKAGE_READS) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const pkg = JSON.parse(await readFile(join(dirname(args.path), '..', 'package.json'), 'utf8'));
        if (!read.test(source))
          throw new Error(`${args.path} no longer reads its package.json as expected: update scripts/build.mjs`);
        return { contents: source.replace(read, value(pkg)), loader: 'js' };
      });
    }
  },
};

// Exactly 'lodash-es' (not its per-function subpaths) goes to the shim.
const lodashShim = {
  name: 'lodash-shim',
  setup(b) {
    b.onResolve({ filter: /^lodash-es$/ }, () => ({ path: join(import.meta.dirname, 'shims', 'lodash-es.mjs') }));
  },
};

// Built beside dist and swapped in, so a failed build never leaves the bin without its bundle.
// Yeoman's adapter gets a lazy inquirer (see the shim); the shim itself imports the real one.
const lazyInquirer = {
  name: 'lazy-inquirer',
  setup(b) {
    let adapterDir;
    b.onResolve({ filter: /^inquirer$/ }, (args) => {
      if (!args.importer.includes(`@yeoman${sep}adapter`) || args.pluginData?.real) return undefined;
      adapterDir = args.resolveDir; // the real inquirer is the one the adapter itself would get
      return { path: join(import.meta.dirname, 'shims', 'inquirer-lazy.mjs') };
    });
    b.onResolve({ filter: /^inquirer-real$/ }, () =>
      b.resolve('inquirer', { kind: 'dynamic-import', pluginData: { real: true }, resolveDir: adapterDir }),
    );
  },
};

// yeoman-environment's modules do nothing when imported, but its package does not say so; saying it
// lets the bundle drop what EnvironmentBase does not use (the full environment's commands, lookups).
const environmentHasNoSideEffects = {
  name: 'environment-has-no-side-effects',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.inner || !/yeoman-environment/.test(args.importer + args.path)) return undefined;
      const result = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { inner: true },
      });
      if (result.errors.length || !result.path.includes(`yeoman-environment${sep}dist`)) return undefined;
      return { ...result, sideEffects: false };
    });
  },
};

// A client the tool uses a few commands of (aws/ec2-sdk.ts names them) comes from the SDK's ES module
// build, which the bundler can cut down to those commands; the CommonJS build it gets by default is
// kept whole.
const ES_MODULE_CLIENTS = ['@aws-sdk/client-ec2'];
const esModuleClients = {
  name: 'es-module-clients',
  setup(b) {
    const filter = new RegExp(`^(${ES_MODULE_CLIENTS.map((m) => m.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, async (args) => {
      const main = await b.resolve(`${args.path}/package.json`, { kind: args.kind, resolveDir: args.resolveDir });
      if (main.errors.length) return undefined;
      const pkg = JSON.parse(await readFile(main.path, 'utf8'));
      return { path: join(dirname(main.path), pkg.module), sideEffects: false };
    });
  },
};

rmSync('dist.next', { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: 'generators/cli/main.ts' },
  outdir: 'dist.next',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.17',
  minify: !process.env.BUILD_NO_MINIFY,
  legalComments: 'linked',
  metafile: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [environmentHasNoSideEffects, stubUnused, inlineOwnPackageJson, lodashShim, lazyInquirer, esModuleClients],
  logLevel: 'warning',
});
rmSync('dist', { recursive: true, force: true });
renameSync('dist.next', 'dist');
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile));
}

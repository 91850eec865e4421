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
  // the SDK's browser user-agent parser, imported only on the browser path
  bowser: ['default'],
  // yeoman-environment's lookup of installed generators (ours is registered by path) and its choice of
  // package manager for installs (we pass skipInstall and install ourselves)
  globby: ['globbySync'],
  // debug's optional colour check (a require in a try block, so the bundler leaves it to run time, when
  // Node would look for it in every node_modules folder above the install)
  'supports-color': [],
  'which-package-manager': ['whichPackageManager'],
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

// Yeoman's adapter gets a lazy inquirer (see the shim); the shim imports the real one: this project's
// own inquirer, the same API as the 13 the adapter pins, without the rxjs that version runs prompts on.
const lazyInquirer = {
  name: 'lazy-inquirer',
  setup(b) {
    b.onResolve({ filter: /^inquirer$/ }, (args) => {
      if (!args.importer.includes(`@yeoman${sep}adapter`)) return undefined;
      return { path: join(import.meta.dirname, 'shims', 'inquirer-lazy.mjs') };
    });
    b.onResolve({ filter: /^inquirer-real$/ }, () =>
      b.resolve('inquirer', { kind: 'dynamic-import', resolveDir: join(import.meta.dirname, '..') }),
    );
  },
};

// Yeoman imports execa where this tool never calls it (see the shim); our own modules get the real one.
const lazyExeca = {
  name: 'lazy-execa',
  setup(b) {
    b.onResolve({ filter: /^execa$/ }, (args) =>
      /[\\/]node_modules[\\/]yeoman-(environment|generator)[\\/]/.test(args.importer)
        ? { path: join(import.meta.dirname, 'shims', 'execa-lazy.mjs') }
        : undefined,
    );
    b.onResolve({ filter: /^execa-real$/ }, () =>
      b.resolve('execa', { kind: 'dynamic-import', resolveDir: join(import.meta.dirname, '..') }),
    );
  },
};

// ora (Yeoman's progress line) names its spinners from cli-spinners' table of about ninety; it only
// ever uses `dots` (or `line` where the terminal cannot draw them), so only those two are bundled.
const SPINNERS_USED = ['dots', 'line'];
const twoSpinners = {
  name: 'two-spinners',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]cli-spinners[\\/]index\.js$/ }, async (args) => {
      const all = JSON.parse(await readFile(join(dirname(args.path), 'spinners.json'), 'utf8'));
      const used = Object.fromEntries(SPINNERS_USED.map((name) => [name, all[name]]));
      return { contents: `export default ${JSON.stringify(used)};\n`, loader: 'js' };
    });
  },
};

// Modules that yeoman-generator imports, answered by a smaller one with the same exports (see each shim).
const GENERATOR_SHIMS = { semver: 'semver-lte.mjs', 'read-package-up': 'read-package-up.mjs' };
const generatorShims = {
  name: 'generator-shims',
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(GENERATOR_SHIMS).join('|')})$`);
    b.onResolve({ filter }, (args) =>
      /[\\/]node_modules[\\/]yeoman-generator[\\/]/.test(args.importer)
        ? { path: join(import.meta.dirname, 'shims', GENERATOR_SHIMS[args.path]) }
        : undefined,
    );
  },
};

// Packages the Yeoman modules pin at an older major than this project's, where they use only what every
// major since has kept (minimatch: the Minimatch class; ejs: render): they get this project's copy.
const ONE_COPY = ['minimatch', 'ejs'];
const oneCopy = {
  name: 'one-copy',
  setup(b) {
    const filter = new RegExp(`^(${ONE_COPY.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.pluginData?.oneCopy || !/[\\/]node_modules[\\/]/.test(args.importer)
        ? undefined
        : b.resolve(args.path, {
            kind: args.kind,
            resolveDir: join(import.meta.dirname, '..'),
            pluginData: { oneCopy: true },
          }),
    );
  },
};

// fdir (under tinyglobby) looks at load time for an optional picomatch through a require of its own,
// from wherever the bundle is installed: that is a user's node_modules, and whatever is there would be
// loaded. tinyglobby hands fdir its own matcher, so fdir never needs one: the lookup is taken out.
const FDIR_LOOKUP = /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/;
const noFdirLookup = {
  name: 'no-fdir-lookup',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!FDIR_LOOKUP.test(source))
        throw new Error(`${args.path} no longer looks picomatch up as expected: update scripts/build.mjs`);
      return { contents: source.replace(FDIR_LOOKUP, ''), loader: 'js' };
    });
  },
};

// string-width (ora's, for the progress line Yeoman never shows here) builds an Intl.Segmenter and an
// RGI_Emoji regular expression as it loads: about 5 ms of every scaffold, for a function never called.
// Its body runs on the first call instead: the module's imports stay, the rest moves into a function.
const LAZY_BODIES = [{ file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, exported: 'stringWidth' }];
const lazyBodies = {
  name: 'lazy-bodies',
  setup(b) {
    for (const { file, exported } of LAZY_BODIES) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const imports = source.match(/^import .*;$/gm) ?? [];
        const body = source.replace(/^import .*;$/gm, '');
        const head = `export default function ${exported}(`;
        if (!body.includes(head) || /^export /m.test(body.replace(head, '')))
          throw new Error(`${args.path} no longer has one default export ${exported}: update scripts/build.mjs`);
        const contents =
          `${imports.join('\n')}\nlet loaded;\n` +
          `export default function ${exported}(...args) {\n` +
          `  loaded ??= (() => {\n${body.replace(head, `function ${exported}(`)}\nreturn ${exported};\n})();\n` +
          '  return loaded(...args);\n}\n';
        return { contents, loader: 'js' };
      });
    }
  },
};

// npm nests a copy of a package wherever its version cannot be hoisted, so the same version can sit
// in several folders (minimatch 10.2.6 in five). Each copy would be bundled; this sends every import of
// a name@version to the first copy found.
const dedupeCopies = {
  name: 'dedupe-copies',
  setup(b) {
    const first = new Map();
    const rootOf = (path) => /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(path)?.[1];
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.dedupe) return undefined;
      const result = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { ...args.pluginData, dedupe: true },
      });
      if (result.errors.length) return undefined; // esbuild's own resolution reports it
      const root = result.namespace === 'file' ? rootOf(result.path) : undefined;
      if (!root) return result;
      let pkg;
      try {
        pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
      } catch {
        return result;
      }
      const key = `${pkg.name}@${pkg.version}`;
      if (!first.has(key)) first.set(key, root);
      return { ...result, path: first.get(key) + result.path.slice(root.length) };
    });
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

// Every AWS SDK client comes from its ES module build, which the bundler can cut down to the commands
// the tool sends (generators/aws/sdk/ names them); the CommonJS build it gets by default is kept whole.
const esModuleClients = {
  name: 'es-module-clients',
  setup(b) {
    b.onResolve({ filter: /^@aws-sdk\/client-[a-z0-9-]+$/ }, async (args) => {
      const main = await b.resolve(`${args.path}/package.json`, { kind: args.kind, resolveDir: args.resolveDir });
      if (main.errors.length) return undefined;
      const pkg = JSON.parse(await readFile(main.path, 'utf8'));
      return pkg.module ? { path: join(dirname(main.path), pkg.module), sideEffects: false } : undefined;
    });
  },
};

// A client's shape schemas are one module of array literals keyed by short string constants, as in
// `{ [_xN]: _TSa }`. A computed key could run code, so the bundler keeps every schema of the service
// (EC2: 1 MB) although a few are used. Writing the constant's string in its place (`{ "xmlName": _TSa }`)
// is the same object, and lets the unused schemas go.
const SCHEMAS = /[\\/]@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
const literalSchemaKeys = {
  name: 'literal-schema-keys',
  setup(b) {
    b.onLoad({ filter: SCHEMAS }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const strings = new Map();
      for (const [, name, value] of source.matchAll(/^(?:export )?const (_\w+) = ("[^"\\\n]*");$/gm))
        strings.set(name, value);
      const contents = source.replace(/\[(_\w+)\]:/g, (key, name) =>
        strings.has(name) ? `${strings.get(name)}:` : key,
      );
      return { contents, loader: 'js' };
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
  plugins: [
    dedupeCopies,
    environmentHasNoSideEffects,
    stubUnused,
    inlineOwnPackageJson,
    lodashShim,
    lazyInquirer,
    lazyExeca,
    twoSpinners,
    generatorShims,
    oneCopy,
    noFdirLookup,
    lazyBodies,
    esModuleClients,
    literalSchemaKeys,
  ],
  logLevel: 'warning',
});
rmSync('dist', { recursive: true, force: true });
renameSync('dist.next', 'dist');
if (process.env.BUILD_METAFILE)
  (await import('node:fs')).writeFileSync(process.env.BUILD_METAFILE, JSON.stringify(result.metafile));
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile));
}

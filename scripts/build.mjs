// Production build: one ESM bundle for the CLI plus lazily loaded chunks (the Yeoman stack for
// scaffolding, the AWS SDK for deploy), so the published package needs no runtime dependencies and
// `--help` loads neither. Templates ship as files beside it.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// yeoman-environment can install generators from npm (arborist, pacote, sigstore: most of its
// weight). We only ever run our own generator, so those modules are replaced by stubs that say so.
const NEVER_USED = ['fly-import', '@npmcli/arborist', 'pacote', 'latest-version'];
const stubUnused = {
  name: 'stub-unused',
  setup(b) {
    const filter = new RegExp(`^(${NEVER_USED.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'unused' }));
    b.onLoad({ filter: /.*/, namespace: 'unused' }, (args) => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(`create-apprunner-app does not bundle ${args.path}`)}); };
        export class FlyRepository { constructor() {} async install() { fail(); } async require() { fail(); } }
        export const flyImport = fail; export default fail;`,
      loader: 'js',
    }));
  },
};

// yeoman-generator and yeoman-environment read their own package.json next to their source at load
// time; inside the bundle that file is not there, so the fields they read are written in at build time.
const OWN_PACKAGE_READS = [
  { file: /yeoman-generator[\\/]dist[\\/]generator\.js$/, read: /JSON\.parse\(readFileSync\(pathJoin\(_dirname, '\.\.\/package\.json'\), 'utf8'\)\)/, value: (pkg) => JSON.stringify({ name: pkg.name, version: pkg.version }) },
  { file: /yeoman-environment[\\/]dist[\\/]environment-base\.js$/, read: /require\('\.\.\/package\.json'\)\.version/, value: (pkg) => JSON.stringify(pkg.version) },
  { file: /yeoman-environment[\\/]dist[\\/]module-lookup\.js$/, read: /JSON\.parse\(readFileSync\(join\(PROJECT_ROOT, 'package\.json'\)\)\.toString\(\)\)\.name/, value: (pkg) => JSON.stringify(pkg.name) },
];
const inlineOwnPackageJson = {
  name: 'inline-own-package-json',
  setup(b) {
    for (const { file, read, value } of OWN_PACKAGE_READS) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const pkg = JSON.parse(await readFile(join(dirname(args.path), '..', 'package.json'), 'utf8'));
        if (!read.test(source)) throw new Error(`${args.path} no longer reads its package.json as expected: update scripts/build.mjs`);
        return { contents: source.replace(read, value(pkg)), loader: 'js' };
      });
    }
  },
};

rmSync('dist', { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: 'generators/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.17',
  minify: true,
  legalComments: 'linked',
  metafile: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [stubUnused, inlineOwnPackageJson],
  logLevel: 'warning',
});
if (process.argv.includes('--analyze')) {
  const { analyzeMetafile } = await import('esbuild');
  console.log(await analyzeMetafile(result.metafile));
}

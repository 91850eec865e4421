// npm run bench: create-apprunner-app side by side with a pinned create-vite, as a user gets both from
// the registry. Builds and packs this project, installs the tarball and create-vite into temporary
// prefixes, then runs both non-interactively, interleaved, ROUNDS times each (no install, no git),
// and prints medians and ratios for wall time, peak RSS, installed bytes and packages, plus --help.
// Figures also go to bench-results/latest.json so a trend can be kept. Never asserted in a test.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// Both tools run under this Node (BENCH_NODE=/path/to/node to compare majors; default: this one).
const NODE = process.env.BENCH_NODE ?? process.execPath;
const CREATE_VITE = 'create-vite@9.3.0';
const ROOT = resolve(import.meta.dirname, '..');
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('bench needs GNU time for peak RSS: apt-get install time');

const work = mkdtempSync(join(tmpdir(), 'caa-bench-'));
const sh = (cmd, args, opts = {}) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });

console.log(`Packing create-apprunner-app and installing it and ${CREATE_VITE} into ${work} …`);
sh('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT });
const tarball = join(
  work,
  readdirSync(work).find((f) => f.endsWith('.tgz')),
);
const install = (name, spec) => {
  const prefix = join(work, name);
  mkdirSync(prefix);
  sh('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', spec]);
  return prefix;
};
const ours = install('ours', tarball);
const vite = install('vite', CREATE_VITE);

function installedSize(prefix) {
  let bytes = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) bytes += statSync(p).size;
    }
  };
  walk(join(prefix, 'node_modules'));
  const lock = JSON.parse(readFileSync(join(prefix, 'package-lock.json'), 'utf8'));
  const packages = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/')).length;
  return { bytes, packages };
}

const tools = {
  ours: {
    bin: join(ours, 'node_modules', '.bin', 'create-apprunner-app'),
    generate: (dir) => [dir, '--runtime', 'node', '--yes', '--no-install', '--no-git'],
  },
  vite: {
    bin: join(vite, 'node_modules', '.bin', 'create-vite'),
    generate: (dir) => [dir, '--template', 'vanilla', '--no-interactive', '--no-immediate'],
  },
};

/** One timed run under GNU time: wall seconds and peak RSS in KiB. */
function measure(args, cwd) {
  const r = spawnSync(TIME, ['-f', '%e %M', NODE, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  const [wall, rss] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, rss };
}

// GNU time's %e has 10 ms resolution, so wall time is taken around the spawn as well.
function timed(args, cwd) {
  const start = process.hrtime.bigint();
  const { rss } = measure(args, cwd);
  return { wall: Number(process.hrtime.bigint() - start) / 1e9, rss };
}

const samples = { ours: { generate: [], help: [] }, vite: { generate: [], help: [] } };
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so neither always gets the warmer cache.
  const order = round % 2 === 0 ? ['ours', 'vite'] : ['vite', 'ours'];
  for (const name of order) {
    const cwd = mkdtempSync(join(work, `${name}-run-`));
    samples[name].generate.push(timed([tools[name].bin, ...tools[name].generate(`app-${round}`)], cwd));
    samples[name].help.push(timed([tools[name].bin, '--help'], cwd));
    rmSync(cwd, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const figures = {};
for (const name of ['ours', 'vite']) {
  const size = installedSize(name === 'ours' ? ours : vite);
  figures[name] = {
    generateSeconds: median(samples[name].generate.map((s) => s.wall)),
    generatePeakRssKiB: median(samples[name].generate.map((s) => s.rss)),
    helpSeconds: median(samples[name].help.map((s) => s.wall)),
    installedBytes: size.bytes,
    installedPackages: size.packages,
  };
}
const ratio = (key) => figures.ours[key] / figures.vite[key];
const rows = [
  ['generate wall time (s)', 'generateSeconds', 2],
  ['generate peak RSS (KiB)', 'generatePeakRssKiB', 2],
  ['--help wall time (s)', 'helpSeconds', null],
  ['installed size (bytes)', 'installedBytes', 3],
  ['installed packages', 'installedPackages', null],
];
const nodeVersion = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
console.log(
  `\nMedians of ${ROUNDS} interleaved rounds on Node ${nodeVersion} (create-vite pinned at ${CREATE_VITE}):\n`,
);
console.log(`${'measure'.padEnd(26)}${'ours'.padStart(12)}${'create-vite'.padStart(14)}${'ratio'.padStart(9)}  target`);
for (const [label, key, target] of rows) {
  const fmt = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(3));
  const t = key === 'installedPackages' ? '≤ 5 packages' : target ? `≤ ${target}×` : '';
  console.log(
    `${label.padEnd(26)}${fmt(figures.ours[key]).padStart(12)}${fmt(figures.vite[key]).padStart(14)}${ratio(key).toFixed(2).padStart(8)}×  ${t}`,
  );
}
const report = {
  node: nodeVersion,
  rounds: ROUNDS,
  peer: CREATE_VITE,
  figures,
  ratios: Object.fromEntries(rows.map(([, key]) => [key, Number(ratio(key).toFixed(3))])),
};
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
writeFileSync(join(ROOT, 'bench-results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\nWritten to bench-results/latest.json');
rmSync(work, { recursive: true, force: true });

// Which package manager ran us (`npm create`, `pnpm create`, `yarn create`, `bun create`): each sets
// npm_config_user_agent, so the app's dependencies go in with the tool the user chose, and its
// lockfile is the one the App Runner build and the Dockerfile install from.
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManagerInfo {
  id: PackageManager;
  /** The lockfile `install` writes, which the build must follow. */
  lockfile: string;
  /** Installs every dependency (dev ones too) in a working copy. */
  install: string;
  /** Installs production dependencies as the lockfile says: the image and App Runner builds. */
  installProduction: string;
  /** Runs a package.json script (`npm test`, `pnpm run deploy`, `bun run test`). */
  run: (script: string) => string;
}

export const PACKAGE_MANAGERS: Record<PackageManager, PackageManagerInfo> = {
  // https://docs.npmjs.com/cli/commands/npm-install
  npm: {
    id: 'npm',
    lockfile: 'package-lock.json',
    install: 'npm install',
    // `npm install` rather than `npm ci`: it follows package-lock.json when one is committed and still works without one.
    installProduction: 'npm install --omit=dev --no-audit --no-fund',
    run: (s) => (s === 'test' || s === 'start' ? `npm ${s}` : `npm run ${s}`),
  },
  // https://pnpm.io/cli/install
  pnpm: {
    id: 'pnpm',
    lockfile: 'pnpm-lock.yaml',
    install: 'pnpm install',
    installProduction: 'pnpm install --prod --frozen-lockfile',
    run: (s) => (s === 'test' || s === 'start' ? `pnpm ${s}` : `pnpm run ${s}`),
  },
  // Yarn 1 (https://classic.yarnpkg.com/en/docs/cli/install): the `yarn` package on npm.
  yarn: {
    id: 'yarn',
    lockfile: 'yarn.lock',
    install: 'yarn install',
    installProduction: 'yarn install --production --frozen-lockfile --non-interactive',
    run: (s) => `yarn ${s}`,
  },
  // https://bun.sh/docs/cli/install. `bun test` is Bun's own test runner, so scripts go through `bun run`.
  bun: {
    id: 'bun',
    lockfile: 'bun.lock',
    install: 'bun install',
    installProduction: 'bun install --production --frozen-lockfile',
    run: (s) => `bun run ${s}`,
  },
};

/**
 * Yarn 2+ ("Berry") is another tool under the same name: installed from npm as @yarnpkg/cli-dist, with no
 * --production install. `workspaces focus --production` (built into Yarn 4) installs production
 * dependencies only; node-modules linking (not Plug'n'Play) lets a plain `node server.js` find them, and
 * immutable installs fail instead of changing the lockfile. https://yarnpkg.com/cli/workspaces/focus
 */
const YARN_BERRY: Pick<PackageManagerInfo, 'installProduction'> & { package: string } = {
  package: '@yarnpkg/cli-dist',
  installProduction:
    'env YARN_ENABLE_IMMUTABLE_INSTALLS=true YARN_NODE_LINKER=node-modules yarn workspaces focus --all --production',
};

/** How a build installs this manager and the app's production dependencies, for the release that ran us. */
export function buildInstallOf(
  pm: PackageManager,
  version: string | undefined,
): { setup?: string; installProduction: string } {
  const info = PACKAGE_MANAGERS[pm];
  if (pm === 'npm') return { installProduction: info.installProduction };
  const berry = pm === 'yarn' && Number(version?.split('.')[0]) >= 2;
  // npm comes with Node.js; the others are installed from the npm registry first, at the release that
  // made the lockfile (pnpm, Yarn and Bun all publish their CLI there).
  const name = berry ? YARN_BERRY.package : pm;
  return {
    setup: `npm install --global --no-audit --no-fund ${name}@${version ?? 'latest'}`,
    installProduction: berry ? YARN_BERRY.installProduction : info.installProduction,
  };
}

export function packageManagerOf(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

/** The release that ran us (`pnpm/9.15.0 npm/? node/v22…` → `9.15.0`), to install the same one in the build. */
export function packageManagerVersion(userAgent: string | undefined): string | undefined {
  const version = /^[a-z]+\/(\d+\.\d+\.\d+)\b/.exec(userAgent ?? '')?.[1];
  return version;
}

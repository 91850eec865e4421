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
    id: 'npm', lockfile: 'package-lock.json', install: 'npm install',
    // `npm install` rather than `npm ci`: it follows package-lock.json when one is committed and still works without one.
    installProduction: 'npm install --omit=dev --no-audit --no-fund',
    run: (s) => (s === 'test' || s === 'start' ? `npm ${s}` : `npm run ${s}`),
  },
  // https://pnpm.io/cli/install
  pnpm: {
    id: 'pnpm', lockfile: 'pnpm-lock.yaml', install: 'pnpm install',
    installProduction: 'pnpm install --prod --frozen-lockfile',
    run: (s) => (s === 'test' || s === 'start' ? `pnpm ${s}` : `pnpm run ${s}`),
  },
  // Yarn 1 (https://classic.yarnpkg.com/en/docs/cli/install): the `yarn` package on npm.
  yarn: {
    id: 'yarn', lockfile: 'yarn.lock', install: 'yarn install',
    installProduction: 'yarn install --production --frozen-lockfile --non-interactive',
    run: (s) => `yarn ${s}`,
  },
  // https://bun.sh/docs/cli/install. `bun test` is Bun's own test runner, so scripts go through `bun run`.
  bun: {
    id: 'bun', lockfile: 'bun.lock', install: 'bun install',
    installProduction: 'bun install --production --frozen-lockfile',
    run: (s) => `bun run ${s}`,
  },
};

export function packageManagerOf(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

/** The release that ran us (`pnpm/9.15.0 npm/? node/v22…` → `9.15.0`), to install the same one in the build. */
export function packageManagerVersion(userAgent: string | undefined): string | undefined {
  const version = /^[a-z]+\/(\d+\.\d+\.\d+)\b/.exec(userAgent ?? '')?.[1];
  return version;
}

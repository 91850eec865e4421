// Which package manager ran us (`npm create`, `pnpm create`, `yarn create`, `bun create`): each sets
// npm_config_user_agent, so the app's dependencies go in with the tool the user chose.
export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export function packageManagerOf(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/')[0];
  return name === 'pnpm' || name === 'yarn' || name === 'bun' ? name : 'npm';
}

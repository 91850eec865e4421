import { defineConfig } from 'vitest/config';

// The fast tier (`npm run test:unit`, seconds): pure logic and rendered files, no packed CLI, no toolchain.
// Everything else is the end-to-end tier: it runs the packed, installed CLI (global setup) and real
// toolchains. `npm test` runs both.
const UNIT = [
  'test/unit/**/*.test.ts',
  'test/deploy/unit.test.ts',
  'test/base-images.test.ts',
  'test/generator.test.ts',
  'test/templates.test.ts',
];

export default defineConfig({
  test: {
    // End-to-end tests build real apps with real toolchains: generous per-test time, no parallel
    // files fighting over two cores.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    // The SDK's notice that its 2027 releases need Node 22 says nothing about what is tested.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});

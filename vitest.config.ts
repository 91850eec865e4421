import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests build real apps with real toolchains: generous per-test time, no parallel
    // files fighting over two cores.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    globalSetup: ['test/helpers/global-setup.ts'],
    // The SDK's notice that its 2027 releases need Node 22 says nothing about what is tested.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});

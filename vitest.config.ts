import { defineConfig } from 'vitest/config';

/** The value known-answer suites, run once more on the in-memory stores to prove the seam is real. */
const KNOWN_ANSWERS = [
  'test/server/value.test.ts',
  'test/server/value-filter.test.ts',
  'test/server/value-cuts.test.ts',
  'test/server/story.test.ts',
  'test/server/story/end-to-end.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'duckdb',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bench/**', 'test/widget/**/*.browser.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'memory',
          include: KNOWN_ANSWERS,
          env: { VALUEPRINT_TEST_STORAGE: 'memory:' },
        },
      },
    ],
  },
});

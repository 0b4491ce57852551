// Browser suites: test/widget/**/*.browser.test.ts in Debian's Chromium, headless. No tool here may
// download a browser: CHROME_PATH or /usr/bin/chromium is used, and nothing else.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import chromiumFlags from './test/chromium-flags.json' with { type: 'json' };
import { countReporter } from './test/widget/count-reporter.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}: install Debian's chromium package or set CHROME_PATH`,
  );
}

export default {
  files: ['test/widget/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  testsFinishTimeout: 300_000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          ...chromiumFlags,
          // Pages run side by side; a background page must not have its timers and frames throttled.
          '--disable-renderer-backgrounding',
          '--disable-background-timer-throttling',
          '--disable-backgrounding-occluded-windows',
        ],
      },
    }),
  ],
  reporters: [
    defaultReporter(),
    summaryReporter({ flatten: false }),
    countReporter('test-results/browser.json'),
  ],
};

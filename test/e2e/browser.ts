import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium for the end-to-end suites, headless, as root: CHROME_PATH or /usr/bin/chromium,
 * never a downloaded browser; the background-networking flags keep it off this machine's closed
 * network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

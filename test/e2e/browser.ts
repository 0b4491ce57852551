import { type Browser, chromium } from 'playwright-core';
import chromiumFlags from '../chromium-flags.json' with { type: 'json' };

/**
 * Debian's Chromium for the end-to-end suites (CHROME_PATH or /usr/bin/chromium, never a downloaded
 * browser), headless, as root, with the browser suites' flags (test/chromium-flags.json): the
 * background-networking ones keep it off this machine's closed network.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
  });
}

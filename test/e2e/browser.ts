import { type Browser, chromium } from 'playwright-core';
import chromiumFlags from '../chromium-flags.json' with { type: 'json' };

/**
 * Debian's Chromium for the end-to-end suites (CHROME_PATH or /usr/bin/chromium, never a downloaded
 * browser), headless, as root, with the browser suites' flags (test/chromium-flags.json): the
 * background-networking ones keep it off this machine's closed network, and the omnibox popup
 * features off stop Chromium loading its address-bar popup (a WebUI page, ~1 s of CPU) in a
 * renderer of its own for every new window, beside the page being measured.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
  });
}

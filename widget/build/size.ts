/**
 * `npm run size`: the built bundle's gzip size against the budget (the whole dashboard, Lit and the
 * d3 modules included). Exits 1 over budget or when the bundle is missing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * 44 KB: issue 10 added the honest-number words (partial buckets, the promise like for like, the
 * comparison notes, include today) in three languages; still a fraction of any BI embed SDK.
 */
export const BUDGET_BYTES = 44 * 1024;
export const BUNDLE = fileURLToPath(new URL('../../dist/widget/valueprint.js', import.meta.url));

export interface BundleSize {
  raw: number;
  gzip: number;
}

export function bundleSize(file = BUNDLE): BundleSize {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let size: BundleSize;
  try {
    size = bundleSize();
  } catch {
    console.error(`${BUNDLE} is missing: run "npm run build" first`);
    process.exit(1);
  }
  const share = ((size.gzip / BUDGET_BYTES) * 100).toFixed(0);
  console.log(`dist/widget/valueprint.js: ${kb(size.raw)} minified, ${kb(size.gzip)} gzip`);
  console.log(`budget: ${kb(BUDGET_BYTES)} gzip — using ${share}%`);
  console.log(
    'for scale: a popular BI embed SDK ships ~1.43 MB gzip; an in-app guide agent ~64 KB',
  );
  if (size.gzip > BUDGET_BYTES) {
    console.error(`over budget by ${kb(size.gzip - BUDGET_BYTES)}`);
    process.exit(1);
  }
}

/**
 * `npm run size`: the built widget's gzip sizes against their budgets: the main bundle (what a
 * page loads first: Lit, the d3 modules and every piece shown at once) and each piece loaded when
 * it is first shown. Exits 1 over a budget or when the build is missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readWidgetBuild } from './build-manifest.ts';

/** The main bundle: back to 40 KB once troubleshooting moved into a chunk of its own. */
export const BUDGET_BYTES = 40 * 1024;
/** Each lazily loaded piece (the planner is the largest). */
export const CHUNK_BUDGET_BYTES = 15 * 1024;
export const WIDGET_DIR = fileURLToPath(new URL('../../dist/widget/', import.meta.url));

export interface BundleSize {
  raw: number;
  gzip: number;
}

export interface BuildSizes {
  main: BundleSize & { file: string };
  chunks: Array<BundleSize & { file: string }>;
}

export function bundleSize(file: string): BundleSize {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export function buildSizes(dir = WIDGET_DIR): BuildSizes {
  const build = readWidgetBuild(dir);
  const sized = (file: string) => ({ file, ...bundleSize(join(dir, file)) });
  return { main: sized(build.entry), chunks: build.chunks.map(sized) };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let sizes: BuildSizes;
  try {
    sizes = buildSizes();
  } catch {
    console.error(`${WIDGET_DIR} has no build: run "npm run build" first`);
    process.exit(1);
  }
  let over = false;
  const report = (what: string, size: BundleSize & { file: string }, budget: number) => {
    const share = ((size.gzip / budget) * 100).toFixed(0);
    console.log(
      `${what} ${size.file}: ${kb(size.raw)} minified, ${kb(size.gzip)} gzip — ${share}% of ${kb(budget)}`,
    );
    if (size.gzip > budget) {
      console.error(`  over budget by ${kb(size.gzip - budget)}`);
      over = true;
    }
  };
  report('main bundle', sizes.main, BUDGET_BYTES);
  for (const chunk of sizes.chunks) report('loaded when shown', chunk, CHUNK_BUDGET_BYTES);
  console.log(
    'for scale: a popular BI embed SDK ships ~1.43 MB gzip; an in-app guide agent ~64 KB',
  );
  if (over) process.exit(1);
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUDGET_BYTES, bundleSize } from '../../widget/build/size.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TAGS = [
  'vp-dashboard',
  'vp-value-story',
  'vp-trend-chart',
  'vp-drivers',
  'vp-cuts',
  'vp-explain',
];

describe('the widget bundle', () => {
  let outDir: string;
  let code: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'vp-bundle-'));
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    code = readFileSync(join(outDir, 'valueprint.js'), 'utf8');
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is one ES module (plus its source map) that defines every element', () => {
    expect(readdirSync(outDir).sort()).toEqual(['valueprint.js', 'valueprint.js.map']);
    expect(code).not.toMatch(/\bimport\s*[\w{*]|\bimport\(/);
    for (const tag of TAGS) expect(code).toContain(`"${tag}"`);
  });

  it(`stays within ${BUDGET_BYTES / 1024} KB gzip with Lit and d3 inside`, () => {
    const size = bundleSize(join(outDir, 'valueprint.js'));
    expect(size.gzip).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('runs under a strict CSP: no eval, no Function constructor, no inline style attributes', () => {
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
    expect(code).not.toMatch(/\sstyle="/);
  });

  it('ships development-only Lit warnings out', () => {
    expect(code).not.toContain('Lit is in dev mode');
  });
});

describe('custom-elements.json', () => {
  it('is generated from the current sources and documents every element, event and part', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vp-cem-'));
    try {
      execFileSync(
        join(ROOT, 'node_modules/.bin/cem'),
        ['analyze', '--quiet', '--outdir', outdir],
        {
          cwd: ROOT,
        },
      );
      const fresh = readFileSync(join(outdir, 'custom-elements.json'), 'utf8');
      const committed = readFileSync(join(ROOT, 'custom-elements.json'), 'utf8');
      expect(JSON.parse(committed), 'run "npm run build" and commit custom-elements.json').toEqual(
        JSON.parse(fresh),
      );
      const manifest = JSON.parse(fresh) as {
        modules: Array<{
          declarations?: Array<{
            tagName?: string;
            events?: Array<{ name: string }>;
            cssParts?: unknown[];
            cssProperties?: unknown[];
          }>;
        }>;
      };
      const elements = manifest.modules.flatMap((module) =>
        (module.declarations ?? []).filter((declaration) => declaration.tagName),
      );
      expect(elements.map((element) => element.tagName).sort()).toEqual([...TAGS].sort());
      const dashboard = elements.find((element) => element.tagName === 'vp-dashboard');
      expect(dashboard?.events?.map((event) => event.name).sort()).toEqual([
        'vp-assumption-change',
        'vp-cut-change',
        'vp-error',
        'vp-ready',
      ]);
      for (const element of elements) {
        expect(element.cssParts?.length ?? 0, `${element.tagName} parts`).toBeGreaterThan(0);
      }
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTable } from '../../widget/build/api-table.ts';
import { readWidgetBuild } from '../../widget/build/build-manifest.ts';
import { BUDGET_BYTES, buildSizes, CHUNK_BUDGET_BYTES } from '../../widget/build/size.ts';
import { ELEMENT_TAGS } from './elements.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TAGS = ELEMENT_TAGS;

describe('the widget bundle', () => {
  let outDir: string;
  let code: string;
  let chunks: string[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'vp-bundle-'));
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
    const built = readWidgetBuild(outDir);
    code = readFileSync(join(outDir, built.entry), 'utf8');
    chunks = built.chunks.map((file) => readFileSync(join(outDir, file), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is one ES module that defines every element, and pieces it imports when first shown', () => {
    const built = readWidgetBuild(outDir);
    expect(built.entry).toMatch(/^valueprint\.[0-9a-f]{12}\.js$/);
    expect(built.chunks.length).toBeGreaterThan(0);
    for (const chunk of built.chunks) expect(chunk).toMatch(/^[a-z][a-z-]*\.[0-9a-f]{12}\.js$/);
    expect(readdirSync(outDir).sort()).toEqual(
      ['.vite', built.entry, ...built.chunks]
        .flatMap((file) => (file === '.vite' ? [file] : [file, `${file}.map`]))
        .sort(),
    );
    // The entry imports nothing statically: a page fetches one file before the widget runs.
    expect(/(?:^|[;}\n])import[\s{*"'`]/.test(code), 'an import statement').toBe(false);
    for (const tag of TAGS) expect(code.includes(tag), tag).toBe(true);
    // Each chunk imports the entry by its hashed name (one copy of Lit and the widget's core), or
    // nothing at all (the journey recorder stands alone) and then carries no Lit of its own.
    for (const chunk of chunks) {
      if (/(?:^|[;}\n])import[\s{*"'`]/.test(chunk)) {
        expect(chunk).toContain(`from"./${built.entry}"`);
      } else {
        expect(/litHtmlVersions|reactiveElementVersions/.test(chunk), 'a second Lit').toBe(false);
      }
    }
  });

  it(`stays within ${BUDGET_BYTES / 1024} KB gzip with Lit and d3 inside, each piece within ${CHUNK_BUDGET_BYTES / 1024} KB`, () => {
    const sizes = buildSizes(outDir);
    expect(sizes.main.gzip).toBeLessThanOrEqual(BUDGET_BYTES);
    for (const chunk of sizes.chunks) {
      expect(chunk.gzip, chunk.file).toBeLessThanOrEqual(CHUNK_BUDGET_BYTES);
    }
  });

  it('runs under a strict CSP: no eval, no Function constructor, no inline style attributes', () => {
    for (const text of [code, ...chunks]) {
      expect(/\beval\s*\(/.test(text), 'eval').toBe(false);
      expect(/new\s+Function\s*\(/.test(text), 'new Function').toBe(false);
      expect(/\sstyle="/.test(text), 'a style attribute').toBe(false);
    }
  });

  it('ships development-only Lit warnings out', () => {
    expect(code.includes('Lit is in dev mode'), 'Lit in dev mode').toBe(false);
  });
});

describe('custom-elements.json', () => {
  it('is generated from the current sources and documents every element, event and part', async () => {
    // The analyzer's own entry point, told not to write: nothing lands in the tree.
    const { cli } = await import('@custom-elements-manifest/analyzer/cli.js');
    const manifest = (await cli({ argv: ['analyze', '--quiet'], cwd: ROOT, noWrite: true })) as {
      modules: Array<{
        declarations?: Array<{
          tagName?: string;
          events?: Array<{ name: string }>;
          cssParts?: unknown[];
          cssProperties?: unknown[];
        }>;
      }>;
    };
    const committed = readFileSync(join(ROOT, 'custom-elements.json'), 'utf8');
    expect(JSON.parse(committed), 'run "npm run build" and commit custom-elements.json').toEqual(
      JSON.parse(JSON.stringify(manifest)),
    );
    const elements = manifest.modules.flatMap((module) =>
      (module.declarations ?? []).filter((declaration) => declaration.tagName),
    );
    expect(elements.map((element) => element.tagName).sort()).toEqual([...TAGS].sort());
    const dashboard = elements.find((element) => element.tagName === 'vp-dashboard');
    expect(dashboard?.events?.map((event) => event.name).sort()).toEqual([
      'vp-assumption-change',
      'vp-cut-change',
      'vp-error',
      'vp-handoff-request',
      'vp-handoff-sent',
      'vp-offer-action',
      'vp-ready',
      'vp-recovered',
      'vp-scenario-change',
      'vp-scenario-save',
    ]);
    for (const element of elements) {
      expect(element.cssParts?.length ?? 0, `${element.tagName} parts`).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('README', () => {
  it('lists the elements exactly as the manifest documents them', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(
      readme.includes(apiTable(manifest)),
      'paste the output of "npx tsx widget/build/api-table.ts" into README',
    ).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `npm run build` wrote, read from Vite's manifest: the entry (`valueprint.<hash>.js`, what a
 * page loads first) and the chunks it imports later (`<name>.<hash>.js`), file names only.
 */
export interface WidgetBuild {
  entry: string;
  chunks: string[];
}

/** Where Vite writes its manifest, inside the widget folder. */
export const BUILD_MANIFEST = '.vite/manifest.json';

interface ViteChunk {
  file: string;
  isEntry?: boolean;
}

export function parseBuildManifest(text: string): WidgetBuild {
  const chunks = Object.values(JSON.parse(text) as Record<string, ViteChunk>);
  const entry = chunks.find((chunk) => chunk.isEntry)?.file;
  if (!entry) throw new Error(`${BUILD_MANIFEST} names no entry`);
  const others = chunks
    .filter((chunk) => !chunk.isEntry && chunk.file.endsWith('.js'))
    .map((chunk) => chunk.file);
  return { entry, chunks: [...new Set(others)].sort() };
}

export function readWidgetBuild(dir: string): WidgetBuild {
  return parseBuildManifest(readFileSync(join(dir, BUILD_MANIFEST), 'utf8'));
}

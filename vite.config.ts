import { defineConfig } from 'vite';
import { minifyLitTemplates } from './widget/build/minify-templates.ts';
import { treeshake } from './widget/build/side-effects.ts';

/**
 * The widget as ES modules with Lit and the d3 modules inside: a host adds one script tag for
 * `valueprint.js`, which imports `shared.<hash>.js` (what it has in common with the lazy pieces);
 * the pieces shown later (troubleshooting, the planner) are chunks `<name>.<hash>.js` imported when
 * they are first shown. `.vite/manifest.json` lists them for the server (integrity) and the size
 * check. `npm run build` writes dist/widget/; the server serves it at /widget/.
 */
export default defineConfig({
  plugins: [minifyLitTemplates()],
  // Lit's production build whatever NODE_ENV says (vitest sets "test", which would pick dev mode).
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    manifest: true,
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      treeshake,
      // Library builds in ES format are not minified by build.minify; ask the bundler directly.
      output: {
        minify: true,
        entryFileNames: 'valueprint.[hash:12].js',
        // What the entry and a lazy piece both use is one shared file, so it runs once whichever
        // URL (plain or hashed) the host loaded the entry from.
        chunkFileNames: (chunk) =>
          chunk.isDynamicEntry ? '[name].[hash:12].js' : 'shared.[hash:12].js',
        hashCharacters: 'hex',
      },
    },
    lib: {
      entry: 'widget/index.ts',
      formats: ['es'],
    },
  },
});

import { defineConfig } from 'vite';
import { minifyLitTemplates } from './widget/build/minify-templates.ts';

/**
 * The widget as one ES module with Lit and the d3 modules inside: a host adds one script tag.
 * `npm run build` writes dist/widget/valueprint.js; the server serves it at /widget/valueprint.js.
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
    rolldownOptions: {
      // Library builds in ES format are not minified by build.minify; ask the bundler directly.
      output: { minify: true },
    },
    lib: {
      entry: 'widget/index.ts',
      formats: ['es'],
      fileName: () => 'valueprint.js',
    },
  },
});

import { defineConfig } from 'vite';
import { minifyLitTemplates } from './widget/build/minify-templates.ts';
import { treeshake } from './widget/build/side-effects.ts';

/**
 * The rep console's script, apart from the customer's widget: its own entry (widget/rep/index.ts)
 * with its own copy of Lit, so the widget's main bundle and chunks do not change. The console page
 * (`/rep`, server/routes/rep-console.ts) loads the widget's entry for `<vp-dashboard>` and
 * `<vp-scenario-planner>` and this one. `npm run build` writes dist/rep/ after dist/widget/.
 */
export default defineConfig({
  plugins: [minifyLitTemplates()],
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist/rep',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    minify: true,
    manifest: true,
    rolldownOptions: {
      treeshake,
      output: {
        minify: true,
        entryFileNames: 'rep-console.[hash:12].js',
        chunkFileNames: 'rep-[name].[hash:12].js',
        hashCharacters: 'hex',
      },
    },
    lib: {
      entry: 'widget/rep/index.ts',
      formats: ['es'],
    },
  },
});

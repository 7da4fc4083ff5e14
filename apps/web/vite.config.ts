import react from '@vitejs/plugin-react';
import { defineConfig, type PluginOption } from 'vite';

// The server (apps/server) serves dist/ at `/` and the API at `/api`; in development Vite
// serves the app and forwards `/api` to a server started with `npm run dev`.
export default defineConfig({
  // The plugin's types come from the root's newer Vite (hoisted); at run time it supports this
  // app's Vite 7, so only the type is adapted.
  plugins: [react() as unknown as PluginOption],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      // yaml (behind the SOP upload's validation in @sidakin/core) does not declare that it has
      // no side effects, so Rollup kept half of it in the first chunk because the core barrel
      // reaches it; it has none, so only what is used is kept, beside the SOP pages.
      treeshake: { moduleSideEffects: (id) => !id.includes('/node_modules/yaml/') },
      output: {
        // Libraries change less often than the app; separate files cache better. Only libraries
        // every page needs get a chunk of their own: the rest (yaml for SOP uploads, for instance)
        // is left to Rollup, which puts it beside the lazily loaded pages that use it.
        manualChunks(id) {
          const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1];
          if (!pkg) return undefined;
          if (/^(react|react-dom|scheduler|react-router|react-router-dom)$/.test(pkg)) return 'react';
          // Charts (and recharts under them) only the dashboard pages use: left beside them.
          if (pkg === '@mantine/charts') return undefined;
          if (pkg.startsWith('@mantine/')) return 'mantine';
          if (pkg.startsWith('@tabler/')) return 'icons';
          if (pkg.startsWith('@tanstack/')) return 'tanstack';
          if (pkg === 'i18next' || pkg === 'react-i18next') return 'i18n';
          if (pkg === 'zod') return 'zod';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});

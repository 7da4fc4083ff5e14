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
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Libraries change less often than the app; separate files cache better.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (id.includes('@mantine')) return 'mantine';
          if (id.includes('@tabler')) return 'icons';
          if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler)\//.test(id)) return 'react';
          return 'vendor';
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

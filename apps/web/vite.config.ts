import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server (apps/server) serves dist/ at `/` and the API at `/api`; in development Vite
// serves the app and forwards `/api` to a server started with `npm run dev`.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
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

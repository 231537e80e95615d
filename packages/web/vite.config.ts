import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the Bosun server at /console/; `npm run build:web` writes dist/.
export default defineConfig({
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `npm run dev -w @bosun/web` against a local `bosun up`.
    proxy: { '/console/api': 'http://127.0.0.1:7070', '^/$': 'http://127.0.0.1:7070', '/v1': { target: 'ws://127.0.0.1:7070', ws: true }, '/blobs': 'http://127.0.0.1:7070' },
  },
});

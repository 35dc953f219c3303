import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import path from 'node:path';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': path.resolve(import.meta.dirname, 'src') } },
  // One bundle for a small internal app: React + Mantine + TanStack Query weigh ~230 kB gzipped.
  build: { chunkSizeWarningLimit: 1000 },
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080', '/q': 'http://localhost:8080' } },
  test: { environment: 'jsdom', testTimeout: 30_000, setupFiles: ['./src/testing/setup.ts'], include: ['src/**/*.test.{ts,tsx}'] },
});

import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const sharedTypes = fileURLToPath(new URL('../shared-types/src/index.ts', import.meta.url))

/** The console is served by the API server under /admin; `npm run dev -w admin` proxies the API to PORT (3000). */
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: { alias: { '@huiyuan/shared-types': sharedTypes } },
  build: { outDir: 'dist', manifest: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.API_PORT ?? '3000'}` },
  },
})

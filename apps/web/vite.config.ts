/**
 * The web app's build. No React plugin: JSX is compiled by Vite's own
 * transformer (oxc, automatic runtime), which keeps babel (jest's) out of the
 * build. The target is the oldest Chromium the supported browsers embed
 * (360 Secure Browser 13/14, the Kylin and UOS defaults: Chromium 86–108), so
 * the bundle runs there; see README "Supported browsers".
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: ['chrome86', 'edge88', 'firefox78', 'safari14'],
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd marks its modules "use client" (for React Server Components); meaningless in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // npm run dev:web: the app with hot reload on Vite's port; everything outside /app goes to the api (npm start, or HUIJIA_API).
  server: { proxy: { '^/(?!app/).*': process.env.HUIJIA_API ?? 'http://127.0.0.1:3000' } },
});

import react from '@vitejs/plugin-react';
import { loadEnv, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const DEFAULT_BFF_URL = 'http://localhost:4000';

/**
 * The built page may only talk to its own origin and the BFF: a Content-Security-Policy in index.html says
 * so to the browser, as a second line behind the code itself. Build only, since the dev server's hot
 * reload needs its own websocket and inline scripts.
 */
function contentSecurityPolicy(bffUrl: string): Plugin {
  const bffOrigin = new URL(bffUrl).origin;
  const policy = [
    "default-src 'self'",
    `connect-src 'self' ${bffOrigin}`,
    "img-src 'self' data:",
    "style-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig(({ mode }) => {
  const bffUrl = loadEnv(mode, process.cwd(), 'VITE_').VITE_BFF_URL || DEFAULT_BFF_URL;
  return {
    plugins: [react(), contentSecurityPolicy(bffUrl)],
    // The BFF's default CORS_ORIGINS allow http://localhost:5173 (dev) and http://localhost:3000 (preview).
    server: { port: 5173, strictPort: true },
    preview: { port: 3000, strictPort: true },
    build: { sourcemap: false },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
      setupFiles: ['src/test/setup.ts'],
      restoreMocks: true,
    },
  };
});

/** The typed client, generated from the api's OpenAPI document during `npm run build:web`; never edited. */
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: './dist/openapi.json',
  output: { path: 'apps/web/src/generated', clean: true },
  plugins: ['@hey-api/client-fetch', '@hey-api/sdk', '@hey-api/typescript'],
});

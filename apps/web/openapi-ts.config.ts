/** The typed client, generated from the api's OpenAPI document during `npm run build:web`; never edited. */
import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: './dist/openapi.json',
  output: { path: 'apps/web/src/generated', clean: true },
  // Named enums (Role, OrganisationKind) as JavaScript objects too: the web lists their values from the API, not from a copy.
  plugins: ['@hey-api/client-fetch', '@hey-api/sdk', { name: '@hey-api/typescript', enums: 'javascript' }],
});

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './shared/api/client';
import { refreshSession } from './shared/auth/session';
import { initI18n } from './shared/i18n';
import { Providers } from './app/providers';
import './app/global.css';

// Continue the login from the refresh cookie while the rest boots (i18n, the router, the route's chunks): GET /me and the route's data wait on it.
if (!window.location.pathname.startsWith('/app/login')) void refreshSession();

// No top-level await: the build targets Chromium 87.
void initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers />
    </StrictMode>,
  ),
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './shared/api/client';
import { initI18n } from './shared/i18n';
import { Providers } from './app/providers';
import './app/global.css';

// No top-level await: the build targets Chromium 87.
void initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers />
    </StrictMode>,
  ),
);

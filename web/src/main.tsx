import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.css';
import './styles/app.css';
import { App } from './app/App.js';

// Strict CSP (script-src 'self'): stop zod probing `new Function` for its JIT.
z.config({ jitless: true });

// nhsuk-frontend's CSS keys conditional reveals etc. on this class (no inline script to set it).
document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createWorkstationClient, takeSessionToken, wantsFakeApi, type WorkstationClient } from './api-client.js';
import { AppProvider } from './state/app-context.js';
import './styles.css';

async function client(): Promise<WorkstationClient> {
  if (wantsFakeApi()) {
    takeSessionToken();
    const { createFakeClient } = await import('./dev/fake-api.js');
    return createFakeClient();
  }
  return createWorkstationClient();
}

const root = createRoot(document.getElementById('root')!);
client().then(
  (api) => {
    if (!window.location.hash || window.location.hash === '#') window.history.replaceState(null, '', '#/cases');
    root.render(
      <StrictMode>
        <AppProvider api={api}>
          <App />
        </AppProvider>
      </StrictMode>,
    );
  },
  (err: unknown) => {
    root.render(<p role="alert">RareDiag could not start: {err instanceof Error ? err.message : String(err)}</p>);
  },
);

import { ErrorBoundary, PageHeading, Toasts } from './components/common.js';
import { CaseListPage } from './pages/CaseListPage.js';
import { CasePage } from './pages/CasePage.js';
import { ReportPage } from './pages/ReportPage.js';
import { ResultsPage } from './pages/ResultsPage.js';
import { SettingsPage } from './pages/SettingsPage.js';
import { parseRoute, useHash, type Route } from './router.js';
import { useApi, useConnectionState } from './state/app-context.js';

export function App() {
  const hash = useHash();
  const route = parseRoute(hash);
  const api = useApi();
  const connection = useConnectionState();
  const section = route.name === 'settings' ? 'settings' : 'cases';
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href="#/cases">
          RareDiag
        </a>
        <nav aria-label="Main">
          <a href="#/cases" aria-current={section === 'cases' ? 'page' : undefined}>
            Cases
          </a>
          <a href="#/settings" aria-current={section === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
        <span className="grow" />
        {api.transport === 'fake' && <span className="tag tag-demo">Demo data: fake API</span>}
        <span className={`conn conn-${connection}`} title="live job updates">
          <span aria-hidden="true">●</span> {connection === 'open' ? 'offline workstation' : connection === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={hash}>
          <Page route={route} />
        </ErrorBoundary>
      </main>
      <Toasts />
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'cases':
      return <CaseListPage />;
    case 'case':
      return <CasePage key={route.caseId} caseId={route.caseId} />;
    case 'results':
      return <ResultsPage key={`${route.caseId}/${route.runId}`} caseId={route.caseId} runId={route.runId} />;
    case 'report':
      return <ReportPage key={`${route.caseId}/${route.runId}`} caseId={route.caseId} runId={route.runId} />;
    case 'settings':
      return <SettingsPage />;
    case 'not-found':
      return (
        <div className="page">
          <PageHeading>Page not found</PageHeading>
          <p>
            Nothing at “{route.path}”. <a href="#/cases">Go to the cases</a>.
          </p>
        </div>
      );
  }
}

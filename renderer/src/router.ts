import { useSyncExternalStore } from 'react';

/** The pages, addressed by the URL fragment (`#/cases/<id>/runs/<runId>`), so the server only serves index.html. */
export type Route =
  | { name: 'cases' }
  | { name: 'case'; caseId: string }
  | { name: 'results'; caseId: string; runId: string }
  | { name: 'report'; caseId: string; runId: string }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const parts = path.split('/').filter(Boolean).map((p) => safeDecode(p));
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'cases')) return { name: 'cases' };
  if (parts.length === 1 && parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'cases' && parts[1]) {
    if (parts.length === 2) return { name: 'case', caseId: parts[1] };
    if (parts[2] === 'runs' && parts[3] && parts.length === 4) return { name: 'results', caseId: parts[1], runId: parts[3] };
    if (parts[2] === 'runs' && parts[3] && parts[4] === 'report' && parts.length === 5) return { name: 'report', caseId: parts[1], runId: parts[3] };
  }
  return { name: 'not-found', path };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const enc = encodeURIComponent;

export function href(route: Route): string {
  switch (route.name) {
    case 'cases':
      return '#/cases';
    case 'settings':
      return '#/settings';
    case 'case':
      return `#/cases/${enc(route.caseId)}`;
    case 'results':
      return `#/cases/${enc(route.caseId)}/runs/${enc(route.runId)}`;
    case 'report':
      return `#/cases/${enc(route.caseId)}/runs/${enc(route.runId)}/report`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function navigate(route: Route): void {
  const target = href(route);
  if (window.location.hash !== target) window.location.hash = target;
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** The current fragment; a Route object is derived by the caller (parseRoute is cheap). */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

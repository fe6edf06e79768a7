import { Component, useEffect, useRef, type ErrorInfo, type ReactNode } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import { useApp } from '../state/app-context.js';

/** The page title; focused when the page opens so screen readers announce the new page. */
export function PageHeading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

const kindText: Record<ApiCallError['kind'], string> = {
  'bad-request': 'Request refused',
  'not-found': 'Not found',
  'bad-input': 'Problem with the input',
  failure: 'Failure',
};

/** An API error shown where it happened. The element is always rendered so the layout does not jump. */
export function ErrorText({ error, id }: { error: ApiCallError | string | undefined; id?: string }) {
  const text = !error ? '' : typeof error === 'string' ? error : `${kindText[error.kind] ?? 'Error'}: ${error.message}`;
  return (
    <p className="error-text" role="alert" id={id} data-empty={text ? undefined : ''}>
      {text}
    </p>
  );
}

/** A labelled progress bar with the current step; keeps its height whether running or not. */
export function Progress({ label, fraction, step, active }: { label: string; fraction: number; step: string; active: boolean }) {
  const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
  return (
    <div className="progress" data-active={active ? '' : undefined}>
      <div className="progress-head">
        <span>{label}</span>
        <span aria-hidden="true">{active || pct > 0 ? `${pct} %` : ''}</span>
      </div>
      <progress max={100} value={pct} aria-label={label} aria-valuetext={`${pct} %: ${step}`} />
      <div className="progress-step" aria-live="polite">
        {step}
      </div>
    </div>
  );
}

export function Toasts() {
  const { notices, dismiss } = useApp();
  return (
    <div className="toasts" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`toast toast-${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="icon-button" onClick={() => dismiss(n.id)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** Keeps a rendering bug in one page from blanking the whole workstation. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('rarediag: page failed to render', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey: string }): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="panel" role="alert">
          <h1 className="page-title">Something went wrong on this page</h1>
          <p>{this.state.error.message}</p>
          <p>
            <a href="#/cases">Back to the cases</a>
          </p>
        </section>
      );
    }
    return this.props.children;
  }
}

/** Status chip with a colour and its name in words. */
export function StatusTag({ status, children }: { status: string; children: ReactNode }) {
  return <span className={`tag tag-${status}`}>{children}</span>;
}

/** The options of a select from a value → label map (the form's vocabularies: sex, relation, class, certainty ...). */
export function LabelOptions({ labels }: { labels: Readonly<Record<string, string>> }) {
  return (
    <>
      {Object.entries(labels).map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </>
  );
}

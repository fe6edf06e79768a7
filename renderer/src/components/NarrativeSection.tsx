import { useRef, useState, type KeyboardEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { FindingView } from '../../../diagnosis/contract/api-schemas.js';
import { findingStatusLabels } from '../format.js';
import { ErrorText } from './common.js';
import { HighlightedNarrative } from './HighlightedNarrative.js';

export interface Proposal extends FindingView {
  key: string;
}

/**
 * The narrative editor and the review of what extraction found in it: the text with every finding marked, and one row
 * per finding to accept, reject or flip (present ⇄ excluded, which also accepts it). Keys on a focused row: A accept,
 * R reject, F flip, U undo (rejecting and flipping can be undone, also with Ctrl+Z).
 */
export function NarrativeSection(props: {
  narrative: string;
  onNarrative(text: string): void;
  onExtract(): void;
  extracting: boolean;
  error: ApiCallError | undefined;
  proposals: Proposal[];
  extractedFrom: string | undefined;
  isAccepted(p: Proposal): boolean;
  rejected: ReadonlySet<string>;
  onAccept(p: Proposal): void;
  onReject(p: Proposal): void;
  onFlip(p: Proposal): void;
  onAcceptAll(): void;
  /** what the last undoable change was ("rejected Seizure"), when there is one */
  undoLabel: string | undefined;
  onUndo(): void;
}) {
  const { proposals, rejected, isAccepted } = props;
  const [activeKey, setActiveKey] = useState<string>();
  const listRef = useRef<HTMLOListElement>(null);
  const visible = proposals.filter((p) => !rejected.has(p.key));
  const pending = visible.filter((p) => !isAccepted(p));
  const stale = props.extractedFrom !== undefined && props.extractedFrom !== props.narrative;

  const focusRow = (key: string) => {
    setActiveKey(key);
    const row = listRef.current?.querySelector<HTMLElement>(`[data-proposal="${CSS.escape(key)}"]`);
    row?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  };

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, p: Proposal) => {
    if (e.target !== e.currentTarget || e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key.toLowerCase();
    if (k === 'a') props.onAccept(p);
    else if (k === 'r') props.onReject(p);
    else if (k === 'f') props.onFlip(p);
    else if (k === 'u' && props.undoLabel) props.onUndo();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const rows = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-proposal]') ?? [])];
      const i = rows.indexOf(e.currentTarget);
      rows[e.key === 'ArrowDown' ? Math.min(i + 1, rows.length - 1) : Math.max(i - 1, 0)]?.focus();
    } else return;
    e.preventDefault();
  };

  return (
    <section className="panel" aria-labelledby="narrative-title">
      <div className="panel-head">
        <h2 id="narrative-title">Clinical narrative</h2>
        <button type="button" onClick={props.onExtract} disabled={props.extracting || !props.narrative.trim()} aria-keyshortcuts="Control+Enter">
          {props.extracting ? 'Extracting…' : 'Extract findings'}
        </button>
      </div>
      <label className="field">
        <span className="visually-hidden">Clinical narrative</span>
        <textarea
          className="narrative-input"
          value={props.narrative}
          onChange={(e) => props.onNarrative(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              props.onExtract();
            }
          }}
          rows={7}
          placeholder="Paste or type the referral letter, clinic note or history. Ctrl+Enter extracts the findings."
          spellCheck
          name="narrative"
        />
      </label>
      <ErrorText error={props.error} />
      {props.extractedFrom !== undefined && (
        <div className="extraction">
          <div className="extraction-head">
            <h3 className="subhead">Findings in the text</h3>
            <ul className="legend" aria-label="Colour legend">
              {(['present', 'excluded', 'uncertain', 'family'] as const).map((s) => (
                <li key={s}>
                  <span className={`swatch hl-${s}`} aria-hidden="true" /> {findingStatusLabels[s]}
                </li>
              ))}
              <li>
                <span className="swatch swatch-pending" aria-hidden="true" /> to review
              </li>
            </ul>
          </div>
          {stale && <p className="notice small">The narrative changed since the extraction; the marks refer to the earlier text. Extract again to update them.</p>}
          <HighlightedNarrative
            text={props.extractedFrom}
            spans={visible.filter((p) => p.start !== undefined && p.end !== undefined).map((p) => ({ key: p.key, start: p.start!, end: p.end!, status: p.status, accepted: isAccepted(p), label: p.label }))}
            activeKey={activeKey}
            onSelect={focusRow}
          />
          <div className="review-head">
            <span className="muted small" aria-live="polite">
              {visible.length === 0 ? 'Nothing was found in the text.' : `${visible.length} finding${visible.length === 1 ? '' : 's'}, ${pending.length} to review`}
            </span>
            <span className="grow" />
            {props.undoLabel && (
              <button type="button" onClick={props.onUndo} aria-keyshortcuts="Control+Z U" title="Ctrl+Z, or U on a row">
                Undo: {props.undoLabel}
              </button>
            )}
            <button type="button" onClick={props.onAcceptAll} disabled={pending.length === 0}>
              Accept all
            </button>
          </div>
          <ol className="review-list" ref={listRef} aria-label="Extracted findings to review">
            {visible.map((p) => {
              const accepted = isAccepted(p);
              return (
                <li
                  key={p.key}
                  data-proposal={p.key}
                  tabIndex={0}
                  className={`review-row${accepted ? ' accepted' : ''}${activeKey === p.key ? ' active' : ''}`}
                  onFocus={() => setActiveKey(p.key)}
                  onKeyDown={(e) => onRowKey(e, p)}
                  aria-label={`${p.label}, ${findingStatusLabels[p.status]}, ${accepted ? 'accepted' : 'to review'}`}
                >
                  <span className={`tag tag-${p.status}`}>{findingStatusLabels[p.status]}</span>
                  <span className="review-term">
                    <span className="review-line">
                      <span className={accepted ? 'review-check on' : 'review-check'} aria-hidden="true">
                        {accepted ? '✓' : '○'}
                      </span>
                      <b>{p.label}</b> <span className="muted mono small">{p.hpoId}</span>
                    </span>
                    <span className="review-line small">
                      {p.text && <span className="review-quote">“{p.text}” · </span>}
                      <span className="review-state">{accepted ? 'accepted' : 'to review'}</span>
                      {p.confidence !== undefined && <span className="muted"> · {Math.round(p.confidence * 100)} %</span>}
                    </span>
                  </span>
                  <span className="review-actions">
                    <button type="button" className="small-btn" onClick={() => props.onAccept(p)} disabled={accepted} aria-label={`Accept ${p.label}`}>
                      Accept
                    </button>
                    <button type="button" className="small-btn" onClick={() => props.onReject(p)} aria-label={`Reject ${p.label}`}>
                      Reject
                    </button>
                    <button type="button" className="small-btn" onClick={() => props.onFlip(p)} aria-label={p.status === 'excluded' ? `Flip ${p.label} to present` : `Flip ${p.label} to excluded`}>
                      {p.status === 'excluded' ? 'Flip to present' : 'Flip to excluded'}
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          <p className="muted small">On a focused row: A accept, R reject, F flip, U undo, ↑↓ move.</p>
        </div>
      )}
    </section>
  );
}

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { TermHit } from '../../../diagnosis/contract/api-schemas.js';
import { toApiError } from '../api-client.js';
import { useDebouncedValue } from '../hooks.js';
import { useApi } from '../state/app-context.js';

export type AddStatus = 'present' | 'excluded';

/**
 * HPO term autocomplete (ARIA combobox): type a label, synonym or HP id; each option shows the label, the synonym
 * that matched and where the term sits in the hierarchy. Enter adds the highlighted term with the chosen status,
 * Shift+Enter adds it as excluded, Escape closes the list.
 */
export function TermPicker({ onPick, existing }: { onPick(hit: TermHit, status: AddStatus): void; existing: Map<string, string> }) {
  const api = useApi();
  const id = useId();
  const listId = `${id}-list`;
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<TermHit[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<AddStatus>('present');
  const [error, setError] = useState<ApiCallError>();
  const [searching, setSearching] = useState(false);
  /** Enter pressed before the list was there: add the best match when it arrives (never a silent no-op) */
  const [pendingEnter, setPendingEnter] = useState<AddStatus>();
  /** the query the current hits answer */
  const [hitsFor, setHitsFor] = useState('');
  const [feedback, setFeedback] = useState<string>();
  const seq = useRef(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const debounced = useDebouncedValue(query.trim(), 150);

  useEffect(() => {
    const q = debounced;
    const n = ++seq.current;
    if (q.length < 2) {
      setHits([]);
      setHitsFor(q);
      setSearching(false);
      return;
    }
    setSearching(true);
    api.call('terms.search', { query: q.slice(0, 200), limit: 12 }).then(
      (result) => {
        if (n !== seq.current) return;
        setHits(result);
        setHitsFor(q);
        setActive(0);
        setError(undefined);
        setSearching(false);
      },
      (err: unknown) => {
        if (n !== seq.current) return;
        setHits([]);
        setHitsFor(q);
        setError(toApiError(err, 'terms.search'));
        setSearching(false);
      },
    );
  }, [api, debounced]);

  const pick = (hit: TermHit | undefined, as: AddStatus) => {
    if (!hit) return;
    onPick(hit, as);
    setFeedback(`Added ${hit.label} as ${as}.`);
    setQuery('');
    setHits([]);
    setOpen(false);
    setPendingEnter(undefined);
    inputRef.current?.focus();
  };

  // an Enter that waited for the search: the best match when there is one, else say that nothing was added
  useEffect(() => {
    if (!pendingEnter || searching || query.trim() !== debounced || hitsFor !== debounced) return;
    if (hits[0]) pick(hits[0], pendingEnter);
    else {
      setFeedback(debounced.length < 2 ? 'Type at least 2 letters of a term or an HP id: nothing was added.' : `No HPO term matches “${debounced}”: nothing was added.`);
      setPendingEnter(undefined);
    }
  }, [pendingEnter, searching, hits, hitsFor, debounced, query]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(hits.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const as = e.shiftKey ? 'excluded' : status;
      if (query.trim() === debounced && hitsFor === debounced && !searching && hits.length > 0) pick(hits[open ? active : 0] ?? hits[0], as);
      else if (query.trim().length < 2) setFeedback('Type at least 2 letters of a term or an HP id: nothing was added.');
      else {
        // the list for what was typed is not there yet: add its best match as soon as it is
        setPendingEnter(as);
        setFeedback(`Searching “${query.trim()}”…`);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else setQuery('');
    }
  };

  const showList = open && debounced.length >= 2 && (hits.length > 0 || !searching);
  const activeHit = showList ? hits[active] : undefined;

  useEffect(() => {
    if (activeHit) document.getElementById(`${id}-opt-${activeHit.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [activeHit, id]);

  return (
    <div className="term-picker">
      <div className="row picker-row">
        <label className="field grow" htmlFor={`${id}-input`}>
          <span>Add an HPO term</span>
        </label>
        <fieldset className="segmented" aria-label="Add as">
          {(['present', 'excluded'] as const).map((s) => (
            <label key={s} className={status === s ? 'on' : undefined}>
              <input type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} />
              {s === 'present' ? 'Present' : 'Excluded'}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="combo">
        <input
          ref={inputRef}
          id={`${id}-input`}
          role="combobox"
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeHit ? `${id}-opt-${activeHit.id}` : undefined}
          aria-describedby={`${id}-hint`}
          placeholder="e.g. short stature, HP:0004322"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setOpen(true);
            setPendingEnter(undefined);
            setFeedback(undefined);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        {showList && (
          <ul className="listbox" role="listbox" id={listId} aria-label="Matching HPO terms">
            {hits.map((h, i) => {
              const already = existing.get(h.id);
              return (
                <li
                  key={h.id}
                  id={`${id}-opt-${h.id}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseMove={() => i !== active && setActive(i)}
                  onClick={(e) => pick(h, e.shiftKey ? 'excluded' : status)}
                >
                  <div className="opt-main">
                    <span className="opt-label">{h.label}</span>
                    <span className="opt-id">{h.id}</span>
                    {already && <span className="tag tag-muted">already {already}</span>}
                  </div>
                  {h.matched && <div className="opt-matched">matched “{h.matched}”</div>}
                  <div className="opt-path" title={h.path.map((p) => p.label).join(' › ')}>
                    {h.path.length > 3 && '… › '}
                    {h.path
                      .slice(-3)
                      .map((p) => p.label)
                      .join(' › ')}
                  </div>
                </li>
              );
            })}
            {hits.length === 0 && !searching && !error && (
              <li role="option" aria-selected={false} aria-disabled="true" className="empty">
                No HPO term matches “{debounced}”.
              </li>
            )}
          </ul>
        )}
      </div>
      <p id={`${id}-hint`} className="muted hint">
        {searching ? 'Searching…' : '↑↓ to choose, Enter adds with the chosen status, Shift+Enter adds as excluded.'}
      </p>
      <p className="picker-feedback small" role="status" aria-live="polite">
        {feedback}
      </p>
      {error && <p className="error-text" role="alert">{`Term search failed: ${error.message}`}</p>}
    </div>
  );
}

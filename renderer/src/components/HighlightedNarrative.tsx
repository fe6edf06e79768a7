import { Fragment, type ReactNode } from 'react';
import type { FindingView } from '../../../diagnosis/contract/api-schemas.js';
import { findingStatusLabels } from '../format.js';

export interface Span {
  key: string;
  start: number;
  end: number;
  status: FindingView['status'];
  accepted: boolean;
  label: string;
}

/**
 * The narrative with each extracted finding marked where it was found. Spans may overlap ("long, thin fingers" and
 * "thin fingers"): the text is cut at every span boundary and each piece takes the colour of the most specific
 * (shortest) span covering it. After each span a small tag names its status in words, so colour is never the only cue.
 */
export function HighlightedNarrative({ text, spans, activeKey, onSelect }: { text: string; spans: Span[]; activeKey?: string; onSelect(key: string): void }) {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const covering = valid.filter((s) => s.start <= from && s.end >= to).sort((a, b) => a.end - a.start - (b.end - b.start));
    const piece = text.slice(from, to);
    const top = covering[0];
    if (!top) out.push(<Fragment key={`t${from}`}>{piece}</Fragment>);
    else {
      const active = covering.some((s) => s.key === activeKey);
      out.push(
        <mark
          key={`m${from}`}
          className={`hl hl-${top.status}${top.accepted ? ' hl-accepted' : ' hl-pending'}${active ? ' hl-active' : ''}`}
          onClick={() => onSelect(top.key)}
          title={covering.map((s) => `${s.label}: ${findingStatusLabels[s.status]}${s.accepted ? '' : ' (to review)'}`).join('\n')}
          data-span-key={top.key}
        >
          {piece}
        </mark>,
      );
    }
    for (const s of valid.filter((x) => x.end === to).sort((a, b) => b.start - a.start)) {
      out.push(
        <button type="button" key={`tag${s.key}`} className={`hl-tag hl-tag-${s.status}`} onClick={() => onSelect(s.key)} tabIndex={-1} aria-label={`${s.label}: ${findingStatusLabels[s.status]}`}>
          {findingStatusLabels[s.status]}
        </button>,
      );
    }
  }
  return <div className="narrative-view">{out}</div>;
}

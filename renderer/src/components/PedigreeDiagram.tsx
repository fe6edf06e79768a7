import type { MemberDraft } from '../family/family-draft.js';

/**
 * The nuclear family drawn with the standard pedigree symbols (Bennett et al., NSGC 2008): square male, circle female,
 * diamond sex unknown; filled affected, "?" status unknown; an arrow at the proband; a double line between related
 * parents. Parents, the proband with their siblings, and the proband's children are drawn; other relatives are named
 * under it (the table above holds them all).
 */
const R = 13;

function Symbol({ m, x, y, proband }: { m: MemberDraft; x: number; y: number; proband?: boolean }) {
  const fill = m.affected === 'affected' ? '#2b3440' : '#fff';
  const common = { fill, stroke: '#2b3440', strokeWidth: 1.5 };
  const shape =
    m.sex === 'MALE' ? <rect x={x - R} y={y - R} width={2 * R} height={2 * R} {...common} /> : m.sex === 'FEMALE' ? <circle cx={x} cy={y} r={R} {...common} /> : <rect x={x - R} y={y - R} width={2 * R} height={2 * R} transform={`rotate(45 ${x} ${y})`} {...common} />;
  return (
    <g data-member={m.id}>
      <title>{`${m.id}: ${m.relation}, ${m.sex.toLowerCase().replace('_sex', '')}, ${m.affected}`}</title>
      {shape}
      {m.affected === 'unknown' && (
        <text x={x} y={y + 4} textAnchor="middle" fontSize="12">
          ?
        </text>
      )}
      {proband && <path d={`M ${x - R - 16} ${y + R + 12} L ${x - R - 2} ${y + R - 2} M ${x - R - 2} ${y + R - 2} l -7 1 M ${x - R - 2} ${y + R - 2} l -1 7`} stroke="#2b3440" strokeWidth={1.5} fill="none" />}
      <text x={x} y={y + R + 14} textAnchor="middle" fontSize="11" className="pedigree-label">
        {m.id || '…'}
      </text>
    </g>
  );
}

export function PedigreeDiagram({ members, consanguineous }: { members: MemberDraft[]; consanguineous: boolean }) {
  const proband = members.find((m) => m.relation === 'proband');
  if (!proband) return null;
  const father = members.find((m) => m.relation === 'father');
  const mother = members.find((m) => m.relation === 'mother');
  const sibship = [proband, ...members.filter((m) => m.relation === 'sibling')];
  const children = members.filter((m) => m.relation === 'child');
  const others = members.filter((m) => m.relation === 'other');
  const step = 64;
  const width = Math.max(240, sibship.length * step + 60, children.length * step + 60);
  const mid = width / 2;
  const top = 24;
  const row2 = father || mother ? 104 : 24;
  const row3 = row2 + 80;
  const height = (children.length ? row3 : row2) + R + 24;
  const xOf = (i: number, n: number) => mid + (i - (n - 1) / 2) * step;
  const probandX = xOf(0, sibship.length);
  return (
    <figure className="pedigree-figure">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Pedigree: ${members.length} member${members.length === 1 ? '' : 's'}, ${members.filter((m) => m.affected === 'affected').length} affected${consanguineous ? ', parents related' : ''}`}>
        {(father || mother) && (
          <g stroke="#2b3440" strokeWidth={1.5}>
            <line x1={mid - 50 + R} y1={top} x2={mid + 50 - R} y2={top} />
            {consanguineous && <line x1={mid - 50 + R} y1={top + 5} x2={mid + 50 - R} y2={top + 5} />}
            <line x1={mid} y1={consanguineous ? top + 5 : top} x2={mid} y2={row2 - R - 18} />
            <line x1={xOf(0, sibship.length)} y1={row2 - R - 18} x2={xOf(sibship.length - 1, sibship.length)} y2={row2 - R - 18} />
            {sibship.map((m, i) => (
              <line key={m.key} x1={xOf(i, sibship.length)} y1={row2 - R - 18} x2={xOf(i, sibship.length)} y2={row2 - R} />
            ))}
          </g>
        )}
        {father && <Symbol m={father} x={mid - 50} y={top} />}
        {mother && <Symbol m={mother} x={mid + 50} y={top} />}
        {sibship.map((m, i) => (
          <Symbol key={m.key} m={m} x={xOf(i, sibship.length)} y={row2} proband={m === proband} />
        ))}
        {children.length > 0 && (
          <g stroke="#2b3440" strokeWidth={1.5}>
            <line x1={probandX} y1={row2 + R + 18} x2={probandX} y2={row3 - R - 14} />
            <line x1={Math.min(probandX, xOf(0, children.length))} y1={row3 - R - 14} x2={Math.max(probandX, xOf(children.length - 1, children.length))} y2={row3 - R - 14} />
            {children.map((m, i) => (
              <line key={m.key} x1={xOf(i, children.length)} y1={row3 - R - 14} x2={xOf(i, children.length)} y2={row3 - R} />
            ))}
          </g>
        )}
        {children.map((m, i) => (
          <Symbol key={m.key} m={m} x={xOf(i, children.length)} y={row3} />
        ))}
      </svg>
      <figcaption className="muted small">
        ■ male · ● female · ◆ sex unknown · filled: affected · ?: status unknown · arrow: proband{consanguineous ? ' · double line: related parents' : ''}
        {others.length > 0 && <> · not drawn: {others.map((m) => m.id).join(', ')}</>}
      </figcaption>
    </figure>
  );
}

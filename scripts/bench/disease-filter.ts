import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { InputError } from '../../common/input-error.js';

/**
 * `--diseases`: comma-separated disease ids (OMIM:154700), id prefixes ending in ':' or a bare source (OMIM, ORPHA,
 * OMIM:15), or @FILE with one id or prefix a line (# comments). A token that matches no disease is a usage error
 * naming it, so a typo never silently benchmarks nothing.
 */
export function filterDiseases(all: readonly string[], spec: string | undefined): string[] {
  if (spec === undefined) return [...all];
  const tokens: { token: string; from: string }[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part.startsWith('@')) {
      const file = part.slice(1);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        throw new InputError(file, undefined, `cannot read the disease list: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      text.split('\n').forEach((l, i) => {
        const t = l.replace(/#.*/, '').trim();
        if (t) tokens.push({ token: t, from: `${file}:${i + 1}` });
      });
    } else tokens.push({ token: part, from: '--diseases' });
  }
  if (tokens.length === 0) throw new InvalidArgumentError('--diseases lists no disease');
  const exact = new Set(all);
  const keep = new Set<string>();
  for (const { token, from } of tokens) {
    const prefix = /^[A-Za-z]+$/.test(token) ? `${token.toUpperCase()}:` : token;
    const hits = exact.has(token) ? [token] : all.filter((id) => id.startsWith(prefix));
    if (hits.length === 0) throw new InvalidArgumentError(`${from}: ${token} matches no disease with a phenotype profile`);
    for (const h of hits) keep.add(h);
  }
  return all.filter((id) => keep.has(id));
}

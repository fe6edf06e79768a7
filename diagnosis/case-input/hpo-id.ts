/**
 * One spelling of an HPO id, whatever the source wrote: surrounding white space, lower-case prefix and the OBO
 * PURL form are accepted ("hp:0001250", " HP_0001250", "http://purl.obolibrary.org/obo/HP_0001250" → "HP:0001250").
 * Anything else is returned trimmed and unchanged, so the ranker reports it as unknown under the name the user gave.
 */
export function normaliseHpoId(raw: string): string {
  const s = raw.trim();
  const m = /^(?:https?:\/\/purl\.obolibrary\.org\/obo\/)?hp[:_](\d{7})$/i.exec(s);
  return m ? `HP:${m[1]}` : s;
}

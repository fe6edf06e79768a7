/** How many leading candidates are compared. */
export const TOP_COMPARED = 5;

/** The top-5 sets differ: a candidate entered or left (a re-ordering within the top 5 alone is not flagged). */
export function topChange(previous: string[], current: string[]): { changed: boolean; entered: string[]; left: string[] } {
  const before = new Set(previous.slice(0, TOP_COMPARED));
  const after = new Set(current.slice(0, TOP_COMPARED));
  const entered = [...after].filter((id) => !before.has(id));
  const left = [...before].filter((id) => !after.has(id));
  return { changed: entered.length > 0 || left.length > 0, entered, left };
}

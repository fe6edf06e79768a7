/**
 * Birth before 37 completed weeks of gestation is preterm birth (WHO, "Preterm birth" fact sheet; ACOG): "born at 34
 * weeks", "delivered at 32+5 weeks' gestation", "born at 35/40", "a 30-week preterm infant" → Premature birth. The
 * week count must belong to the birth (a birth word within the same clause before it, or "preterm"/"premature"
 * right after it), so scan dates ("the 20-week scan showed") give nothing. Linear: bounded patterns.
 */
export interface GestationFinding {
  start: number;
  end: number;
  hpoId: string;
}

const PREMATURE_BIRTH = 'HP:0001622';
const WEEKS = String.raw`(\d{2})(?:\s*\+\s*[0-6])?\s*(?:weeks?|wks?|wk|/40)`;
const AT_BIRTH = new RegExp(String.raw`\b(?:born|delivered|delivery|birth|arrived)\b[^.;:\n]{0,30}?\b(?:at|after|of)\s+(?:about\s+|around\s+|approximately\s+)?${WEEKS}(?![\w-]*\s*(?:scan|ultrasound|anomaly))`, 'gi');
const PRETERM_AGE = /\b(\d{2})(?:\s*\+\s*[0-6])?[- ]?(?:weeks?|wk)(?:['’]s?)?(?:[- ]gestation)?[- ](?:preterm|premature)\b/gi;
const CUES = /born|deliver|birth|arrived|preterm|premature/i;

export function findGestation(text: string): GestationFinding[] {
  const out: GestationFinding[] = [];
  if (!CUES.test(text)) return out;
  for (const re of [AT_BIRTH, PRETERM_AGE]) {
    for (const x of text.matchAll(re)) {
      const weeks = Number(x[1]);
      if (weeks >= 22 && weeks < 37) out.push({ start: x.index, end: x.index + x[0].length, hpoId: PREMATURE_BIRTH });
    }
  }
  return out;
}

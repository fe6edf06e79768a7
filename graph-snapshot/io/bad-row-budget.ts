import { basename } from 'node:path';
import { InputError } from '../../common/input-error.js';
import type { SkipLog } from './skip-log.js';

/**
 * The policy for rows a parser cannot use: a few bad rows in a large release are counted skips (listed in the
 * manifest); more than a few mean the file is not what it claims to be, and the first bad row becomes an InputError
 * naming the file and line. "A few" is at most `absolute` rows or `share` of the rows, whichever is larger.
 */
export class BadRowBudget {
  private first: { line: number; reason: string } | undefined;
  private count = 0;

  constructor(
    private readonly path: string,
    private readonly skips: SkipLog,
    private readonly kind: string,
    private readonly absolute = 10,
    private readonly share = 0.01,
  ) {}

  /** Records a bad row (counted under `kind: reason` in the skip log). */
  bad(line: number, reason: string, text: string): void {
    this.count += 1;
    this.first ??= { line, reason };
    this.skips.add(`${this.kind}: ${reason}`, basename(this.path), line, text.length > 100 ? `${text.slice(0, 97)}...` : text);
  }

  /** Throws when the bad rows exceed the budget for a file of `rows` data rows. */
  settle(rows: number): void {
    if (!this.first || this.count <= Math.max(this.absolute, this.share * rows)) return;
    const more = this.count > 1 ? ` (and ${this.count - 1} more bad rows of ${rows})` : '';
    throw new InputError(this.path, this.first.line, `${this.first.reason}${more}`);
  }
}

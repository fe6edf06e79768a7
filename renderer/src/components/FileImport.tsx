import { useRef, useState } from 'react';
import type { ApiCallError } from '../../../diagnosis/contract/api.js';
import type { CaseDetail } from '../../../diagnosis/contract/api-schemas.js';
import type { FileKind } from '../api-client.js';
import { toApiError } from '../api-client.js';
import { checkFileName, sendFile, type FileRef } from '../file-transfer.js';
import { formatBytes } from '../format.js';
import { useApi } from '../state/app-context.js';
import { ErrorText, Progress } from './common.js';
import { FileDrop, type FileChoice } from './FileDrop.js';

/**
 * A small file import into the case (a PED file, a lab's list): dropped or chosen, uploaded in browser mode (with
 * progress), then read by the engine, which stores it with the case. The engine's error names the file and line; rows
 * it set aside are listed under the drop zone, so nothing is lost silently.
 */
export function FileImport({
  kind,
  what,
  disabled,
  read,
  onImported,
}: {
  kind: FileKind;
  what: string;
  disabled?: boolean;
  read(file: FileRef): Promise<{ case: CaseDetail; setAside: string[] }>;
  onImported(c: CaseDetail, fileName: string): void;
}) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | string>();
  const [notes, setNotes] = useState<{ file: string; setAside: string[] }>();
  const [upload, setUpload] = useState<{ name: string; sent: number; total: number }>();
  const abort = useRef<AbortController | undefined>(undefined);

  const onChosen = (choice: FileChoice) =>
    void (async () => {
      setError(undefined);
      setNotes(undefined);
      setBusy(true);
      const name = 'path' in choice ? (choice.path.split(/[\\/]/).pop() ?? choice.path) : choice.file.name;
      try {
        let ref: FileRef;
        if ('path' in choice) ref = { path: choice.path };
        else {
          const wrong = checkFileName(kind, choice.file.name);
          if (wrong) throw toApiError({ error: wrong, kind: 'bad-input' });
          abort.current = new AbortController();
          setUpload({ name, sent: 0, total: choice.file.size });
          ref = await sendFile(api, choice.file, (sent, total) => setUpload({ name, sent, total }), abort.current.signal);
          setUpload(undefined);
        }
        const result = await read(ref);
        setNotes({ file: name, setAside: result.setAside });
        onImported(result.case, name);
      } catch (err) {
        setError(toApiError(err));
      } finally {
        setBusy(false);
        setUpload(undefined);
      }
    })();

  return (
    <div className="file-import">
      <FileDrop kind={kind} what={what} disabled={disabled || busy} onChosen={onChosen} />
      {upload && <Progress label={`${what} upload`} fraction={upload.total ? upload.sent / upload.total : 0} step={`${upload.name}: ${formatBytes(upload.sent)} of ${formatBytes(upload.total)}`} active />}
      {busy && !upload && (
        <p className="muted small" role="status">
          Reading the file…
        </p>
      )}
      <ErrorText error={error} />
      {notes && (
        <div className="small" role="status" aria-label={`${what} import`}>
          <p className="muted">
            Imported {notes.file}
            {notes.setAside.length ? `; ${notes.setAside.length} line${notes.setAside.length === 1 ? '' : 's'} not used:` : '.'}
          </p>
          {notes.setAside.length > 0 && (
            <ul className="plain set-aside">
              {notes.setAside.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

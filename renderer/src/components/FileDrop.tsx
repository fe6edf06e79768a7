import { useId, useRef, useState, type DragEvent } from 'react';
import type { FileKind } from '../api-client.js';
import { acceptOf } from '../file-transfer.js';
import { useApi } from '../state/app-context.js';

/** A file the user chose: a File (dropped or from the browser's picker), or a path from the desktop app's dialog. */
export type FileChoice = { file: File } | { path: string };

/**
 * Drop a file here, or choose one: the desktop app opens its native dialog, the browser its file picker. Keyboard:
 * the "Choose" button. The zone says what it takes, and highlights while a file is dragged over it.
 */
export function FileDrop({ kind, what, disabled, onChosen }: { kind: FileKind; what: string; disabled?: boolean; onChosen(choice: FileChoice): void }) {
  const api = useApi();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const choose = async () => {
    if (api.files.pickPath) {
      const path = await api.files.pickPath(kind);
      if (path) onChosen({ path });
    } else input.current?.click();
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onChosen({ file });
  };

  return (
    <div
      className={`file-drop${over ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-file-drop={kind}
    >
      <span className="file-drop-text">
        Drop {what} here, or{' '}
        <button type="button" className="link-button" onClick={() => void choose()} disabled={disabled}>
          choose a file…
        </button>
      </span>
      <input
        ref={input}
        id={id}
        type="file"
        accept={acceptOf(kind)}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={`Choose ${what}`}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onChosen({ file });
        }}
      />
    </div>
  );
}

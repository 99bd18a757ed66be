import { useId, useState, type DragEvent } from 'react';
import { ACCEPT_ATTRIBUTE, formatSize, MAX_ATTACHMENTS } from './attachment-files';
import { useAttachments } from './useAttachments';

/**
 * Files for Claude to read with the prompt (a one-pager, a case study): dropped here or picked, uploaded at once,
 * listed with their size and a Remove button. At most 4, as the server allows per generation.
 */
export function AttachmentsField() {
  const { store, files } = useAttachments();
  const [dragging, setDragging] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const full = files.length >= MAX_ATTACHMENTS;

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    store.attach([...event.dataTransfer.files]);
  };

  return (
    <div
      className={`field attachments${dragging ? ' is-dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <label htmlFor={inputId}>Attach files</label>
      <input
        id={inputId}
        type="file"
        multiple
        accept={ACCEPT_ATTRIBUTE}
        disabled={full}
        aria-describedby={hintId}
        onChange={(event) => {
          store.attach([...(event.target.files ?? [])]);
          event.target.value = ''; // the same file can be picked again after removing it
        }}
      />
      <p id={hintId} className="sub">
        {full
          ? `${MAX_ATTACHMENTS} files attached, the most a generation takes: remove one to attach another.`
          : `Drop files here or pick them: PDFs or images (PNG, JPEG, GIF, WebP), up to 10 MB each, at most ${MAX_ATTACHMENTS}.`}
      </p>
      {files.length > 0 && (
        <ul className="attachment-list" aria-label="Attached files">
          {files.map((file) => (
            <li key={file.key}>
              <span className="attachment-name">{file.name}</span>
              <span className="sub">
                {formatSize(file.sizeBytes)}
                {file.state === 'uploading' && ' · uploading…'}
              </span>
              <button type="button" className="quiet" aria-label={`Remove ${file.name}`} onClick={() => store.remove(file.key)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useId } from 'react';
import type { SnippetField } from './snippet-fields';

interface SnippetEditorProps {
  field: SnippetField;
  value: string;
  /** While the sequence is being written the field shows the text as it arrives and cannot be edited. */
  readOnly: boolean;
  problem: string | undefined;
  onChange: (text: string) => void;
}

/** Enough rows to show the text without scrolling, within limits; long lines count as the lines they wrap to. */
function rowsFor(text: string, min: number): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 72)), 0);
  return Math.min(Math.max(lines, min), 16);
}

/** One of the seven touches: a one-line input for the subject, paragraphs of text for the rest. */
export function SnippetEditor({ field, value, readOnly, problem, onChange }: SnippetEditorProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const common = {
    id,
    value,
    readOnly,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${hintId} ${problemId}` : hintId,
  } as const;
  const counted = field.format === 'plain';
  return (
    <div className={`snippet ${problem ? 'has-problem' : ''}`}>
      <div className="snippet-label">
        <label htmlFor={id}>{field.label}</label>
        {counted && <span className="sub">{value.trim().length} characters</span>}
      </div>
      {field.index === 0 ? (
        <input type="text" {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <textarea rows={rowsFor(value, field.format === 'plain' ? 2 : 4)} {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      <p id={hintId} className="sub">
        {field.hint}
      </p>
      {problem && (
        <p id={problemId} className="problem">
          {problem}
        </p>
      )}
    </div>
  );
}

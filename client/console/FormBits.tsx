import { ErrorNote } from './ErrorNote.tsx';
import type { Action } from './use-action.ts';

/** The end of a small form: submit, an optional cancel, and what went wrong. */
export function FormFooter({ action, label, onCancel }: { action: Action; label: string; onCancel?: () => void }) {
  return (
    <>
      <div class="buttons">
        <button type="submit" disabled={action.busy}>
          {label}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorNote error={action.error} />
    </>
  );
}

/** A table's header row; `actions` adds a last column for row buttons, named for screen readers. */
export function TableHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c}>{c}</th>
        ))}
        {actions && (
          <th>
            <span class="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}

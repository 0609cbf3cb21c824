import { fieldProblems } from './api.ts';

/** The server's own explanation of a failure, verbatim, with every field it names. */
export function ErrorNote({ error, testId = 'error' }: { error: unknown; testId?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = fieldProblems(error).slice(1);
  return (
    <div class="error-note" role="alert" data-testid={testId}>
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

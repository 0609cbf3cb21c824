// One user action at a time for a form or button: busy while it runs, its error kept
// for an ErrorNote, cleared when the next attempt starts.
import { useState } from 'preact/hooks';

export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs `work`; resolves true when it succeeded. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  /** A submit handler that runs `work` without reloading the page. */
  submit: (work: () => Promise<unknown>) => (e: Event) => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    run,
    submit: (work) => (e) => {
      e.preventDefault();
      void run(work);
    },
  };
}

import { useState } from 'react';

type Outcome = { kind: 'idle' } | { kind: 'copied' } | { kind: 'failed'; why: string };

/** Copies `text` as plain text and says whether it worked; a refused clipboard is reported, not hidden. */
export function CopyButton({ text, label, what }: { text: string; label: string; what: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('this browser gives the page no clipboard access');
      await navigator.clipboard.writeText(text);
      setOutcome({ kind: 'copied' });
    } catch (error) {
      const message = (error as { message?: unknown } | null)?.message;
      setOutcome({ kind: 'failed', why: typeof message === 'string' && message ? message : String(error) });
    }
  }

  return (
    <div className="copy-button">
      <button type="button" className="secondary" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="copy-button__status">
        {outcome.kind === 'copied' && `${what} copied to the clipboard.`}
      </span>
      {outcome.kind === 'failed' && (
        <span role="alert" className="error-text">
          Could not copy ({outcome.why}). Select the text and copy it by hand.
        </span>
      )}
    </div>
  );
}

import { useId, useState } from 'react';
import type { SendReadiness } from './events';

const WAITING: Record<Exclude<SendReadiness, 'ready'>, string> = {
  joining: 'You can type an answer once you have joined the call.',
  waiting_for_replica: 'You can type an answer once the replica is in the call.',
};

/**
 * Typing an answer sends it as if it had been said (`conversation.respond`), only once it can
 * reach the replica. A send that fails says so and keeps the text.
 */
export function ReplyBox({ readiness, disabled, onSend }: { readiness: SendReadiness; disabled: boolean; onSend: (text: string) => void }) {
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const id = useId();
  const hintId = useId();
  const ready = readiness === 'ready' && !disabled;
  const send = () => {
    const value = text.trim();
    if (!value || !ready) return;
    try {
      onSend(value);
      setText('');
      setFailure(null);
    } catch (error) {
      setFailure(
        `Your answer was not sent (${error instanceof Error ? error.message : String(error)}). It is still in the box: try again.`,
      );
    }
  };
  return (
    <form
      className="reply"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor={id}>Your answer</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={text}
        aria-describedby={readiness === 'ready' ? undefined : hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            send();
          }
        }}
      />
      {readiness !== 'ready' && (
        <p id={hintId} className="reply__hint">
          {WAITING[readiness]}
        </p>
      )}
      {failure && (
        <p role="alert" className="reply__error">
          {failure}
        </p>
      )}
      <button type="submit" disabled={!ready || !text.trim()}>
        Send
      </button>
    </form>
  );
}

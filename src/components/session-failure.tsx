import { describeSessionFailure } from '@/lib/sessions/words';

/** Why a session failed to start, in words; the recorded text behind a disclosure for support. */
export function SessionFailure({ error }: { error: string | null }) {
  const { words, detail } = describeSessionFailure(error);
  return (
    <div className="session-failure">
      <p>{words}</p>
      {detail && (
        <details>
          <summary>Details</summary>
          <code>{detail}</code>
        </details>
      )}
    </div>
  );
}

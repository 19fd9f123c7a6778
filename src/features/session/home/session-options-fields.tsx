import { useId } from 'react';
import { REFLECT_ON_MAX_LENGTH } from '@/lib/rules';
import type { SessionOptions } from '@/lib/sessions/types';

/**
 * What the user chooses for this session on the start page: what they want to reflect on (the
 * replica is told it and greets them with it). The problem, if any, is the rule's own sentence
 * (rules.ts), shown beside the field; the start stays disabled until it is fixed.
 */
export function SessionOptionsFields({
  value,
  onChange,
  problem,
}: {
  value: SessionOptions;
  onChange: (next: SessionOptions) => void;
  problem: string | null;
}) {
  const topicId = useId();
  const topicHelp = useId();
  const topicError = useId();
  const length = [...(value.reflectOn ?? '').trim()].length;

  return (
    <fieldset className="home__options">
      <legend>This session</legend>
      <label htmlFor={topicId}>What would you like to reflect on? (optional)</label>
      <textarea
        id={topicId}
        rows={2}
        value={value.reflectOn ?? ''}
        aria-describedby={problem ? `${topicHelp} ${topicError}` : topicHelp}
        aria-invalid={problem ? true : undefined}
        onChange={(event) => onChange({ ...value, reflectOn: event.target.value })}
      />
      <p id={topicHelp} className="choice__hint">
        The replica is told this and greets you with it. {length} of {REFLECT_ON_MAX_LENGTH} characters, on one line.
      </p>
      {problem && (
        <p id={topicError} className="error-text" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

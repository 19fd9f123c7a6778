import { useId } from 'react';
import { REFLECT_ON_MAX_LENGTH } from '@/lib/rules';
import type { SessionOptions } from '@/lib/sessions/types';
import { NOT_RECORDED_TEXT, RECORDED_TEXT } from '../start-page-messages';
import { isTavusLanguage, languageLabel, MULTILINGUAL, TAVUS_LANGUAGES, type TavusLanguage } from '@/lib/tavus/languages';

// the documented list, alphabetical, multilingual first
const LANGUAGE_CHOICES: TavusLanguage[] = [MULTILINGUAL, ...[...TAVUS_LANGUAGES].sort()];

/**
 * What the user chooses for this session on the start page: what they want to reflect on (the
 * replica is told it and greets them with it) and the language (remembered for the next ones). The problem, if any, is the rule's own sentence
 * (rules.ts), shown beside the field; the start stays disabled until it is fixed.
 */
export function SessionOptionsFields({
  value,
  onChange,
  problem,
  language,
  onLanguage,
  recordingOffered,
}: {
  value: SessionOptions;
  onChange: (next: SessionOptions) => void;
  problem: string | null;
  /** The session's language: the one last chosen, kept with the user's settings. */
  language: TavusLanguage;
  onLanguage: (language: TavusLanguage) => void;
  /** The operator records sessions whose user agrees: the user is asked here, before any call. */
  recordingOffered: boolean;
}) {
  const recordHelp = useId();
  const languageId = useId();
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
      <label htmlFor={languageId}>Language</label>
      <select
        id={languageId}
        value={language}
        onChange={(event) => {
          if (isTavusLanguage(event.target.value)) onLanguage(event.target.value);
        }}
      >
        {LANGUAGE_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {languageLabel(choice)}
          </option>
        ))}
      </select>
      {recordingOffered && (
        <>
          <label className="choice">
            <input
              type="checkbox"
              checked={value.record === true}
              aria-describedby={recordHelp}
              onChange={(event) => onChange({ ...value, record: event.target.checked })}
            />
            Record this session
          </label>
          <p id={recordHelp} className="choice__hint">
            {value.record ? RECORDED_TEXT : NOT_RECORDED_TEXT}
          </p>
        </>
      )}
    </fieldset>
  );
}

import { useId } from 'react';
import type { SessionOptions } from '@/lib/sessions/types';
import { NOT_RECORDED_TEXT, RECORDED_TEXT } from './shown-later-messages';
import { isTavusLanguage, languageLabel, MULTILINGUAL, TAVUS_LANGUAGES, type TavusLanguage } from '@/lib/tavus/languages';

// the documented list, alphabetical, multilingual first
const LANGUAGE_CHOICES: TavusLanguage[] = [MULTILINGUAL, ...[...TAVUS_LANGUAGES].sort()];

export interface MoreOptionsProps {
  value: SessionOptions;
  onChange: (next: SessionOptions) => void;
  /** The session's language: the one last chosen, kept with the user's settings. */
  language: TavusLanguage;
  onLanguage: (language: TavusLanguage) => void;
  /** The operator records sessions whose user agrees: the user is asked here, before any call. */
  recordingOffered: boolean;
}

/**
 * The session's language (Tavus's documented list) and, where the operator records, the user's yes
 * to recording: what the start page's "More options" opens. Loaded when it is opened, with the list.
 */
export function MoreOptionsFields({ value, onChange, language, onLanguage, recordingOffered }: MoreOptionsProps) {
  const recordHelp = useId();
  const languageId = useId();
  return (
    <>
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
    </>
  );
}

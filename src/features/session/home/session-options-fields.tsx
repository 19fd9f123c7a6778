import { lazy, Suspense, useId, useState } from 'react';
import { REFLECT_ON_MAX_LENGTH } from '@/lib/rules';
import { languageLabel } from '@/lib/tavus/language-label';
import { MORE_OPTIONS_LOADING, moreOptionsSummary } from '../start-page-messages';
import type { MoreOptionsProps } from './more-options-fields';

const loadMore = () => import('./more-options-fields');
const MoreOptionsFields = lazy(async () => ({ default: (await loadMore()).MoreOptionsFields }));

/**
 * What the user chooses for this session on the start page: what they want to reflect on (the
 * replica is told it and greets them with it) and, under "More options", the language (remembered
 * for the next ones) and recording. The problem, if any, is the rule's own sentence (rules.ts),
 * shown beside the field; the start stays disabled until it is fixed. The more options' fields and
 * the list of languages are no part of the first page: they load when the user opens them (or
 * points at them), and the folded line says what they are set to.
 */
export function SessionOptionsFields({ problem, ...more }: MoreOptionsProps & { problem: string | null }) {
  const { value, onChange, language, recordingOffered } = more;
  const topicId = useId();
  const topicHelp = useId();
  const topicError = useId();
  const [open, setOpen] = useState(false);
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
      <details className="home__more" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary onPointerEnter={() => void loadMore().catch(() => undefined)}>
          {moreOptionsSummary(languageLabel(language), recordingOffered ? value.record === true : undefined)}
        </summary>
        {open && (
          <Suspense fallback={<p aria-busy="true">{MORE_OPTIONS_LOADING}</p>}>
            <MoreOptionsFields {...more} />
          </Suspense>
        )}
      </details>
    </fieldset>
  );
}

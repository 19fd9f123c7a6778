import { Link } from 'react-router';
import { PERSONA_TEMPLATES } from './persona-templates';

/** Starting points for a new persona; picking one fills the form (nothing is saved yet). */
export function TemplatePicker({ current }: { current?: string | undefined }) {
  return (
    <nav aria-label="Persona templates" className="studio-templates">
      <p>Start from a template:</p>
      <ul>
        {PERSONA_TEMPLATES.map((t) => (
          <li key={t.key}>
            <Link to={`/studio/personas/new?template=${t.key}`} aria-current={current === t.key ? 'true' : undefined}>
              {t.label}
            </Link>{' '}
            <span className="studio-hint">{t.description}</span>
          </li>
        ))}
        <li>
          <Link to="/studio/personas/new" aria-current={current ? undefined : 'true'}>
            Blank
          </Link>
        </li>
      </ul>
    </nav>
  );
}

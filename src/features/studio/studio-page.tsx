import { NavLink, useParams } from 'react-router';

const SECTIONS = [
  ['personas', 'Personas', 'Create and edit personas with every layer (LLM, TTS, STT, conversational flow, perception), linked to Tavus.'],
  ['objectives', 'Objectives', 'Goal-oriented steps a persona follows, shown as a graph.'],
  ['guardrails', 'Guardrails', 'Strict behavioural rules enforced throughout conversations.'],
  ['replicas', 'Replicas', 'Replicas with their training progress; train new ones from video URLs.'],
  ['documents', 'Documents', 'Knowledge-base documents added by URL, with crawl settings.'],
  ['conversations', 'Conversations', 'Conversations on the account: status, details, end and delete.'],
] as const;

export function StudioPage() {
  const section = useParams()['*']?.split('/')[0] || 'personas';
  const current = SECTIONS.find(([key]) => key === section) ?? SECTIONS[0];
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">Studio: {current[1]}</h1>
      <nav aria-label="Studio">
        <ul className="tabs">
          {SECTIONS.map(([key, label]) => (
            <li key={key}>
              <NavLink to={`/studio/${key}`}>{label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="notice">
        <p>{current[2]}</p>
      </div>
    </section>
  );
}

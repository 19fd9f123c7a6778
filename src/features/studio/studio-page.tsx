import { NavLink, Navigate, Route, Routes } from 'react-router';
import './studio.css';
import { ConversationsPage } from './conversations/conversations-page';
import { DocumentsPage } from './documents/documents-page';
import { GuardrailsPage } from './guardrails/guardrails-page';
import { ObjectivesPage } from './objectives/objectives-page';
import { PersonaEditorPage } from './personas/persona-editor-page';
import { PersonasPage } from './personas/personas-page';
import { ReplicasPage } from './replicas/replicas-page';

const SECTIONS = [
  ['personas', 'Personas'],
  ['objectives', 'Objectives'],
  ['guardrails', 'Guardrails'],
  ['replicas', 'Replicas'],
  ['documents', 'Documents'],
  ['conversations', 'Conversations'],
] as const;

/** `/studio/*`: everything behind the app's personas, loaded only when the studio is opened. */
export function StudioPage() {
  return (
    <section className="page studio" aria-labelledby="page-title">
      <h1 id="page-title">Studio</h1>
      <nav aria-label="Studio">
        <ul className="tabs">
          {SECTIONS.map(([key, label]) => (
            <li key={key}>
              <NavLink to={`/studio/${key}`}>{label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="personas" replace />} />
        <Route path="personas" element={<PersonasPage />} />
        <Route path="personas/new" element={<PersonaEditorPage />} />
        <Route path="personas/:id" element={<PersonaEditorPage />} />
        <Route path="objectives" element={<ObjectivesPage />} />
        <Route path="guardrails" element={<GuardrailsPage />} />
        <Route path="replicas" element={<ReplicasPage />} />
        <Route path="documents" element={<DocumentsPage />} />
        <Route path="conversations" element={<ConversationsPage />} />
        <Route path="*" element={<p role="alert">This studio page does not exist. Pick a section above.</p>} />
      </Routes>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { documentCreateSchema, type DocumentCreate } from '@/lib/tavus/schemas';
import { TextField } from '../shared/field';
import { splitList } from '../shared/set-patch';

const EMPTY = { document_url: '', document_name: '', tags: '', depth: '', max_pages: '' };
type Values = typeof EMPTY;

/** Adds a document (or a website to crawl) to the knowledge base. */
export function DocumentCreateForm({ onSubmit }: { onSubmit(document: DocumentCreate): Promise<boolean> }) {
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    const number = (key: 'depth' | 'max_pages') => {
      const text = values[key].trim();
      if (!text) return undefined;
      const n = Number(text);
      if (!Number.isInteger(n)) found[key] = 'must be a whole number.';
      return n;
    };
    const depth = number('depth');
    const maxPages = number('max_pages');
    if ((depth === undefined) !== (maxPages === undefined))
      found[depth === undefined ? 'depth' : 'max_pages'] = 'is needed too: crawling takes both a depth and a page limit.';
    const body = {
      document_url: values.document_url.trim(),
      ...(values.document_name.trim() ? { document_name: values.document_name.trim() } : {}),
      ...(splitList(values.tags).length ? { tags: splitList(values.tags) } : {}),
      ...(depth !== undefined && maxPages !== undefined ? { crawl: { depth, max_pages: maxPages } } : {}),
    };
    const parsed = documentCreateSchema.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] === 'crawl' ? String(issue.path[1] ?? 'depth') : String(issue.path[0] ?? 'document_url');
        found[key] ??= issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length || !parsed.success) return;
    setBusy(true);
    try {
      if (await onSubmit(parsed.data)) setValues(EMPTY);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof Values, label: string, extra: { hint?: string; type?: 'url' | 'number'; required?: boolean } = {}) => (
    <TextField
      id={`document-${name}`}
      label={label}
      value={values[name]}
      onChange={(v) => setValues((all) => ({ ...all, [name]: v }))}
      error={errors[name] && `${label} ${errors[name]}`}
      {...extra}
    />
  );
  return (
    <form noValidate onSubmit={submit} aria-label="Add a document" className="studio-section">
      <h3>Add a document</h3>
      {field('document_url', 'Document URL', { type: 'url', required: true, hint: 'A PDF, text file or web page reachable by Tavus.' })}
      {field('document_name', 'Name')}
      {field('tags', 'Tags', { hint: 'Comma separated; conversations can use every document with a tag.' })}
      <fieldset>
        <legend>Crawl a website (optional)</legend>
        {field('depth', 'Crawl depth', { type: 'number', hint: '1 to 10 links deep.' })}
        {field('max_pages', 'Maximum pages', { type: 'number', hint: '1 to 100 pages.' })}
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? 'Adding…' : 'Add document'}
      </button>
    </form>
  );
}

import { z } from 'zod';

/**
 * Tavus's transcript (application.transcription_ready) as the callback stored it:
 * `[{ role: 'system' | 'user' | 'assistant', content }]`. Entries of any other shape are skipped
 * rather than failing the whole record; the system prompt is not part of what was said.
 */
const entrySchema = z.looseObject({ role: z.string(), content: z.string() });

export interface TranscriptLine {
  speaker: 'You' | 'Replica';
  text: string;
}

/** Null when there is no transcript (yet); an empty list when it holds nothing that was said. */
export function transcriptLines(value: unknown): TranscriptLine[] | null {
  if (!Array.isArray(value)) return null;
  const lines: TranscriptLine[] = [];
  for (const raw of value) {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success || !entry.data.content.trim()) continue;
    if (entry.data.role === 'user') lines.push({ speaker: 'You', text: entry.data.content.trim() });
    else if (entry.data.role === 'assistant' || entry.data.role === 'replica')
      lines.push({ speaker: 'Replica', text: entry.data.content.trim() });
  }
  return lines;
}

/** What the Copy button puts on the clipboard: one "Speaker: text" line per turn. */
export function transcriptText(lines: TranscriptLine[]): string {
  return lines.map((line) => `${line.speaker}: ${line.text}`).join('\n');
}

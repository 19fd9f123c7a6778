import { z } from 'zod';

/** A row of public.sessions as PostgREST returns it; unknown columns are kept. */
export const sessionRowSchema = z.looseObject({
  id: z.uuid(),
  user_id: z.uuid(),
  session_type: z.string(),
  persona_id: z.string(),
  replica_id: z.string().nullable(),
  conversation_name: z.string(),
  tavus_conversation_id: z.string().nullable(),
  conversation_url: z.string().nullable(),
  status: z.string(),
  max_call_duration: z.number().int(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  seconds_used: z.number().int(),
  end_reason: z.string().nullable(),
});

export type SessionRow = z.infer<typeof sessionRowSchema>;

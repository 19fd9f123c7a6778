import { z } from 'zod';
import { httpUrlSchema, listParamsSchema, nonEmptyString, openEnum, tavusIdSchema, timestampSchema } from '../schemas/common.ts';

export const DOCUMENT_STATUSES = ['started', 'processing', 'recrawling', 'ready', 'error'] as const;

/** Website crawling: how many links deep, and how many pages at most. */
export const crawlSchema = z.strictObject({
  depth: z.number().int().min(1).max(10),
  max_pages: z.number().int().min(1).max(100),
});
export type Crawl = z.input<typeof crawlSchema>;

/** `POST /v2/documents`. */
export const documentCreateSchema = z.strictObject({
  document_url: httpUrlSchema,
  document_name: nonEmptyString.optional(),
  tags: z.array(nonEmptyString).optional(),
  callback_url: httpUrlSchema.optional(),
  crawl: crawlSchema.optional(),
});
export type DocumentCreate = z.input<typeof documentCreateSchema>;

/** `PATCH /v2/documents/{id}`: tags replace the old ones. */
export const documentUpdateSchema = z
  .strictObject({
    document_name: nonEmptyString.optional(),
    tags: z.array(nonEmptyString).optional(),
  })
  .refine((u) => u.document_name !== undefined || u.tags !== undefined, {
    message: 'needs document_name or tags: there is nothing else to change',
  });
export type DocumentUpdate = z.input<typeof documentUpdateSchema>;

/** `POST /v2/documents/{id}/recrawl`: optional crawl settings for this run only. */
export const documentRecrawlSchema = z.strictObject({ crawl: crawlSchema.optional() });
export type DocumentRecrawl = z.input<typeof documentRecrawlSchema>;

export const documentSchema = z.looseObject({
  document_id: tavusIdSchema,
  document_name: z.string().nullish(),
  document_url: z.string().nullish(),
  status: openEnum(DOCUMENT_STATUSES).nullish(),
  /** Percent while processing; null before it starts. Documented as a string ("50") in create, list,
   * get and patch and as an integer in recrawl: both are read. */
  progress: z.union([z.number(), z.string()]).nullish(),
  error_message: z.string().nullish(),
  callback_url: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  crawl_config: z.looseObject({ depth: z.number().nullish(), max_pages: z.number().nullish() }).nullish(),
  crawled_urls: z.array(z.string()).nullish(),
  last_crawled_at: timestampSchema,
  crawl_count: z.number().nullish(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
});
export type Document = z.infer<typeof documentSchema>;

export const documentListParamsSchema = listParamsSchema.extend({
  /** Documented `enum: [ascending, descending]`, default ascending. */
  sort: z.enum(['ascending', 'descending']).optional(),
  status: z.string().trim().min(1).optional(),
  name_or_uuid: z.string().trim().min(1).optional(),
  tags: z.array(nonEmptyString).optional(),
});
export type DocumentListParams = z.input<typeof documentListParamsSchema>;

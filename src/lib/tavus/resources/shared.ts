import type { z } from 'zod';
import { InvalidRequestError, UnexpectedResponseError } from '../errors.ts';
import { PagePromise, loadPage, type PageLoader } from '../pagination.ts';
import { listEnvelopeSchema, listParamsSchema, summarizeIssues, tavusIdSchema } from '../schemas/common.ts';
import type { CallResult, RequestOptions, Transport } from '../transport.ts';

/** Checks input before anything is sent: a bad request never reaches the network. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, label: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError({
    path: label,
    message: `Invalid request for ${label}: ${summarizeIssues(parsed.error)}. Nothing was sent to Tavus.`,
  });
}

/** `/v2/personas/p123` from a checked id; `label` names the call in the error when the id is bad. */
export function idPath(collection: string, id: unknown, label: string, suffix = ''): string {
  const checked = validate(tavusIdSchema, id, label);
  return `/v2/${collection}/${encodeURIComponent(checked)}${suffix}`;
}

/** The body of a 2xx answer whose schema was given (so it is present and parsed). */
export function body<T>(result: CallResult<T>, label: string): T {
  if (result.data === undefined) {
    throw new UnexpectedResponseError({ path: label, status: result.status, summary: 'the body is empty' });
  }
  return result.data;
}

export const DEFAULT_PAGE_LIMIT = 10;

export interface ListSpec<T, P extends z.ZodType> {
  path: string;
  item: z.ZodType<T>;
  /** Extends listParamsSchema with the resource's filters. */
  paramsSchema: P;
  params: unknown;
  /** Turns checked params (without limit/page) into query fields. */
  query?: (params: z.output<P>) => Record<string, string | number | boolean | undefined>;
  /** Documents (and individual guardrails) number pages from 0 on the wire. */
  zeroBasedPage?: boolean | ((params: z.output<P>) => boolean);
}

export function paginate<T, P extends z.ZodType>(request: Transport, spec: ListSpec<T, P>, options?: RequestOptions): PagePromise<T> {
  const label = `GET ${spec.path}`;
  const envelope = listEnvelopeSchema(spec.item);
  return new PagePromise<T>(async () => {
    const params = validate(spec.paramsSchema, spec.params ?? {}, label);
    const { limit = DEFAULT_PAGE_LIMIT, page = 1 } = validate(listParamsSchema.loose(), params, label);
    const filters = spec.query ? spec.query(params) : {};
    const zeroBased = typeof spec.zeroBasedPage === 'function' ? spec.zeroBasedPage(params) : spec.zeroBasedPage;
    const load: PageLoader<T> = async (pageNumber) => {
      const wirePage = zeroBased ? pageNumber - 1 : pageNumber;
      const result = await request(
        { method: 'GET', path: spec.path, query: { ...filters, limit, page: wirePage }, schema: envelope },
        options,
      );
      const list = body(result, label);
      return { data: list.data as T[], totalCount: list.total_count };
    };
    return loadPage(load, page, limit);
  });
}

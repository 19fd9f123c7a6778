import { InvalidRequestError } from '../errors.ts';
import type { PagePromise } from '../pagination.ts';
import type { RequestOptions, Transport } from '../transport.ts';
import {
  conversationCreateSchema,
  conversationCreatedSchema,
  conversationDeleteParamsSchema,
  conversationGetParamsSchema,
  conversationListParamsSchema,
  conversationSchema,
  type Conversation,
  type ConversationCreate,
  type ConversationCreated,
  type ConversationDeleteParams,
  type ConversationGetParams,
  type ConversationListParams,
} from './conversations.schema.ts';
import { body, idPath, paginate, validate } from './shared.ts';

export interface ConversationsResource {
  /** Starts billing: the replica waits in the room from now on. Never retried. */
  create(conversation: ConversationCreate, options?: RequestOptions): Promise<ConversationCreated>;
  list(params?: ConversationListParams, options?: RequestOptions): PagePromise<Conversation>;
  get(conversationId: string, params?: ConversationGetParams, options?: RequestOptions): Promise<Conversation>;
  /** The routine end (`POST .../end`). Idempotent, so retried on transient failures. */
  end(conversationId: string, options?: RequestOptions): Promise<void>;
  /** Deletes the record (`hard` also its stored data). Not a way to end a call: use `end`. */
  delete(conversationId: string, params?: ConversationDeleteParams, options?: RequestOptions): Promise<void>;
}

export function conversationsResource(request: Transport): ConversationsResource {
  return {
    async create(conversation, options) {
      const label = 'POST /v2/conversations';
      const payload = validate(conversationCreateSchema, conversation, label);
      return body(
        await request({ method: 'POST', path: '/v2/conversations', body: payload, schema: conversationCreatedSchema }, options),
        label,
      );
    },
    list(params, options) {
      return paginate(
        request,
        {
          path: '/v2/conversations',
          item: conversationSchema,
          paramsSchema: conversationListParamsSchema,
          params,
          query: (p) => ({ status: p.status }),
        },
        options,
      );
    },
    async get(conversationId, params, options) {
      const path = idPath('conversations', conversationId, 'GET /v2/conversations/{conversation_id}');
      const { verbose } = validate(conversationGetParamsSchema, params ?? {}, `GET ${path}`);
      const result = await request(
        { method: 'GET', path, query: { verbose: verbose ? true : undefined }, schema: conversationSchema },
        options,
      );
      return body(result, `GET ${path}`);
    },
    async end(conversationId, options) {
      const path = idPath('conversations', conversationId, 'POST /v2/conversations/{conversation_id}/end', '/end');
      try {
        await request({ method: 'POST', path, idempotent: true }, options);
      } catch (error) {
        // A retry after a lost answer can meet a call the first attempt already ended: the goal is met.
        if (error instanceof InvalidRequestError && /already (been )?ended/i.test(error.serverMessage ?? '')) return;
        throw error;
      }
    },
    async delete(conversationId, params, options) {
      const path = idPath('conversations', conversationId, 'DELETE /v2/conversations/{conversation_id}');
      const { hard } = validate(conversationDeleteParamsSchema, params ?? {}, `DELETE ${path}`);
      await request({ method: 'DELETE', path, query: { hard: hard ? true : undefined } }, options);
    },
  };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import OpenAPIBackend, { type Document } from 'openapi-backend';
import { createTavusClient } from '@/lib/tavus';
import { createTavusSimulator, type TavusSimulator } from '@/lib/tavus/simulator';

/**
 * Tavus's vendored OpenAPI contract (tavus-openapi.yaml) behind a real OpenAPI validator
 * (openapi-backend, Ajv): every request and answer that crosses a fetch can be checked against it.
 */
export async function loadTavusContract(edit: (definition: Document) => void = () => {}) {
  const text = readFileSync(fileURLToPath(new URL('./tavus-openapi.yaml', import.meta.url)), 'utf8');
  const definition = load(text) as Document;
  edit(definition); // a test can take an operation out, to show that the gap is caught
  const api = new OpenAPIBackend({ definition, strict: true, quick: false, validate: true, coerceTypes: true });
  await api.init();
  return api;
}

export type TavusContract = Awaited<ReturnType<typeof loadTavusContract>>;

export interface Exchange {
  operationId: string;
  status: number;
  violations: string[];
}

async function bodyOf(message: Request | Response): Promise<unknown> {
  const text = await message.clone().text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Wraps a fetch: each request to an operation the contract holds is validated (path, query,
 * body) and so is its answer (the status must be documented, the body must fit its schema).
 */
export function checkedFetch(contract: TavusContract, fetch: typeof globalThis.fetch, seen: Exchange[]): typeof globalThis.fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const at = url.pathname.indexOf('/v2/');
    const path = at < 0 ? url.pathname : url.pathname.slice(at);
    const query = Object.fromEntries([...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key).join(',')]));
    const asked = { method: request.method, path, query, headers: Object.fromEntries(request.headers), body: await bodyOf(request) };
    const operation = contract.matchOperation(asked);
    const response = await fetch(request);
    if (!operation?.operationId) return response;
    const violations: string[] = [];
    const checkedRequest = contract.validateRequest(asked, operation);
    for (const error of checkedRequest.errors ?? []) violations.push(`request ${error.instancePath || '/'} ${error.message}`);
    const documented = Object.keys(operation.responses ?? {});
    if (!documented.includes(String(response.status)))
      violations.push(`status ${response.status} is not documented (${documented.join(', ')})`);
    // 204 and 304 carry no body by HTTP (RFC 9110 15.3.5, 15.4.5), whatever a block documents
    // (patch persona's 304 lists a `message`): there is nothing to validate.
    else if (response.status !== 204 && response.status !== 304) {
      const checkedResponse = contract.validateResponse(await bodyOf(response), operation, response.status);
      for (const error of checkedResponse.errors ?? []) violations.push(`response ${error.instancePath || '/'} ${error.message}`);
    }
    seen.push({ operationId: operation.operationId, status: response.status, violations });
    return response;
  }) as typeof globalThis.fetch;
}

/** The documented example answer of an operation (openapi-backend builds it from the examples). */
export function documentedAnswer(contract: TavusContract, operationId: string, status = 200): Response {
  const { mock } = contract.mockResponseForOperation(operationId, { code: status });
  if (status === 204 || mock === undefined) return new Response(null, { status });
  return Response.json(mock, { status });
}

/** A client on the simulator whose every exchange is checked; `problems()` lists the violations found. */
export function checkedClient(contract: TavusContract, simulator: TavusSimulator = createTavusSimulator()) {
  const seen: Exchange[] = [];
  const tavus = createTavusClient({
    baseUrl: 'https://tavusapi.com',
    apiKey: 'k',
    fetch: checkedFetch(contract, simulator.fetch, seen),
    sleep: async () => {},
  });
  const problems = () => seen.filter((e) => e.violations.length).map((e) => `${e.operationId} ${e.status}: ${e.violations.join('; ')}`);
  return { tavus, seen, problems };
}

// What the entry files use of the Deno runtime, declared for the Node type check (tsc) of the
// repository. `deno check` never reads this file: it is outside every function's import graph and
// Deno brings its own, complete declarations.
declare namespace Deno {
  function serve(handler: (request: Request) => Response | Promise<Response>): unknown;
  const env: {
    get(name: string): string | undefined;
    toObject(): Record<string, string>;
  };
}

// Entry point of the `tavus` edge function: wiring only, the logic is in handler.ts.
import { createTavusDeps, handleTavus } from './handler.ts';

const deps = createTavusDeps(Deno.env.toObject());

Deno.serve((request) => handleTavus(request, deps));

// Entry point of the `tavus-webhook` edge function (deployed with --no-verify-jwt): wiring only.
import { createWebhookDeps, handleTavusWebhook } from './handler.ts';

const deps = createWebhookDeps(Deno.env.toObject());

Deno.serve((request) => handleTavusWebhook(request, deps));

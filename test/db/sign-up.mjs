// Kept apart from pg-server.mjs, which needs node's file paths, so browser-environment tests can use it.

/**
 * The rows Supabase Auth writes on sign-up ($1 id, $2 email or null, $3 anonymous): it chooses the
 * id (auth.users has no default), and an email account also gets its identity; an anonymous one
 * has neither email nor identity.
 */
export const SIGN_UP = `
  with u as (
    insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, is_anonymous, created_at, updated_at)
    values ('00000000-0000-0000-0000-000000000000', $1::uuid, 'authenticated', 'authenticated', $2::text,
            case when $2::text is null then null else now() end,
            case when $3::boolean then '{}'::jsonb else '{"provider":"email","providers":["email"]}'::jsonb end,
            '{}'::jsonb, $3::boolean, now(), now())
    returning id, email
  )
  insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
  select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email', now(), now(), now()
    from u where u.email is not null`;

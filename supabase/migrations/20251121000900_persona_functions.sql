-- how the studio writes its personas. a persona is saved here first, then created in tavus and
-- linked by its tavus id; when tavus fails the row stays, marked failed with the error, ready for a
-- retry. each function is security definer with an empty search_path, takes the owner from
-- auth.uid() (never from an argument) and raises a stable code with a readable detail.

-- functions: private ------------------------------------------------------------------------------

-- the editable fields of a persona, checked. p_fields is the json the studio sends:
-- {persona_name, system_prompt, context, pipeline_mode, default_replica_id, layers, objectives_id,
--  guardrails_id, document_ids}. unknown keys are refused so a typo never drops a setting silently.
-- an import keeps what tavus holds, so it does not insist on the full mode's system prompt.
create or replace function private.check_persona_fields(p_fields jsonb, p_require_prompt boolean)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
  v_key text;
  v_id text;
begin
  if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
    raise exception 'invalid_argument' using detail = 'p_fields must be a json object.';
  end if;
  if octet_length(p_fields::text) > 262144 then
    raise exception 'invalid_argument' using detail = 'The persona is larger than 256 KB.';
  end if;
  for v_key in select jsonb_object_keys(p_fields) loop
    if v_key not in ('persona_name', 'system_prompt', 'context', 'pipeline_mode', 'default_replica_id',
                     'layers', 'objectives_id', 'guardrails_id', 'document_ids') then
      raise exception 'invalid_argument' using detail = format('Unknown persona field %s.', v_key);
    end if;
  end loop;

  if jsonb_typeof(p_fields -> 'persona_name') is distinct from 'string'
     or length(btrim(p_fields ->> 'persona_name')) not between 1 and 200 then
    raise exception 'invalid_argument' using detail = 'persona_name must be 1 to 200 characters.';
  end if;
  -- tavus adds pipeline modes over time: any short lowercase word is kept.
  if coalesce(p_fields ->> 'pipeline_mode', 'full') !~ '^[a-z][a-z0-9_-]{0,31}$' then
    raise exception 'invalid_argument' using detail = 'pipeline_mode must be a word such as full or echo.';
  end if;
  if p_require_prompt and coalesce(p_fields ->> 'pipeline_mode', 'full') = 'full'
     and length(btrim(coalesce(p_fields ->> 'system_prompt', ''))) = 0 then
    raise exception 'invalid_argument' using detail = 'system_prompt is required in the full pipeline mode.';
  end if;
  if p_fields ? 'layers' and jsonb_typeof(p_fields -> 'layers') not in ('object', 'null') then
    raise exception 'invalid_argument' using detail = 'layers must be an object.';
  end if;
  foreach v_key in array array['default_replica_id', 'objectives_id', 'guardrails_id'] loop
    if p_fields ->> v_key is not null and not private.is_tavus_id(p_fields ->> v_key) then
      raise exception 'invalid_argument' using detail = format('%s must be a Tavus id or null.', v_key);
    end if;
  end loop;
  if p_fields ? 'document_ids' and jsonb_typeof(p_fields -> 'document_ids') <> 'null' then
    if jsonb_typeof(p_fields -> 'document_ids') <> 'array' or jsonb_array_length(p_fields -> 'document_ids') > 100 then
      raise exception 'invalid_argument' using detail = 'document_ids must be a list of at most 100 Tavus ids.';
    end if;
    for v_id in select jsonb_array_elements_text(p_fields -> 'document_ids') loop
      if not private.is_tavus_id(v_id) then
        raise exception 'invalid_argument' using detail = format('Document id %s is not a Tavus id.', v_id);
      end if;
    end loop;
  end if;
end;
$$;

create or replace function private.persona_document_ids(p_fields jsonb)
returns text[]
language sql immutable
set search_path = ''
as $$
  select coalesce(array(select jsonb_array_elements_text(
    case when jsonb_typeof(p_fields -> 'document_ids') = 'array' then p_fields -> 'document_ids' else '[]'::jsonb end
  )), '{}')
$$;

-- the user's own persona, locked; someone else's is indistinguishable from a missing one.
create or replace function private.own_persona(p_owner_id uuid, p_persona_id uuid)
returns public.personas
language plpgsql
set search_path = ''
as $$
declare
  v_persona public.personas;
begin
  select * into v_persona from public.personas
   where id = p_persona_id and owner_id = p_owner_id
     for update;
  if not found then
    raise exception 'persona_not_found' using detail = format('You have no persona %s.', p_persona_id);
  end if;
  return v_persona;
end;
$$;

revoke execute on function private.check_persona_fields(jsonb, boolean) from public, anon, authenticated, service_role;
revoke execute on function private.own_persona(uuid, uuid) from public, anon, authenticated, service_role;
revoke execute on function private.persona_document_ids(jsonb) from public, anon, authenticated, service_role;

-- functions --------------------------------------------------------------------------------------

-- creates (p_persona_id null) or replaces the fields of one of the user's personas. a changed
-- persona is pending until tavus has it: mark_persona_synced or mark_persona_failed follows.
create or replace function public.save_persona(p_persona_id uuid, p_fields jsonb)
returns public.personas
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_persona public.personas;
  v_docs text[];
begin
  perform private.check_persona_fields(p_fields, true);
  v_docs := private.persona_document_ids(p_fields);

  if p_persona_id is null then
    insert into public.personas (owner_id, persona_name, system_prompt, context, pipeline_mode, default_replica_id,
                                 layers, objectives_id, guardrails_id, document_ids)
    values (v_uid, btrim(p_fields ->> 'persona_name'), p_fields ->> 'system_prompt', p_fields ->> 'context',
            coalesce(p_fields ->> 'pipeline_mode', 'full'), p_fields ->> 'default_replica_id',
            coalesce(nullif(p_fields -> 'layers', 'null'::jsonb), '{}'::jsonb), p_fields ->> 'objectives_id',
            p_fields ->> 'guardrails_id', v_docs)
    returning * into v_persona;
    return v_persona;
  end if;

  v_persona := private.own_persona(v_uid, p_persona_id);
  update public.personas
     set persona_name = btrim(p_fields ->> 'persona_name'),
         system_prompt = p_fields ->> 'system_prompt',
         context = p_fields ->> 'context',
         pipeline_mode = coalesce(p_fields ->> 'pipeline_mode', 'full'),
         default_replica_id = p_fields ->> 'default_replica_id',
         layers = coalesce(nullif(p_fields -> 'layers', 'null'::jsonb), '{}'::jsonb),
         objectives_id = p_fields ->> 'objectives_id',
         guardrails_id = p_fields ->> 'guardrails_id',
         document_ids = v_docs,
         sync_status = 'pending',
         sync_error = null
   where id = v_persona.id
  returning * into v_persona;
  return v_persona;
end;
$$;

-- records that tavus holds the persona under p_tavus_persona_id. a persona keeps the tavus id it
-- was first linked to, and one tavus persona links to at most one persona per owner.
create or replace function public.mark_persona_synced(p_persona_id uuid, p_tavus_persona_id text)
returns public.personas
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_persona public.personas;
begin
  if not private.is_tavus_id(p_tavus_persona_id) then
    raise exception 'invalid_argument' using detail = 'p_tavus_persona_id must be a Tavus persona id.';
  end if;
  v_persona := private.own_persona(v_uid, p_persona_id);
  if v_persona.tavus_persona_id is not null and v_persona.tavus_persona_id <> p_tavus_persona_id then
    raise exception 'persona_already_linked'
      using detail = format('Persona %s is linked to Tavus persona %s.', v_persona.id, v_persona.tavus_persona_id);
  end if;
  begin
    update public.personas
       set tavus_persona_id = p_tavus_persona_id, sync_status = 'synced', sync_error = null
     where id = v_persona.id
    returning * into v_persona;
  exception when unique_violation then
    raise exception 'persona_already_linked'
      using detail = format('Another of your personas is linked to Tavus persona %s.', p_tavus_persona_id);
  end;
  return v_persona;
end;
$$;

-- records that tavus refused or could not be reached; the persona stays, with the error to show.
create or replace function public.mark_persona_failed(p_persona_id uuid, p_error text)
returns public.personas
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_persona public.personas;
begin
  if p_error is null or length(btrim(p_error)) = 0 then
    raise exception 'invalid_argument' using detail = 'p_error must describe what failed.';
  end if;
  v_persona := private.own_persona(v_uid, p_persona_id);
  update public.personas
     set sync_status = 'failed', sync_error = left(p_error, 2000)
   where id = v_persona.id
  returning * into v_persona;
  return v_persona;
end;
$$;

-- imports a persona that already exists in tavus. linking the same tavus persona again returns
-- the existing row unchanged: importing twice adds nothing.
create or replace function public.link_persona(p_tavus_persona_id text, p_fields jsonb)
returns public.personas
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_persona public.personas;
begin
  if not private.is_tavus_id(p_tavus_persona_id) then
    raise exception 'invalid_argument' using detail = 'p_tavus_persona_id must be a Tavus persona id.';
  end if;
  perform private.check_persona_fields(p_fields, false);

  select * into v_persona from public.personas where owner_id = v_uid and tavus_persona_id = p_tavus_persona_id;
  if found then
    return v_persona;
  end if;

  insert into public.personas (owner_id, persona_name, system_prompt, context, pipeline_mode, default_replica_id,
                               layers, objectives_id, guardrails_id, document_ids, tavus_persona_id, sync_status)
  values (v_uid, btrim(p_fields ->> 'persona_name'), p_fields ->> 'system_prompt', p_fields ->> 'context',
          coalesce(p_fields ->> 'pipeline_mode', 'full'), p_fields ->> 'default_replica_id',
          coalesce(nullif(p_fields -> 'layers', 'null'::jsonb), '{}'::jsonb), p_fields ->> 'objectives_id',
          p_fields ->> 'guardrails_id',
          private.persona_document_ids(p_fields),
          p_tavus_persona_id, 'synced')
  on conflict (owner_id, tavus_persona_id) do nothing
  returning * into v_persona;
  if v_persona.id is null then
    -- a concurrent import won the race: return its row.
    select * into v_persona from public.personas where owner_id = v_uid and tavus_persona_id = p_tavus_persona_id;
  end if;
  return v_persona;
end;
$$;

-- deletes one of the user's personas. sessions keep the tavus persona id as text, so their history
-- stays readable.
create or replace function public.delete_persona(p_persona_id uuid)
returns public.personas
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := private.require_user();
  v_persona public.personas;
begin
  v_persona := private.own_persona(v_uid, p_persona_id);
  delete from public.personas where id = v_persona.id;
  return v_persona;
end;
$$;

-- grants -----------------------------------------------------------------------------------------

revoke execute on function public.save_persona(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.mark_persona_synced(uuid, text) from public, anon, authenticated;
revoke execute on function public.mark_persona_failed(uuid, text) from public, anon, authenticated;
revoke execute on function public.link_persona(text, jsonb) from public, anon, authenticated;
revoke execute on function public.delete_persona(uuid) from public, anon, authenticated;

grant execute on function public.save_persona(uuid, jsonb) to authenticated;
grant execute on function public.mark_persona_synced(uuid, text) to authenticated;
grant execute on function public.mark_persona_failed(uuid, text) to authenticated;
grant execute on function public.link_persona(text, jsonb) to authenticated;
grant execute on function public.delete_persona(uuid) to authenticated;

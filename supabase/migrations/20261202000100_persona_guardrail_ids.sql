-- individual guardrails on a persona, as tavus now models them: a persona attaches guardrails one
-- by one (guardrail_ids) or by tag (guardrail_tags), beside the older guardrail set
-- (guardrails_id), which stays readable and writable. the persona functions keep their signatures
-- and rules; they accept the two new keys and store them.

-- tables -----------------------------------------------------------------------------------------

alter table public.personas
  add column guardrail_ids text[] not null default '{}',
  add column guardrail_tags text[] not null default '{}';

-- functions: private ------------------------------------------------------------------------------

-- a json list of short strings, checked; p_check_id holds its elements to tavus ids.
create or replace function private.check_persona_list(p_fields jsonb, p_key text, p_max int, p_check_id boolean)
returns void
language plpgsql immutable
set search_path = ''
as $$
declare
  v_item jsonb;
begin
  if not p_fields ? p_key or jsonb_typeof(p_fields -> p_key) = 'null' then
    return;
  end if;
  if jsonb_typeof(p_fields -> p_key) <> 'array' or jsonb_array_length(p_fields -> p_key) > p_max then
    raise exception 'invalid_argument' using detail = format('%s must be a list of at most %s items.', p_key, p_max);
  end if;
  for v_item in select jsonb_array_elements(p_fields -> p_key) loop
    if jsonb_typeof(v_item) <> 'string' or length(btrim(v_item #>> '{}')) not between 1 and 64 then
      raise exception 'invalid_argument' using detail = format('Each of %s must be 1 to 64 characters.', p_key);
    end if;
    if p_check_id and not private.is_tavus_id(v_item #>> '{}') then
      raise exception 'invalid_argument' using detail = format('Guardrail id %s is not a Tavus id.', v_item #>> '{}');
    end if;
  end loop;
end;
$$;

create or replace function private.persona_list(p_fields jsonb, p_key text)
returns text[]
language sql immutable
set search_path = ''
as $$
  select coalesce(array(select btrim(jsonb_array_elements_text(
    case when jsonb_typeof(p_fields -> p_key) = 'array' then p_fields -> p_key else '[]'::jsonb end
  ))), '{}')
$$;

-- the editable fields of a persona, checked, now with guardrail_ids (up to 50, as tavus allows a
-- persona) and guardrail_tags (up to 32 tags of 64 characters, the limits tavus documents for a
-- guardrail's own tags). the other keys keep the rules of the persona functions migration.
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
                     'layers', 'objectives_id', 'guardrails_id', 'document_ids', 'guardrail_ids', 'guardrail_tags') then
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
  perform private.check_persona_list(p_fields, 'guardrail_ids', 50, true);
  perform private.check_persona_list(p_fields, 'guardrail_tags', 32, false);
end;
$$;

revoke execute on function private.check_persona_list(jsonb, text, int, boolean) from public, anon, authenticated, service_role;
revoke execute on function private.persona_list(jsonb, text) from public, anon, authenticated, service_role;
revoke execute on function private.check_persona_fields(jsonb, boolean) from public, anon, authenticated, service_role;

-- functions --------------------------------------------------------------------------------------

-- as in the persona functions migration, with the two guardrail lists stored.
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
                                 layers, objectives_id, guardrails_id, document_ids, guardrail_ids, guardrail_tags)
    values (v_uid, btrim(p_fields ->> 'persona_name'), p_fields ->> 'system_prompt', p_fields ->> 'context',
            coalesce(p_fields ->> 'pipeline_mode', 'full'), p_fields ->> 'default_replica_id',
            coalesce(nullif(p_fields -> 'layers', 'null'::jsonb), '{}'::jsonb), p_fields ->> 'objectives_id',
            p_fields ->> 'guardrails_id', v_docs,
            private.persona_list(p_fields, 'guardrail_ids'), private.persona_list(p_fields, 'guardrail_tags'))
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
         guardrail_ids = private.persona_list(p_fields, 'guardrail_ids'),
         guardrail_tags = private.persona_list(p_fields, 'guardrail_tags'),
         sync_status = 'pending',
         sync_error = null
   where id = v_persona.id
  returning * into v_persona;
  return v_persona;
end;
$$;

-- as in the persona functions migration, with the two guardrail lists stored.
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
                               layers, objectives_id, guardrails_id, document_ids, guardrail_ids, guardrail_tags,
                               tavus_persona_id, sync_status)
  values (v_uid, btrim(p_fields ->> 'persona_name'), p_fields ->> 'system_prompt', p_fields ->> 'context',
          coalesce(p_fields ->> 'pipeline_mode', 'full'), p_fields ->> 'default_replica_id',
          coalesce(nullif(p_fields -> 'layers', 'null'::jsonb), '{}'::jsonb), p_fields ->> 'objectives_id',
          p_fields ->> 'guardrails_id',
          private.persona_document_ids(p_fields),
          private.persona_list(p_fields, 'guardrail_ids'), private.persona_list(p_fields, 'guardrail_tags'),
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

-- grants -----------------------------------------------------------------------------------------

-- the table's grants cover the new columns (owners select their rows; nobody writes but the
-- functions). the replaced functions keep their grants; they are stated again so the file stands alone.
revoke execute on function public.save_persona(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.link_persona(text, jsonb) from public, anon, authenticated;
grant execute on function public.save_persona(uuid, jsonb) to authenticated;
grant execute on function public.link_persona(text, jsonb) to authenticated;

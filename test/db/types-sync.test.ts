import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setupTestDb, type TestDb } from './harness';
import { differences, modelFromTypes, tsType, type Fields, type FunctionModel, type SchemaModel, type TableModel } from './types-model';

// database.types.ts is written by hand in the shape `supabase gen types typescript` writes; this
// keeps it honest against the migrations: any column, nullability, default, argument or return
// type that drifts fails here, naming what differs.

const typesPath = fileURLToPath(new URL('../../src/lib/db/database.types.ts', import.meta.url));
const db = setupTestDb();

interface ColumnRow {
  table_name: string;
  table_type: string;
  column_name: string;
  udt_name: string;
  is_nullable: string;
  has_default: boolean;
}

async function modelFromCatalog(database: TestDb): Promise<SchemaModel> {
  const columns = await database.asOwner<ColumnRow>(`
    select c.table_name, t.table_type, c.column_name, c.udt_name, c.is_nullable,
           (c.column_default is not null or c.is_identity = 'YES' or c.is_generated <> 'NEVER') as has_default
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public'
     order by c.table_name, c.column_name`);
  const model: SchemaModel = { Tables: {}, Views: {}, Functions: {} };
  const rowsOf: Record<string, Fields> = {};
  for (const column of columns) {
    const group = column.table_type === 'VIEW' ? model.Views : model.Tables;
    const nullable = column.is_nullable === 'YES';
    const type = tsType(column.udt_name) + (nullable ? ' | null' : '');
    const table: TableModel = (group[column.table_name] ??= column.table_type === 'VIEW' ? { Row: {} } : { Row: {}, Insert: {}, Update: {}, Relationships: [] });
    table.Row[column.column_name] = { type, optional: false };
    if (table.Insert) table.Insert[column.column_name] = { type, optional: nullable || column.has_default };
    if (table.Update) table.Update[column.column_name] = { type, optional: true };
    rowsOf[column.table_name] = table.Row;
  }

  const keys = await database.asOwner<{ name: string; table_name: string; columns: string[]; referenced: string; referenced_columns: string[]; one_to_one: boolean }>(`
    select con.conname as name, rel.relname as table_name, ref.relname as referenced,
           array(select attname from pg_attribute where attrelid = con.conrelid and attnum = any(con.conkey) order by attnum) as columns,
           array(select attname from pg_attribute where attrelid = con.confrelid and attnum = any(con.confkey) order by attnum) as referenced_columns,
           exists (select 1 from pg_index i where i.indrelid = con.conrelid and i.indisunique and i.indpred is null
                     and i.indkey::int2[] @> con.conkey and array_length(i.indkey::int2[], 1) = array_length(con.conkey, 1)) as one_to_one
      from pg_constraint con
      join pg_class rel on rel.oid = con.conrelid
      join pg_class ref on ref.oid = con.confrelid
      join pg_namespace n on n.oid = rel.relnamespace
      join pg_namespace rn on rn.oid = ref.relnamespace
     where con.contype = 'f' and n.nspname = 'public' and rn.nspname = 'public'
     order by con.conname`);
  for (const key of keys) {
    model.Tables[key.table_name]!.Relationships!.push({
      foreignKeyName: key.name,
      columns: key.columns,
      isOneToOne: key.one_to_one,
      referencedRelation: key.referenced,
      referencedColumns: key.referenced_columns,
    });
  }

  const functions = await database.asOwner<{ name: string; arg_names: string[] | null; arg_types: string[]; defaults: number; returns_set: boolean; return_type: string; return_relation: string | null }>(`
    select p.proname as name, p.proargnames as arg_names,
           array(select t.typname::text from unnest(p.proargtypes::oid[]) with ordinality a(oid, n) join pg_type t on t.oid = a.oid order by a.n) as arg_types,
           p.pronargdefaults as defaults, p.proretset as returns_set, rt.typname::text as return_type,
           (select c.relname::text from pg_class c where c.oid = rt.typrelid and c.relkind = 'r') as return_relation
      from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace
      join pg_type rt on rt.oid = p.prorettype
     where n.nspname = 'public'
     order by p.proname`);
  for (const fn of functions) {
    const args: Fields = {};
    fn.arg_types.forEach((udt, index) => {
      args[fn.arg_names![index]!] = { type: tsType(udt), optional: index >= fn.arg_types.length - fn.defaults };
    });
    const entry: FunctionModel = { Args: fn.arg_types.length ? args : null, Returns: '' };
    if (fn.return_relation) {
      entry.Returns = rowsOf[fn.return_relation]!;
      entry.SetofTo = { to: fn.return_relation, isSetofReturn: fn.returns_set };
    } else {
      entry.Returns = tsType(fn.return_type) + (fn.returns_set ? '[]' : '');
    }
    model.Functions[fn.name] = entry;
  }
  return model;
}

function sortRelationships(model: SchemaModel): SchemaModel {
  for (const table of Object.values(model.Tables)) {
    table.Relationships?.sort((a, b) => a.foreignKeyName.localeCompare(b.foreignKeyName));
  }
  return model;
}

describe('database.types.ts', () => {
  const text = readFileSync(typesPath, 'utf8');

  it('matches the live catalog after the migrations: tables, columns, nullability, defaults, keys, views, functions', async () => {
    const live = sortRelationships(await modelFromCatalog(db));
    expect(Object.keys(live.Tables).sort()).toEqual(['personas', 'plans', 'sessions', 'tavus_usage', 'user_subscriptions']);
    expect(differences(live, sortRelationships(modelFromTypes(text)))).toEqual([]);
  });

  it.each([
    ['a column left out', (t: string) => t.replace('          joined_at: string | null\n', ''), 'public.Tables.sessions.Row.joined_at: in the database only'],
    ['a nullable column typed as required', (t: string) => t.replace('ended_at: string | null', 'ended_at: string'), 'public.Tables.sessions.Row.ended_at'],
    ['a column the database lacks', (t: string) => t.replace('          seconds_used: number\n', '          seconds_used: number\n          minutes_used: number\n'), 'public.Tables.sessions.Row.minutes_used: in database.types.ts only'],
    ['a defaulted column required on insert', (t: string) => t.replace('          tavus_seconds_used?: number\n', '          tavus_seconds_used: number\n'), 'public.Tables.user_subscriptions.Insert.tavus_seconds_used'],
    ['a renamed argument', (t: string) => t.replace('p_conversation_url: string', 'p_url: string'), 'public.Functions.attach_conversation.Args.p_conversation_url: in the database only'],
    ['a defaulted argument made required', (t: string) => t.replace('p_reason?: string', 'p_reason: string'), 'public.Functions.end_session.Args.p_reason'],
    ['a wrong scalar return', (t: string) => t.replace('expire_stale_sessions: { Args: never; Returns: number }', 'expire_stale_sessions: { Args: never; Returns: boolean }'), 'public.Functions.expire_stale_sessions.Returns'],
    ['a missing view column', (t: string) => t.replace('          seconds_left: number | null\n', ''), 'public.Views.my_usage.Row.seconds_left: in the database only'],
  ])('notices %s', async (_label, mutate, expected) => {
    const mutated = mutate(text);
    expect(mutated).not.toBe(text);
    const live = sortRelationships(await modelFromCatalog(db));
    const found = differences(live, sortRelationships(modelFromTypes(mutated)));
    expect(found.some((line) => line.startsWith(expected))).toBe(true);
  });
});

import ts from 'typescript';

// Reads database.types.ts as the TypeScript compiler sees it, and the live catalog of a database
// with the migrations applied, into one comparable shape.

export interface Field {
  type: string;
  optional: boolean;
}
export type Fields = Record<string, Field>;
export interface Relationship {
  foreignKeyName: string;
  columns: string[];
  isOneToOne: boolean;
  referencedRelation: string;
  referencedColumns: string[];
}
export interface TableModel {
  Row: Fields;
  Insert?: Fields;
  Update?: Fields;
  Relationships?: Relationship[];
}
export interface FunctionModel {
  /** null stands for `Args: never` (no arguments). */
  Args: Fields | null;
  /** a scalar type name, or the columns of the returned row */
  Returns: string | Fields;
  /** the table a row-returning function returns, with whether it returns a set */
  SetofTo?: { to: string; isSetofReturn: boolean };
}
export interface SchemaModel {
  Tables: Record<string, TableModel>;
  Views: Record<string, TableModel>;
  Functions: Record<string, FunctionModel>;
}

function members(node: ts.TypeNode | undefined): Map<string, ts.PropertySignature> {
  const result = new Map<string, ts.PropertySignature>();
  if (!node || !ts.isTypeLiteralNode(node)) return result;
  for (const member of node.members) {
    if (ts.isPropertySignature(member) && member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name))) {
      result.set(member.name.text, member);
    }
  }
  return result;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').replace(/"/g, "'").trim();

function fields(node: ts.TypeNode | undefined, source: ts.SourceFile): Fields {
  const result: Fields = {};
  for (const [name, member] of members(node)) {
    result[name] = { type: normalise(member.type!.getText(source)), optional: !!member.questionToken };
  }
  return result;
}

function literal(node: ts.Node | undefined, source: ts.SourceFile): unknown {
  if (!node) return undefined;
  if (ts.isLiteralTypeNode(node)) return JSON.parse(node.literal.getText(source).replace(/'/g, '"'));
  if (ts.isTupleTypeNode(node)) return node.elements.map((element) => literal(element, source));
  if (ts.isTypeLiteralNode(node)) {
    return Object.fromEntries([...members(node)].map(([name, member]) => [name, literal(member.type, source)]));
  }
  return normalise(node.getText(source));
}

/** The public schema as database.types.ts declares it. */
export function modelFromTypes(text: string): SchemaModel {
  const source = ts.createSourceFile('database.types.ts', text, ts.ScriptTarget.Latest, true);
  const database = source.statements.find(
    (statement): statement is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(statement) && statement.name.text === 'Database',
  );
  if (!database) throw new Error('database.types.ts declares no Database type');
  const schema = members(members(database.type).get('public')?.type);
  const relations = (group: string): Record<string, TableModel> => {
    const result: Record<string, TableModel> = {};
    for (const [name, table] of members(schema.get(group)?.type)) {
      const parts = members(table.type);
      result[name] = { Row: fields(parts.get('Row')?.type, source) };
      if (parts.has('Insert')) result[name].Insert = fields(parts.get('Insert')!.type, source);
      if (parts.has('Update')) result[name].Update = fields(parts.get('Update')!.type, source);
      if (group === 'Tables') result[name].Relationships = literal(parts.get('Relationships')?.type, source) as Relationship[];
    }
    return result;
  };
  const functions: Record<string, FunctionModel> = {};
  for (const [name, fn] of members(schema.get('Functions')?.type)) {
    const parts = members(fn.type);
    const args = parts.get('Args')?.type;
    const returns = parts.get('Returns')?.type;
    const setof = literal(parts.get('SetofOptions')?.type, source) as { to: string; isSetofReturn: boolean } | undefined;
    functions[name] = {
      Args: !args || args.kind === ts.SyntaxKind.NeverKeyword ? null : fields(args, source),
      Returns: returns && ts.isTypeLiteralNode(returns) ? fields(returns, source) : normalise(returns?.getText(source) ?? ''),
      ...(setof ? { SetofTo: { to: setof.to, isSetofReturn: setof.isSetofReturn } } : {}),
    };
  }
  return { Tables: relations('Tables'), Views: relations('Views'), Functions: functions };
}

const TS_TYPES: Record<string, string> = {
  uuid: 'string', text: 'string', varchar: 'string', timestamptz: 'string', timestamp: 'string', date: 'string',
  int2: 'number', int4: 'number', int8: 'number', numeric: 'number', float4: 'number', float8: 'number',
  bool: 'boolean', json: 'Json', jsonb: 'Json',
};

export function tsType(udt: string): string {
  if (udt.startsWith('_')) return `${tsType(udt.slice(1))}[]`;
  const mapped = TS_TYPES[udt];
  if (!mapped) throw new Error(`No TypeScript type known for the postgres type ${udt}`);
  return mapped;
}

/** Every difference between two models, as readable lines (empty when they agree). */
export function differences(expected: SchemaModel, actual: SchemaModel): string[] {
  const out: string[] = [];
  const compare = (path: string, a: unknown, b: unknown) => {
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of [...keys].sort()) {
        const left = (a as Record<string, unknown>)[key];
        const right = (b as Record<string, unknown>)[key];
        if (left === undefined) out.push(`${path}.${key}: in database.types.ts only`);
        else if (right === undefined) out.push(`${path}.${key}: in the database only`);
        else compare(`${path}.${key}`, left, right);
      }
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      out.push(`${path}: database ${JSON.stringify(a)}, database.types.ts ${JSON.stringify(b)}`);
    }
  };
  compare('public', expected, actual);
  return out;
}

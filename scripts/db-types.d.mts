export const typesPath: string;
export function generateTypes(connectionString: string): Promise<string>;
export function generateFromMigrations(): Promise<string>;

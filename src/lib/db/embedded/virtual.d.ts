declare module 'virtual:awaknow-embedded-db' {
  /** Where the prebuilt data directory (gzipped tar) is served. */
  export const dataDirUrl: string;
  /** The hash of what it was made from (PGlite's version, initdb's arguments, the schema files). */
  export const schemaHash: string;
  /** What a new local user has, as the prebuilt database reported it when it was made. */
  export const firstUsage: import('../types').Usage;
}

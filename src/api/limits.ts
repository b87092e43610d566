/** Limits the API enforces (README "API protection"); each rejects with a clear GraphQL error. */
export const API_LIMITS = {
    maxRequestSizeKb: 256,
    maxRootFields: 20,
    maxResponseNodes: 50_000,
    sqlStatementTimeoutMs: 10_000,
    cacheTtlMs: 1_000,
    /** Deepest selection nesting accepted (e.g. assets → parents → parent → owner → … ). */
    maxQueryDepth: 10,
    /** Most fields one query may select, fragments expanded (a complexity bound for custom resolvers too). */
    maxQueryFields: 400,
}

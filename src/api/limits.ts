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
    /** Largest `limit` / `first` / `offset` a list argument accepts. */
    maxListLimit: 10_000,
    /** Most aliased fields one query may use (fragments expanded). */
    maxQueryAliases: 30,
    /** Most analytics-resolver calls (aliases included) one request may make. */
    maxCostlyFields: 5,
    /** Requests per client IP per rate window (429 with Retry-After beyond); API_RATE_LIMIT overrides (0 = off, e.g. for load benchmarks). */
    rateLimitPerWindow: 3_000,
    rateLimitWindowMs: 60_000,
    /** HTTP server timeouts: whole request head, whole request (body included), idle keep-alive. */
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
}

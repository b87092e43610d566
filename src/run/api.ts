import {ChildProcess} from 'child_process'
import fs from 'fs'
import path from 'path'
import {ROOT, runNode} from './child'

/** Limits the API enforces (README "API protection"); each rejects with a clear GraphQL error. */
export const API_LIMITS = {
    maxRequestSizeKb: 256,
    maxRootFields: 20,
    maxResponseNodes: 50_000,
    sqlStatementTimeoutMs: 10_000,
    cacheTtlMs: 1_000,
}

/**
 * Starts the API process (lib/api/main.js): Subsquid's GraphQL server (OpenReader over
 * schema.graphql plus our type-graphql resolvers) behind a gateway on `port` that adds /ready,
 * /metrics and /export. Limits above; response cache in Redis when REDIS_URL is set, else in memory.
 */
export function startApi(opts: {dbUrl: string; port: number; verbose?: boolean; env?: NodeJS.ProcessEnv}): ChildProcess {
    const main = path.join(ROOT, 'lib', 'api', 'main.js')
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\``)
    return runNode(main, [], {NODE_ENV: 'production', DB_URL: opts.dbUrl, GQL_PORT: String(opts.port), ...opts.env}, {prefix: '[api] ', quiet: !opts.verbose})
}

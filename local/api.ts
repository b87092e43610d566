import fs from 'fs'
import {API_MAIN, runNode, type NodeChild} from './child'

/**
 * Starts the API process (lib/api/main.js): Subsquid's GraphQL server (OpenReader over
 * schema.graphql plus our type-graphql resolvers) behind a gateway on `port` that adds /ready,
 * /metrics and /export. Limits in src/api/limits.ts; response cache in Redis when REDIS_URL is set, else in memory.
 * Its output is forwarded only when `verbose`; the last of it is kept either way (`output()`).
 */
export function startApi(opts: {
    /**
     * The login the API connects with (its DB_URL): its own read-only login (local/api-login.ts
     * apiDatabaseFor / createApiLogin), or the owner's, which is no read-only boundary.
     */
    dbUrl: string
    port: number
    verbose?: boolean
    env?: NodeJS.ProcessEnv
    maxOutput?: number
}): NodeChild {
    const main = API_MAIN
    if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\``)
    return runNode(main, [], {NODE_ENV: 'production', DB_URL: opts.dbUrl, GQL_PORT: String(opts.port), ...opts.env}, {prefix: '[api] ', quiet: !opts.verbose, maxOutput: opts.maxOutput})
}

/**
 * The same checks on GraphQL over WebSocket (subscriptions and queries sent on a socket) as on
 * HTTP: Apollo's request plugins and the gateway's body checks never see WebSocket messages, so
 * this wraps graphql-ws's `useServer` (which @subsquid/openreader calls when subscriptions are on)
 * with an `onSubscribe` that runs the cost checks and the variables checks, and a per-connection
 * message budget. It must be installed before the GraphQL server starts.
 */
import {GraphQLError} from 'graphql'
import {badVariable, RateLimiter} from './graphql-guard'
import {checkQuery} from './query-cost'

const wsError = (message: string, code: string) => new GraphQLError(message, undefined, undefined, undefined, undefined, undefined, {code})

let installed = false

export function installWebSocketGuard(limiter: RateLimiter): void {
    if (installed) return
    const mod = require('graphql-ws/lib/use/ws')
    const useServer = mod.useServer
    if (typeof useServer !== 'function') throw new Error('graphql-ws changed: lib/use/ws has no useServer; update src/api/ws-guard.ts')
    mod.useServer = function (options: any, ws: any, keepAlive?: number) {
        const inner = options.onSubscribe
        return useServer(
            {
                ...options,
                onSubscribe: async (ctx: any, msg: any) => {
                    const client = ctx?.extra?.request?.socket?.remoteAddress ?? 'unknown'
                    const wait = limiter.hit(`ws:${client}`)
                    if (wait != null) return [wsError(`too many operations from this address: retry after ${wait} s`, 'RATE_LIMITED')]
                    const p = msg?.payload ?? {}
                    const bad = badVariable(p.variables ?? {})
                    if (bad) return [wsError(bad, 'BAD_USER_INPUT')]
                    const err = checkQuery(p.query, p.operationName, p.variables)
                    if (err) return [wsError(err.message, err.code)]
                    return inner ? inner(ctx, msg) : undefined
                },
            },
            ws,
            keepAlive,
        )
    }
    installed = true
}

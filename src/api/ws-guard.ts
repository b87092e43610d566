/**
 * The same checks on GraphQL over WebSocket (subscriptions and queries sent on a socket) as on
 * HTTP: Apollo's request plugins and the gateway's body checks never see WebSocket messages, so
 * this wraps graphql-ws's `useServer` (which @subsquid/openreader calls when subscriptions are on)
 * with an `onSubscribe` that runs the cost checks and the variables checks, a per-address
 * operation budget, and a bound on the operations one connection runs at once (each live
 * subscription polls the database: src/api/resolvers/live.ts). It must be installed before the
 * GraphQL server starts.
 */
import {GraphQLError} from 'graphql'
import {badVariable, RateLimiter} from './graphql-guard'
import {checkQuery} from './query-cost'

const wsError = (message: string, code: string) => new GraphQLError(message, undefined, undefined, undefined, undefined, undefined, {code})

let installed = false

/** Most operations (subscriptions, live queries included) one WebSocket connection may run at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10

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
                    // graphql-ws has reserved this operation's id in ctx.subscriptions already
                    const active = Object.keys(ctx?.subscriptions ?? {}).length
                    if (active > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
                        return [wsError(`this connection already runs ${active - 1} operations, the most one connection may run at once is ${MAX_SUBSCRIPTIONS_PER_CONNECTION}: complete one first or open another connection`, 'TOO_MANY_SUBSCRIPTIONS')]
                    }
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

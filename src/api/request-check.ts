import type {RequestCheckContext} from '@subsquid/graphql-server/lib/check'
import {print} from 'graphql'
import {API_LIMITS} from './limits'
import {checkQuery} from './query-cost'

export const MAX_QUERY_DEPTH = API_LIMITS.maxQueryDepth
export const MAX_QUERY_FIELDS = API_LIMITS.maxQueryFields

/**
 * Loaded by @subsquid/graphql-server: the same cost checks the gateway runs before forwarding
 * (src/api/query-cost.ts), kept here as a second line for requests that reach the server directly.
 */
export async function requestCheck(req: RequestCheckContext): Promise<boolean | string> {
    const query = req.request.query ?? print(req.operation)
    const err = checkQuery(query, req.request.operationName)
    return err ? err.message : true
}

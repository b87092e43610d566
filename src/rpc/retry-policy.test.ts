import {HttpError, HttpResponse} from '@subsquid/http-client'
import {RpcClient, RpcError, RpcProtocolError} from '@subsquid/rpc-client'
import {describe, expect, it} from 'vitest'
import {installRpcRetryPolicy, isTransientRpcFault} from './retry-policy'

const http = (status: number) => new HttpError(new HttpResponse(1, 'http://x', status, new Headers() as any, 'oops', false))

describe('RPC retry policy', () => {
    it('retries server faults, truncated bodies and JSON-RPC internal errors', () => {
        for (const s of [500, 502, 503, 504, 520, 408, 429]) expect(isTransientRpcFault(http(s)), String(s)).toBe(true)
        expect(isTransientRpcFault(new RpcProtocolError(1008, 'server returned invalid JSON: Unexpected end of JSON input'))).toBe(true)
        expect(isTransientRpcFault(new RpcError({code: -32603, message: 'internal error'}))).toBe(true)
        expect(isTransientRpcFault(new RpcError({code: -32000, message: 'header not found yet, try later'}))).toBe(false)
    })

    it('keeps answers as answers: client errors, range hints, not found, unknown methods', () => {
        for (const s of [400, 401, 403, 404]) expect(isTransientRpcFault(http(s)), String(s)).toBe(false)
        expect(isTransientRpcFault(new RpcError({code: -32005, message: 'query returned more than 10000 results'}))).toBe(false)
        expect(isTransientRpcFault(new RpcError({code: -32602, message: 'invalid params'}))).toBe(false)
        expect(isTransientRpcFault(new RpcError({code: -32601, message: 'the method alchemy_getTransactionReceipts does not exist'}))).toBe(false)
        expect(isTransientRpcFault(new Error('something else'))).toBeUndefined()
    })

    it('patches the pinned RpcClient (the methods it relies on exist)', () => {
        installRpcRetryPolicy()
        installRpcRetryPolicy() // idempotent
        const c = new RpcClient({url: 'http://127.0.0.1:9', log: null}) as any
        expect(c.isConnectionError(http(500))).toBe(true)
        expect(c.isConnectionError(new RpcProtocolError(1008, 'server returned invalid JSON'))).toBe(true)
        expect(c.isConnectionError(http(400))).toBe(false)
        c.close()
    })
})

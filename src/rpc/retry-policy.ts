/**
 * Which RPC failures the processor waits out instead of exiting.
 *
 * Subsquid's RpcClient retries (forever, for the processor) what it classifies as a connection
 * error: resets, timeouts, HTTP 429/502/503/504 and rate-limit answers. Everything else rejects the
 * request and ends the processor: an HTTP 500, a truncated or garbage body ("server returned
 * invalid JSON"), or a JSON-RPC error object from a flaky node. The client cannot be configured
 * to treat those as transient, so `installRpcRetryPolicy` widens its classification (one method,
 * `isConnectionError`, of the exactly pinned @subsquid/rpc-client; a test guards that it exists).
 *
 * JSON-RPC errors that are answers rather than faults stay errors: the processor relies on them
 * to split log ranges ("query returned more than …", "try with this block range"), to read an
 * absent block as null ("not found") and to probe optional methods (method not found).
 */
import {HttpError} from '@subsquid/http-client'
import {RpcClient, RpcError, RpcProtocolError} from '@subsquid/rpc-client'

/** Error codes that answer the request: method not found, invalid params, execution reverted. */
const ANSWER_CODES = new Set([-32601, -32602, 3])
const ANSWER_MESSAGE = /query returned more than|response is too big|try with this block range|not found|does not exist|not supported|unsupported|execution reverted/i

/**
 * true: a transient fault worth retrying; false: a definite answer; undefined: no opinion (keep
 * Subsquid's own classification).
 */
export function isTransientRpcFault(err: unknown): boolean | undefined {
    if (err instanceof HttpError) {
        const s = err.response.status
        return s >= 500 || s === 408 || s === 425 || s === 429
    }
    if (err instanceof RpcProtocolError) return true
    if (err instanceof RpcError) return !ANSWER_CODES.has(err.code) && !ANSWER_MESSAGE.test(err.message)
    if (err instanceof SyntaxError) return true
    return undefined
}

/**
 * Pauses after 1, 2, 3 … consecutive failures. Subsquid's default climbs to 10 s and 20 s after
 * five failures in a row, which a provider failing one request in ten reaches within minutes; this
 * schedule tops out at 5 s, still far below any sane rate limit window.
 */
export const RETRY_SCHEDULE_MS = [50, 200, 500, 1000, 2000, 5000]
const SUBSQUID_DEFAULT_SCHEDULE = [10, 100, 500, 2000, 10000, 20000]

let installed = false

/**
 * Makes every RpcClient of this process retry transient faults (above) with RETRY_SCHEDULE_MS
 * (unless the client was given its own schedule), plus up to 25 % random jitter so that restarted clients do not retry in step. Idempotent.
 */
export function installRpcRetryPolicy(): void {
    if (installed) return
    const proto = RpcClient.prototype as any
    const original = proto.isConnectionError
    const backoff = proto.backoff
    if (typeof original !== 'function' || typeof backoff !== 'function') {
        throw new Error('@subsquid/rpc-client changed: RpcClient.isConnectionError/backoff are gone; update src/rpc/retry-policy.ts')
    }
    proto.isConnectionError = function (err: unknown): boolean {
        return isTransientRpcFault(err) ?? original.call(this, err)
    }
    proto.backoff = function (this: any, ...args: unknown[]) {
        if (this.retrySchedule === SUBSQUID_DEFAULT_SCHEDULE || String(this.retrySchedule) === String(SUBSQUID_DEFAULT_SCHEDULE)) this.retrySchedule = RETRY_SCHEDULE_MS
        backoff.apply(this, args)
        if (typeof this.backoffTime === 'number') {
            const pause = Math.max(0, this.backoffTime - Date.now())
            this.backoffTime += Math.floor(Math.random() * pause * 0.25)
        }
    }
    installed = true
}

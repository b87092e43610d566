/**
 * The tooling's one JSON-RPC client (devnet, simulator, benches, tests): viem's HTTP JSON-RPC client
 * (`getHttpRpcClient`, what viem's `http` transport runs on; it also sends JSON-RPC batch bodies)
 * with a timeout, retries with exponential backoff on transient failures, and errors that name
 * the method and the URL. `publicClientFor` puts it under a viem client (a transport over the same
 * client, so that viem's actions and error classes work as with `http`); the simulator uses it
 * directly for its batches (simulator/rpc.ts).
 *
 * Retries (viem's `withRetry`): connection failures, timeouts and HTTP 408/429/5xx. A JSON-RPC error
 * is an answer, never retried. A method that changes the chain (`evm_mine`, `eth_sendTransaction`,
 * ...) is only retried when the node refused the connection or the request (HTTP 429/503): after a
 * timeout or a reset it may have run, and running it twice would change the chain.
 *
 * Response size: viem 2.57 caps a response body at 10 MiB by default (`maxResponseBodySize`,
 * enforced while reading the body in viem/utils/internal/http.ts: ResponseBodyTooLargeError). The
 * cap is an option here; the simulator raises it for its `eth_getLogs` pages (simulator/rpc.ts).
 */
import {
    BaseError,
    createPublicClient,
    createTransport,
    HttpRequestError,
    ResponseBodyTooLargeError,
    RpcRequestError,
    TimeoutError,
    withRetry,
    type EIP1193RequestFn,
    type PublicClient,
    type Transport,
} from 'viem'
import {getHttpRpcClient, type HttpRpcClient} from 'viem/utils'

export interface RpcOptions {
    /** Retries after the first attempt (default 3). */
    retryCount?: number
    /** Backoff base in ms: retry n waits retryDelay × 2^(n-1) (default 150: 150, 300, 600 ms). */
    retryDelay?: number
    /** Per attempt, until the whole response body is read, in ms (default 30 s). */
    timeout?: number
    /** Largest response body in bytes, `false` for none (default viem's 10 MiB). */
    maxResponseBodySize?: number | false
}

export const RPC_DEFAULTS: Required<RpcOptions> = {retryCount: 3, retryDelay: 150, timeout: 30_000, maxResponseBodySize: 10_485_760}

/** A JSON-RPC error answer (`{error: {code, message, data}}`) to `method`. */
export class RpcError extends Error {
    constructor(
        readonly method: string,
        readonly code: number,
        /** The node's message, as it sent it. */
        readonly rpcMessage: string,
        readonly data?: unknown,
    ) {
        super(`${method}: ${rpcMessage} (code ${code})`)
    }
}

/**
 * No answer from the node (connection refused or reset, timeout, HTTP error, body too large), after
 * the retries. A viem `BaseError` (so that viem passes it through as it is), with a one-line message.
 */
export class RpcTransportError extends BaseError {
    override name = 'RpcTransportError'

    constructor(
        /** `eth_blockNumber`, or `batch of 96 (eth_sendTransaction)`. */
        readonly what: string,
        readonly url: string,
        readonly attempts: number,
        reason: string,
        cause: Error,
    ) {
        super(`${what} to ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`, {cause, name: 'RpcTransportError'})
        this.message = this.shortMessage
    }
}

export interface RpcCall {
    method: string
    params: unknown[]
}

/** Methods that change the chain: retried only when the request certainly did not run. */
const CHANGES_CHAIN = /^(eth_send|evm_mine|anvil_mine|hardhat_mine|evm_increaseTime|evm_snapshot|evm_revert|anvil_reorg|anvil_rollback|anvil_drop|anvil_remove)/

interface RawResponse {
    id?: number
    result?: unknown
    error?: {code: number; message: string; data?: unknown}
}

export class RpcClient {
    readonly options: Required<RpcOptions>
    private readonly http: HttpRpcClient
    private id = 0

    constructor(
        readonly url: string,
        opts: RpcOptions = {},
    ) {
        this.options = {...RPC_DEFAULTS, ...stripUndefined(opts)}
        this.http = getHttpRpcClient(url, {timeout: this.options.timeout, maxResponseBodySize: this.options.maxResponseBodySize})
    }

    /** One call; a JSON-RPC error is thrown as `RpcError`, a transport failure as `RpcTransportError`. */
    async call<T = any>(method: string, params: unknown[] = []): Promise<T> {
        const body = {jsonrpc: '2.0', id: ++this.id, method, params}
        const res = (await this.send(body, [method], method)) as RawResponse
        if (res.error) throw new RpcError(method, res.error.code, res.error.message, res.error.data)
        return res.result as T
    }

    /**
     * Sends the calls as JSON-RPC batches (one POST per `chunk` calls, default 2000); results in
     * order. JSON-RPC errors are returned, not thrown, if `settle`. A transport failure throws.
     */
    async batch<T = any>(calls: RpcCall[], opts: {settle?: boolean; chunk?: number} = {}): Promise<(T | RpcError)[]> {
        const out: (T | RpcError)[] = []
        const chunk = opts.chunk ?? 2000
        for (let start = 0; start < calls.length; start += chunk) {
            const part = calls.slice(start, start + chunk)
            const base = this.id
            this.id += part.length
            const body = part.map((c, i) => ({jsonrpc: '2.0', id: base + i + 1, method: c.method, params: c.params}))
            const res = (await this.send(body, part.map((c) => c.method), describeBatch(part))) as RawResponse[]
            const byId = new Map<number, RawResponse>(res.map((r) => [r.id as number, r]))
            part.forEach((c, i) => {
                // A node that rejects a whole batch answers with one error (viem repeats it for each call).
                const r = byId.get(base + i + 1) ?? (res.length === part.length && res[i]?.id == null ? res[i] : undefined)
                if (r == null) out.push(new RpcError(c.method, -1, 'missing from batch response'))
                else if (r.error) out.push(new RpcError(c.method, r.error.code, r.error.message, r.error.data))
                else out.push(r.result as T)
            })
        }
        if (!opts.settle) {
            const err = out.find((r) => r instanceof RpcError)
            if (err) throw err
        }
        return out
    }

    private async send(body: object | object[], methods: string[], what: string): Promise<RawResponse | RawResponse[]> {
        const {retryCount, retryDelay} = this.options
        const changesChain = methods.some((m) => CHANGES_CHAIN.test(m))
        let attempts = 0
        try {
            return await withRetry(
                async () => {
                    attempts++
                    try {
                        return (await this.http.request({body: body as any})) as RawResponse | RawResponse[]
                    } catch (e) {
                        // A JSON-RPC error in a non-2xx response is still an answer (unless 429/503: retried).
                        if (e instanceof RpcRequestError && !(e.status === 429 || e.status === 503)) {
                            const error = {code: e.code, message: e.details, data: e.data}
                            return Array.isArray(body) ? body.map(() => ({error})) : {error}
                        }
                        throw e
                    }
                },
                {
                    retryCount,
                    delay: ({count}) => (1 << count) * retryDelay,
                    shouldRetry: ({error}) => isTransient(error, changesChain),
                },
            )
        } catch (e) {
            if (!(e instanceof Error)) throw e
            throw new RpcTransportError(what, this.url, attempts, describeFailure(e, this.options), e)
        }
    }
}

function isTransient(error: Error, changesChain: boolean): boolean {
    if (error instanceof ResponseBodyTooLargeError) return false
    const status = (error as HttpRequestError | RpcRequestError).status
    if (status === 429 || status === 503) return true
    if (changesChain) return networkCode(error) === 'ECONNREFUSED'
    if (error instanceof TimeoutError) return true
    if (status != null) return status === 408 || status >= 500
    // No status: a network failure (fetch's TypeError under viem's HttpRequestError) is transient,
    // anything else (a malformed response, a wrong number of batch answers) is not.
    return error instanceof HttpRequestError && error.cause instanceof TypeError
}

/** The errno-style code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET...) in an error's cause chain. */
function networkCode(error: unknown): string | undefined {
    for (let e: any = error, depth = 0; e != null && depth < 8; e = e.cause, depth++) {
        if (typeof e.code === 'string') return e.code
        if (Array.isArray(e.errors)) for (const x of e.errors) if (typeof x?.code === 'string') return x.code
    }
    return undefined
}

function describeFailure(e: Error, opts: Required<RpcOptions>): string {
    if (e instanceof TimeoutError) return `no complete response within ${opts.timeout / 1000} s (timeout)`
    if (e instanceof ResponseBodyTooLargeError) return `response body larger than the ${e.maxSize} bytes limit (maxResponseBodySize)`
    const status = (e as HttpRequestError).status
    if (e instanceof HttpRequestError || e instanceof RpcRequestError) {
        const details = (e.details ?? '').slice(0, 300)
        if (status != null) return `HTTP ${status}${details ? `: ${details}` : ''}`
        // Deepest message of the cause chain: "connect ECONNREFUSED 127.0.0.1:8545", "other side closed".
        let inner: any = e.cause
        while (inner?.cause instanceof Error) inner = inner.cause
        const code = networkCode(e)
        const msg = inner?.message ?? details
        return code && !String(msg).includes(code) ? `${msg} (${code})` : String(msg)
    }
    return e.message.slice(0, 300)
}

function describeBatch(calls: RpcCall[]): string {
    const counts = new Map<string, number>()
    for (const c of calls) counts.set(c.method, (counts.get(c.method) ?? 0) + 1)
    const methods = [...counts.entries()].map(([m, n]) => (counts.size === 1 ? m : `${m} ×${n}`))
    return `batch of ${calls.length} (${methods.slice(0, 4).join(', ')}${methods.length > 4 ? ', ...' : ''})`
}

function stripUndefined<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}

/**
 * A viem transport over `RpcClient`: JSON-RPC errors are thrown as viem's `RpcRequestError` (as the
 * `http` transport does, so viem maps them to its error classes and decodes reverts); retries are
 * the client's, so viem's own are off. `transport.url` is the URL, as with `http`.
 */
export function devnetTransport(url: string, opts: RpcOptions = {}): Transport<'http', {url: string}> {
    const rpc = new RpcClient(url, opts)
    return () =>
        createTransport(
            {
                key: 'devnet',
                name: 'devnet JSON-RPC',
                type: 'http',
                retryCount: 0,
                timeout: rpc.options.timeout,
                request: (async ({method, params}: {method: string; params?: unknown}) => {
                    try {
                        return await rpc.call(method, (params as unknown[] | undefined) ?? [])
                    } catch (e) {
                        if (e instanceof RpcError) {
                            throw new RpcRequestError({body: {method, params}, error: {code: e.code, message: e.rpcMessage, data: e.data}, url})
                        }
                        throw e
                    }
                }) as EIP1193RequestFn,
            },
            {url},
        )
}

/** A viem public client on a devnet (no caching, fast polling), over the shared JSON-RPC client. */
export function publicClientFor(rpcUrl: string, opts: RpcOptions = {}): PublicClient {
    return createPublicClient({cacheTime: 0, pollingInterval: 100, transport: devnetTransport(rpcUrl, opts)}) as PublicClient
}

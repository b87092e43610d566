import {RpcClient} from '@subsquid/rpc-client'
import {installRpcRetryPolicy} from './retry-policy'

/**
 * A Subsquid RpcClient for the squid's own calls outside the processor's ingestion (the head probe
 * of --exit-at-head, the fork check at start): the same client and retry policy as ingestion, but
 * a bounded number of attempts, so an unreachable node ends in a message instead of a hang.
 */
export function chainRpc(url: string, opts: {retryAttempts?: number; requestTimeout?: number} = {}): RpcClient {
    installRpcRetryPolicy()
    return new RpcClient({url, retryAttempts: opts.retryAttempts ?? 8, requestTimeout: opts.requestTimeout ?? 10_000, log: null})
}

/** Calls `method` once (with the client's retries); a failure names the method and the URL. */
export async function rpcCall<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
    const client = chainRpc(url)
    try {
        return await client.call<T>(method, params)
    } catch (e: any) {
        throw new Error(`${method} on ${url} failed after retries: ${e?.message ?? e}`)
    } finally {
        client.close()
    }
}

/**
 * `/ready` (and `/health`) that tell the truth: 200 only while the database answers, the chain RPC
 * answers and the processor is within `maxLag` blocks of the chain head; 503 otherwise, with the
 * reason. The JSON always gives indexed height (hot blocks included), finalized height, chain head
 * and lag, so a process manager or a load balancer can act on it and a person can read it.
 */
import type pg from 'pg'
import {chainRpc} from '../rpc/client'

export interface Readiness {
    ready: boolean
    /** Why not ready (absent when ready). */
    reason?: string
    indexedHeight: number | null
    finalizedHeight: number | null
    chainHead: number | null
    lag: number | null
    maxLag: number
    database: 'ok' | 'unreachable'
    rpc: 'ok' | 'unreachable' | 'not configured'
}

export function readinessProbe(opts: {pool: pg.Pool; rpcUrl?: string; maxLag: number}) {
    const rpc = opts.rpcUrl ? chainRpc(opts.rpcUrl, {retryAttempts: 0, requestTimeout: 2_000}) : undefined
    let cachedHead: {at: number; value: number | Error} | undefined
    const head = async (): Promise<number | Error> => {
        if (cachedHead && Date.now() - cachedHead.at < 1_000) return cachedHead.value
        let value: number | Error
        try {
            value = Number(BigInt(await rpc!.call<string>('eth_blockNumber')))
        } catch (e: any) {
            value = e instanceof Error ? e : new Error(String(e))
        }
        cachedHead = {at: Date.now(), value}
        return value
    }
    return async (): Promise<Readiness> => {
        const out: Readiness = {ready: false, indexedHeight: null, finalizedHeight: null, chainHead: null, lag: null, maxLag: opts.maxLag, database: 'ok', rpc: rpc ? 'ok' : 'not configured'}
        const reasons: string[] = []
        const [db, h] = await Promise.all([
            opts.pool
                .query(
                    `SELECT s.height AS finalized, GREATEST(s.height, (SELECT max(height) FROM squid_processor.hot_block)) AS indexed FROM squid_processor.status s WHERE s.id = 0`,
                )
                .then((r) => r.rows[0] as {finalized: number; indexed: number} | undefined)
                .catch((e: Error) => e),
            rpc ? head() : Promise.resolve(undefined),
        ])
        if (db instanceof Error) {
            out.database = 'unreachable'
            reasons.push(`database unreachable: ${db.message.split('\n')[0]}`)
        } else if (db == null || Number(db.indexed) < 0) {
            reasons.push('the processor has not committed a block yet')
        } else {
            out.finalizedHeight = Number(db.finalized)
            out.indexedHeight = Number(db.indexed)
        }
        if (h instanceof Error) {
            out.rpc = 'unreachable'
            reasons.push(`chain RPC unreachable: ${h.message.split('\n')[0]}`)
        } else if (h != null) {
            out.chainHead = h
        }
        if (out.indexedHeight != null && out.chainHead != null) {
            out.lag = Math.max(0, out.chainHead - out.indexedHeight)
            if (out.lag > opts.maxLag) reasons.push(`indexing is ${out.lag} blocks behind the chain head (ready within ${opts.maxLag})`)
        }
        out.ready = reasons.length === 0
        if (!out.ready) out.reason = reasons.join('; ')
        return out
    }
}

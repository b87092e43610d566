/**
 * The processor's continuous self-check (VERIFY_SAMPLE_PER_BATCH=n, off by default): after a
 * batch is written, inside its transaction, n figures sampled from the whole database (./figures.ts,
 * read with ./rows-sql.ts) are compared with the chain's view functions at the batch's last block.
 * If the chain's block at that height is no longer the indexed one (a reorg in flight), the check
 * is skipped: it runs again on the next batch. A failure to check is logged, never fatal.
 */
import type {PublicClient} from 'viem'
import type {ManifestContract} from '../config/manifest'
import {FIGURE_KINDS, protocolFigures, type Figure} from './figures'
import {protocolRow, rowsById} from './rows-sql'
import {checkFigures, type Mismatch} from './run'

type Query = (sql: string, params?: unknown[]) => Promise<any[]>

export interface SelfCheckResult {
    checked: number
    mismatches: Mismatch[]
    /** Why nothing was checked (e.g. the chain's block at that height differs). */
    skipped?: string
}

export async function selfCheck(o: {
    query: Query
    client: PublicClient
    rpcUrl: string
    contracts: Record<ManifestContract, string>
    height: number
    hash: string
    sample: number
    random?: () => number
}): Promise<SelfCheckResult> {
    const random = o.random ?? Math.random
    const block = await o.client.getBlock({blockNumber: BigInt(o.height)})
    if (block.hash.toLowerCase() !== o.hash.toLowerCase()) return {checked: 0, mismatches: [], skipped: `the chain's block ${o.height} is ${block.hash}, not the indexed ${o.hash} (a reorg in flight)`}
    const figures: Figure[] = []
    const [counts] = await o.query(`SELECT asset_count, receipt_count, license_count, proposal_count FROM protocol WHERE id = 'sahara'`)
    if (counts == null) return {checked: 0, mismatches: [], skipped: 'nothing indexed yet'}
    const numbered: Record<string, number> = {asset: counts.asset_count, receipt: counts.receipt_count, license: counts.license_count, proposal: counts.proposal_count}
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
    for (let attempt = 0; figures.length < o.sample && attempt < o.sample * 4; attempt++) {
        const kind = pick([...FIGURE_KINDS, 'protocol' as const])
        let candidates: Figure[] = []
        if (kind === 'protocol') {
            const {protocol, vaultBalance} = await protocolRow(o.query, o.contracts.RevenueVault)
            candidates = protocolFigures(protocol, vaultBalance, o.contracts)
        } else {
            let id: string | undefined
            if (kind.name in numbered) {
                if (numbered[kind.name] > 0) id = String(1 + Math.floor(random() * numbered[kind.name]))
            } else {
                // an address at or after a random one: an index seek, whatever the number of accounts
                const from = `0x${Array.from({length: 40}, () => Math.floor(random() * 16).toString(16)).join('')}`
                const [row] = await o.query(`(SELECT id FROM account WHERE id >= $1 ORDER BY id LIMIT 1) UNION ALL (SELECT id FROM account ORDER BY id LIMIT 1) LIMIT 1`, [from])
                id = row?.id
            }
            if (id == null) continue
            const [row] = await rowsById(o.query, kind, [id])
            if (row) candidates = kind.figures(row, o.contracts)
        }
        if (candidates.length) figures.push(pick(candidates))
    }
    const {mismatches} = await checkFigures(o.client, o.contracts, figures, o.height, o.rpcUrl)
    return {checked: figures.length, mismatches}
}

/**
 * Mines batches of impersonated transactions into single blocks, fast and in a fixed order:
 * - explicit nonces (anvil handles a JSON-RPC batch concurrently, so it cannot pick them);
 * - strictly decreasing gas prices (1 wei steps) so that anvil's fee ordering reproduces the
 *   batch order exactly, whatever order the concurrent batch reached its pool in;
 * - one `evm_mine` (with a pinned timestamp), then one `eth_getLogs` for the whole block.
 * Every transaction the simulator sends emits at least one event on success, except the claims
 * (`silentOk`); a transaction without events is looked up and its revert reason reported.
 */
import type {Address, Hex} from 'viem'
import {Contracts} from './contracts'
import {hexToNumber, quantity, Rpc, RpcError} from './rpc'

export interface RawLog {
    address: Address
    topics: Hex[]
    data: Hex
    transactionHash: Hex
    blockNumber: Hex
    logIndex: Hex
}

export interface SimTx {
    from: Address
    to: Address
    data: Hex
    gas: number
    /** What the transaction does, for error messages (e.g. `LicenseRegistry.purchase`). */
    label: string
    /** Succeeds without events when there is nothing to do (claims). */
    silentOk?: boolean
    onLogs?: (logs: RawLog[]) => void
}

export interface MinedBlock {
    number: number
    timestamp: number
    txs: number
    logs: number
}

/** Gas a block may hold in transaction gas limits (anvil's devnet limit is 3e9). */
export const BLOCK_GAS_BUDGET = 2_500_000_000

export class SimulationRevert extends Error {}

export class Sender {
    private readonly nonces = new Map<string, number>()

    constructor(
        readonly rpc: Rpc,
        readonly contracts: Contracts,
    ) {}

    private async loadNonces(addresses: string[]): Promise<void> {
        const missing = [...new Set(addresses.filter((a) => !this.nonces.has(a)))]
        if (missing.length === 0) return
        const counts = await this.rpc.batch<string>(missing.map((a) => ({method: 'eth_getTransactionCount', params: [a, 'pending']})))
        missing.forEach((a, i) => this.nonces.set(a, hexToNumber(counts[i] as string)))
    }

    /** Mines `txs` (in this order) into one block with the given timestamp. */
    async mine(txs: SimTx[], timestamp?: number): Promise<MinedBlock> {
        if (txs.length === 0) return this.mineEmpty(timestamp)
        const froms = txs.map((t) => t.from.toLowerCase())
        await this.loadNonces(froms)
        const calls = txs.map((t, i) => {
            const from = froms[i]
            const nonce = this.nonces.get(from)!
            this.nonces.set(from, nonce + 1)
            return {
                method: 'eth_sendTransaction',
                params: [{from, to: t.to, data: t.data, gas: quantity(t.gas), gasPrice: quantity(txs.length - i), nonce: quantity(nonce)}],
            }
        })
        const sent = await this.rpc.batch<Hex>(calls, {settle: true})
        const sendErrors = sent.map((r, i) => (r instanceof RpcError ? `#${i} ${txs[i].label} from ${froms[i]}: ${r.message}` : undefined)).filter(Boolean)
        if (sendErrors.length > 0) {
            throw new Error(`eth_sendTransaction failed for ${sendErrors.length} of ${txs.length}:\n  ${sendErrors.slice(0, 5).join('\n  ')}`)
        }
        const hashes = sent as Hex[]
        await this.rpc.call('evm_mine', timestamp != null ? [timestamp] : [])
        const block = await this.rpc.call<any>('eth_getBlockByNumber', ['latest', false])
        const number = hexToNumber(block.number)
        if (block.transactions.length !== txs.length) {
            const included = new Set<string>(block.transactions)
            const left = txs.filter((_, i) => !included.has(hashes[i])).map((t) => t.label)
            throw new Error(`block ${number} holds ${block.transactions.length} of ${txs.length} transactions; not mined: ${left.slice(0, 5).join(', ')}`)
        }
        const logs = await this.rpc.call<RawLog[]>('eth_getLogs', [{fromBlock: block.number, toBlock: block.number}])
        const byTx = new Map<string, RawLog[]>()
        for (const l of logs) {
            const list = byTx.get(l.transactionHash)
            if (list) list.push(l)
            else byTx.set(l.transactionHash, [l])
        }
        const silent = txs.map((_, i) => i).filter((i) => !byTx.has(hashes[i]))
        if (silent.length > 0) await this.checkSilent(txs, hashes, silent, number)
        txs.forEach((t, i) => t.onLogs?.(byTx.get(hashes[i]) ?? []))
        return {number, timestamp: hexToNumber(block.timestamp), txs: txs.length, logs: logs.length}
    }

    async mineEmpty(timestamp?: number): Promise<MinedBlock> {
        await this.rpc.call('evm_mine', timestamp != null ? [timestamp] : [])
        const block = await this.rpc.call<any>('eth_getBlockByNumber', ['latest', false])
        return {number: hexToNumber(block.number), timestamp: hexToNumber(block.timestamp), txs: block.transactions.length, logs: 0}
    }

    private async checkSilent(txs: SimTx[], hashes: Hex[], idx: number[], blockNumber: number): Promise<void> {
        const receipts = await this.rpc.batch<any>(idx.map((i) => ({method: 'eth_getTransactionReceipt', params: [hashes[i]]})))
        const problems: string[] = []
        for (const [k, i] of idx.entries()) {
            const r = receipts[k]
            const t = txs[i]
            if (r.status === '0x1') {
                if (!t.silentOk) problems.push(`${t.label} from ${t.from} succeeded without events (${hashes[i]})`)
                continue
            }
            let reason = 'unknown reason'
            if (hexToNumber(r.gasUsed) >= t.gas) {
                problems.push(`${t.label} from ${t.from} ran out of gas in block ${blockNumber} (${hashes[i]}, gas limit ${t.gas}): raise its gas estimate`)
                continue
            }
            try {
                await this.rpc.call('eth_call', [{from: t.from, to: t.to, data: t.data, gas: quantity(t.gas)}, 'latest'])
                reason = 'reverted in the block, but the same call succeeds on the current state'
            } catch (e) {
                reason = e instanceof RpcError ? `${this.contracts.describeRevert(extractRevertData(e))} (replayed on the current state)` : String(e)
            }
            problems.push(`${t.label} from ${t.from} reverted in block ${blockNumber} (${hashes[i]}, gas used ${hexToNumber(r.gasUsed)} of ${t.gas}): ${reason}`)
        }
        if (problems.length > 0) {
            throw new SimulationRevert(`unexpected transaction failure (${problems.length}):\n  ${problems.slice(0, 8).join('\n  ')}`)
        }
    }
}

function extractRevertData(e: RpcError): Hex | undefined {
    const d = e.data as any
    if (typeof d === 'string' && d.startsWith('0x')) return d as Hex
    if (d && typeof d.data === 'string') return d.data as Hex
    return undefined
}

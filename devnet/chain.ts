import {type Address, type Hex, type PublicClient} from 'viem'

/** A transaction sent from an impersonated (unlocked) devnet account. */
export interface Tx {
    from: Address
    to: Address
    data: Hex
    gas?: bigint
}

export async function rpc<T = any>(client: PublicClient, method: string, params: unknown[] = []): Promise<T> {
    return (await client.request({method: method as any, params: params as any})) as T
}

/** Lets the devnet send from any address without a key (anvil only). */
export async function enableImpersonation(client: PublicClient): Promise<void> {
    await rpc(client, 'anvil_autoImpersonateAccount', [true])
}

export async function setAutomine(client: PublicClient, on: boolean): Promise<void> {
    await rpc(client, 'evm_setAutomine', [on])
}

/**
 * Sends `txs` in order with automine off, mines them into one block with `evm_mine`, and checks
 * that each succeeded (see STACK.md: batches + evm_mine is what works with anvil).
 * Throws with the failing transaction's index if one reverted, unless `allowRevert`.
 */
export async function sendBatch(
    client: PublicClient,
    txs: Tx[],
    opts: {allowRevert?: boolean; receipts?: boolean} = {},
): Promise<{hashes: Hex[]; blockNumber: bigint}> {
    const hashes: Hex[] = []
    for (const tx of txs) {
        const hash = await rpc<Hex>(client, 'eth_sendTransaction', [
            {from: tx.from, to: tx.to, data: tx.data, gas: toQuantity(tx.gas ?? 5_000_000n)},
        ])
        hashes.push(hash)
    }
    await rpc(client, 'evm_mine', [])
    const blockNumber = BigInt(await rpc<string>(client, 'eth_blockNumber'))
    if (opts.receipts !== false && hashes.length > 0) {
        const receipts = await Promise.all(hashes.map((hash) => rpc(client, 'eth_getTransactionReceipt', [hash])))
        receipts.forEach((r: any, i) => {
            if (r == null) throw new Error(`transaction ${i} of the batch was not mined (${hashes[i]})`)
            if (r.status !== '0x1' && !opts.allowRevert) {
                throw new Error(`transaction ${i} of the batch reverted: from ${txs[i].from} to ${txs[i].to} (${hashes[i]})`)
            }
        })
    }
    return {hashes, blockNumber}
}

export async function mine(client: PublicClient, blocks = 1): Promise<void> {
    await rpc(client, 'anvil_mine', [toQuantity(BigInt(blocks))])
}

export function toQuantity(n: bigint): Hex {
    return `0x${n.toString(16)}`
}

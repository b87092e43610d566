import {encodeFunctionData, keccak256, toHex, type Address, type PublicClient} from 'viem'
import {DeploymentManifest} from '../src/config/manifest'
import {loadArtifacts} from './compile'
import {enableImpersonation, rpc, sendBatch, setAutomine, Tx} from './chain'
import {DEPLOYER, TOTAL_SUPPLY} from './deploy'

/** How many simulated accounts the devnet funds and delegates. */
export const SIM_ACCOUNT_COUNT = 240
/** Share of the supply handed out to simulated accounts (the deployer keeps the rest, undelegated). */
export const SIM_SUPPLY_SHARE_BPS = 6000n

/** Deterministic address of simulated account `i` (no key: the devnet impersonates it). */
export function simAccount(i: number): Address {
    return `0x${keccak256(toHex(`sahara-sim-account-${i}`)).slice(-40)}` as Address
}

export function simAccounts(n = SIM_ACCOUNT_COUNT): Address[] {
    return Array.from({length: n}, (_, i) => simAccount(i))
}

/** Token balance given to account i: a Zipf-like split of 60 % of the supply (whales and a long tail). */
export function simAllocation(i: number, n = SIM_ACCOUNT_COUNT): bigint {
    const pool = (TOTAL_SUPPLY * SIM_SUPPLY_SHARE_BPS) / 10_000n
    let norm = 0
    for (let k = 1; k <= n; k++) norm += 1 / k
    // Integer weights (1e6 precision) keep the split deterministic and exact in bigint.
    const w = BigInt(Math.round((1 / (i + 1) / norm) * 1e9))
    return (pool * w) / 1_000_000_000n
}

/**
 * Funds every simulated account with SAHARA (and gas money) and has it delegate to itself, so
 * that its balance is voting power from the next block on. Idempotent: skips funded accounts.
 */
export async function fundSimAccounts(client: PublicClient, m: DeploymentManifest, n = SIM_ACCOUNT_COUNT): Promise<void> {
    const {abi} = loadArtifacts().SaharaToken
    await enableImpersonation(client)
    const automine = await rpc<boolean>(client, 'anvil_getAutomine')
    await setAutomine(client, false)
    try {
        const accounts = simAccounts(n)
        const token = m.contracts.SaharaToken
        const txs: Tx[] = []
        for (const [i, a] of accounts.entries()) {
            await rpc(client, 'anvil_setBalance', [a, '0x3635c9adc5dea00000']) // 1000 ETH for gas
            const bal = (await client.readContract({address: token, abi, functionName: 'balanceOf', args: [a]})) as bigint
            if (bal > 0n) continue
            txs.push({from: DEPLOYER, to: token, data: encodeFunctionData({abi, functionName: 'transfer', args: [a, simAllocation(i, n)]})})
            txs.push({from: a, to: token, data: encodeFunctionData({abi, functionName: 'delegate', args: [a]})})
        }
        for (let i = 0; i < txs.length; i += 200) await sendBatch(client, txs.slice(i, i + 200))
    } finally {
        await setAutomine(client, automine)
    }
}

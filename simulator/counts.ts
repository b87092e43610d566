/**
 * Counts the protocol's events over a block range with `eth_getLogs` (paged by block range, the page
 * adapting to the log density; the simulator's client takes responses up to 256 MiB, not viem's
 * default 10 MiB, and a refused page is retried smaller), named
 * `Contract.Event` from the ABIs in contracts/build/artifacts.json.
 */
import {ResponseBodyTooLargeError, TimeoutError, toEventSelector, type Hex} from 'viem'
import {MANIFEST_CONTRACTS, type DeploymentManifest} from '../src/config/manifest'
import {protocolAbis} from './contracts'
import {hexToNumber, quantity, Rpc, RpcTransportError} from './rpc'

export interface EventLog {
    address: string
    topics: Hex[]
    data: Hex
    blockNumber: Hex
    transactionHash: Hex
    logIndex: Hex
}

/** `address|topic0` -> `Contract.Event` for every event of every protocol contract. */
export function eventNames(m: DeploymentManifest): Map<string, string> {
    const abis = protocolAbis()
    const out = new Map<string, string>()
    for (const name of MANIFEST_CONTRACTS) {
        for (const item of abis[name]) {
            if (item.type !== 'event') continue
            out.set(`${m.contracts[name].toLowerCase()}|${toEventSelector(item)}`, `${name}.${item.name}`)
        }
    }
    return out
}

/** Every event the SPEC defines (§1-§8), as `Contract.Event`. */
export const SPEC_EVENTS = [
    'SaharaToken.Transfer', 'SaharaToken.Approval', 'SaharaToken.DelegateChanged', 'SaharaToken.DelegateVotesChanged',
    'AssetRegistry.Transfer', 'AssetRegistry.AssetRegistered', 'AssetRegistry.AssetUpdated', 'AssetRegistry.AssetLinked',
    'AssetRegistry.ContributorShareSet', 'AssetRegistry.AssetStatusChanged',
    'ContributionReceipts.Transfer', 'ContributionReceipts.ReceiptIssued', 'ContributionReceipts.ReceiptRevoked',
    'LicenseRegistry.Transfer', 'LicenseRegistry.LicenseTermsCreated', 'LicenseRegistry.LicenseIssued', 'LicenseRegistry.LicenseRevoked',
    'InvocationRouter.Invoked',
    'RevenueVault.PaymentReceived', 'RevenueVault.RevenueDistributed', 'RevenueVault.OwnerClaimed', 'RevenueVault.ReceiptClaimed',
    'RevenueVault.ProtocolFeeUpdated',
    'Treasury.TreasuryDeposit', 'Treasury.FeeReceived', 'Treasury.TreasuryDisbursement',
    'DualTrackGovernor.ProposalCreated', 'DualTrackGovernor.VoteCast', 'DualTrackGovernor.ProposalCanceled',
    'DualTrackGovernor.ProposalExecuted', 'DualTrackGovernor.CouncilMemberAdded', 'DualTrackGovernor.CouncilMemberRemoved',
    'DualTrackGovernor.GovernanceParamsSet',
] as const

/**
 * Streams the protocol's logs in [fromBlock, toBlock] page by page to `onPage` (in chain order).
 * Pages start at `pageBlocks` blocks (20) and shrink/grow so that a page holds about `targetLogs` logs.
 */
export async function forEachLogPage(
    rpcOrUrl: Rpc | string,
    m: DeploymentManifest,
    fromBlock: number,
    toBlock: number,
    onPage: (logs: EventLog[], from: number, to: number) => void,
    opts: {pageBlocks?: number; targetLogs?: number} = {},
): Promise<void> {
    const rpc = typeof rpcOrUrl === 'string' ? new Rpc(rpcOrUrl) : rpcOrUrl
    const addresses = MANIFEST_CONTRACTS.map((n) => m.contracts[n])
    const target = opts.targetLogs ?? 50_000
    let span = opts.pageBlocks ?? 20
    for (let from = fromBlock; from <= toBlock; ) {
        const to = Math.min(toBlock, from + span - 1)
        let logs: EventLog[]
        try {
            logs = await rpc.call<EventLog[]>('eth_getLogs', [{address: addresses, fromBlock: quantity(from), toBlock: quantity(to)}])
        } catch (e) {
            // Too many logs for one response (a node's limit, the body cap, a timeout): retry with a
            // smaller page. No answer at all (node down) is not about the page: give up at once.
            const aboutSize = !(e instanceof RpcTransportError) || e.cause instanceof ResponseBodyTooLargeError || e.cause instanceof TimeoutError
            if (span === 1 || !aboutSize) throw e
            span = Math.max(1, Math.floor(span / 4))
            continue
        }
        onPage(logs, from, to)
        from = to + 1
        span = logs.length > target ? Math.max(1, Math.floor(span / 2)) : logs.length < target / 4 ? Math.min(span * 2, 20_000) : span
    }
}

/** Counts per `Contract.Event` (sorted by name) of the protocol's logs in [fromBlock, toBlock]. */
export async function countEvents(
    rpcOrUrl: Rpc | string,
    m: DeploymentManifest,
    fromBlock: number,
    toBlock: number,
): Promise<Record<string, number>> {
    const names = eventNames(m)
    const counts = new Map<string, number>()
    await forEachLogPage(rpcOrUrl, m, fromBlock, toBlock, (logs) => {
        for (const l of logs) {
            const key = names.get(`${l.address.toLowerCase()}|${l.topics[0]}`) ?? `${l.address.toLowerCase()}.unknown(${l.topics[0]})`
            counts.set(key, (counts.get(key) ?? 0) + 1)
        }
    })
    return Object.fromEntries([...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

export function totalEvents(counts: Record<string, number>): number {
    return Object.values(counts).reduce((s, n) => s + n, 0)
}

/** The chain's head block number. */
export async function headBlock(rpcOrUrl: Rpc | string): Promise<number> {
    const rpc = typeof rpcOrUrl === 'string' ? new Rpc(rpcOrUrl) : rpcOrUrl
    return hexToNumber(await rpc.call<string>('eth_blockNumber'))
}

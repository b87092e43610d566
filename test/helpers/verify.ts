import {createPublicClient, http, type Address} from 'viem'
import {loadArtifacts} from '../../devnet/compile'
import type {DeploymentManifest, ManifestContract} from '../../src/config/manifest'
import {countEvents} from '../../simulator/counts'

type Query = <T = any>(sql: string, params?: unknown[]) => Promise<T[]>

/** SQL that counts the indexed rows of each `Contract.Event`: one row per log on chain. */
export const EVENT_ROW_COUNTS: Record<string, string> = {
    'SaharaToken.Transfer': 'SELECT count(*) FROM token_transfer',
    'SaharaToken.Approval': 'SELECT count(*) FROM token_approval',
    'SaharaToken.DelegateChanged': 'SELECT count(*) FROM delegate_change',
    'SaharaToken.DelegateVotesChanged': 'SELECT count(*) FROM voting_power_change',
    'AssetRegistry.AssetRegistered': 'SELECT count(*) FROM asset',
    'AssetRegistry.AssetUpdated': 'SELECT count(*) FROM asset_version WHERE version > 1',
    'AssetRegistry.AssetLinked': 'SELECT count(*) FROM asset_link',
    'AssetRegistry.ContributorShareSet': 'SELECT count(*) FROM contributor_share_change',
    'AssetRegistry.AssetStatusChanged': 'SELECT count(*) FROM asset_status_change',
    'AssetRegistry.Transfer': 'SELECT count(*) FROM asset_transfer',
    'AssetRegistry.Approval': "SELECT count(*) FROM nft_approval WHERE collection = 'OWNERSHIP' AND token_id IS NOT NULL",
    'AssetRegistry.ApprovalForAll': "SELECT count(*) FROM nft_approval WHERE collection = 'OWNERSHIP' AND token_id IS NULL",
    'ContributionReceipts.ReceiptIssued': 'SELECT count(*) FROM receipt',
    'ContributionReceipts.ReceiptRevoked': "SELECT count(*) FROM revocation WHERE target = 'receipt'",
    'ContributionReceipts.Transfer': 'SELECT count(*) FROM receipt',
    'LicenseRegistry.LicenseTermsCreated': 'SELECT count(*) FROM license_terms',
    'LicenseRegistry.LicenseIssued': 'SELECT count(*) FROM license',
    'LicenseRegistry.LicenseRevoked': "SELECT count(*) FROM revocation WHERE target = 'license'",
    'LicenseRegistry.Transfer': 'SELECT count(*) FROM license_transfer',
    'LicenseRegistry.Approval': "SELECT count(*) FROM nft_approval WHERE collection = 'LICENSE' AND token_id IS NOT NULL",
    'LicenseRegistry.ApprovalForAll': "SELECT count(*) FROM nft_approval WHERE collection = 'LICENSE' AND token_id IS NULL",
    'InvocationRouter.Invoked': 'SELECT count(*) FROM invocation',
    'RevenueVault.PaymentReceived': 'SELECT count(*) FROM payment',
    'RevenueVault.RevenueDistributed': 'SELECT count(*) FROM revenue_distribution',
    'RevenueVault.OwnerClaimed': 'SELECT count(*) FROM owner_claim',
    'RevenueVault.ReceiptClaimed': 'SELECT count(*) FROM receipt_claim',
    'RevenueVault.ProtocolFeeUpdated': "SELECT count(*) FROM param_change WHERE name = 'protocolFeeBps'",
    'Treasury.TreasuryDeposit': "SELECT count(*) FROM treasury_flow WHERE kind = 'DEPOSIT'",
    'Treasury.FeeReceived': "SELECT count(*) FROM treasury_flow WHERE kind = 'FEE'",
    'Treasury.TreasuryDisbursement': "SELECT count(*) FROM treasury_flow WHERE kind = 'DISBURSEMENT'",
    'DualTrackGovernor.ProposalCreated': 'SELECT count(*) FROM proposal',
    'DualTrackGovernor.VoteCast': 'SELECT count(*) FROM vote',
    'DualTrackGovernor.ProposalCanceled': 'SELECT count(*) FROM proposal WHERE canceled',
    'DualTrackGovernor.ProposalExecuted': 'SELECT count(*) FROM proposal WHERE executed',
    'DualTrackGovernor.CouncilMemberAdded': 'SELECT count(*) FROM council_change WHERE added',
    'DualTrackGovernor.CouncilMemberRemoved': 'SELECT count(*) FROM council_change WHERE NOT added',
    'DualTrackGovernor.GovernanceParamsSet': "SELECT count(*) FROM param_change WHERE name = 'governance'",
}

const STATES = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']
const STATUSES = ['ACTIVE', 'PAUSED', 'RETIRED']
const ACC = 10n ** 18n

/**
 * Compares the indexed database with the chain at `block` (the indexed head): event counts
 * and every figure that has a view function. Returns human-readable mismatches (empty = equal).
 */
export async function verifyAgainstChain(query: Query, rpcUrl: string, m: DeploymentManifest, block: bigint): Promise<string[]> {
    const client = createPublicClient({transport: http(rpcUrl, {batch: {batchSize: 500}})})
    const art = loadArtifacts()
    const bad: string[] = []
    const read = (c: ManifestContract, functionName: string, args: unknown[] = []) =>
        client.readContract({address: m.contracts[c] as Address, abi: art[c].abi, functionName, args, blockNumber: block}) as Promise<any>
    const eq = (what: string, indexed: unknown, chain: unknown) => {
        if (String(indexed) !== String(chain)) bad.push(`${what}: indexed ${indexed}, chain ${chain}`)
    }

    const chainCounts = await countEvents(rpcUrl, m, m.startBlock, Number(block))
    for (const [name, sql] of Object.entries(EVENT_ROW_COUNTS)) {
        const [{count}] = await query(sql)
        eq(`rows of ${name}`, Number(count), chainCounts[name] ?? 0)
    }
    for (const name of Object.keys(chainCounts)) if (!(name in EVENT_ROW_COUNTS)) bad.push(`no indexed rows for ${name}`)

    const assets = await query('SELECT id, owner_id, status, version, contributor_bps, total_weight, acc_revenue_per_weight FROM asset')
    await Promise.all(
        assets.map(async (a) => {
            const id = BigInt(a.id)
            const [owner, status, version, bps, weight, acc] = await Promise.all([
                read('AssetRegistry', 'ownerOf', [id]),
                read('AssetRegistry', 'status', [id]),
                read('AssetRegistry', 'version', [id]),
                read('AssetRegistry', 'contributorBps', [id]),
                read('ContributionReceipts', 'totalWeight', [id]),
                read('RevenueVault', 'accRevenuePerWeight', [id]),
            ])
            eq(`asset ${id} owner`, a.owner_id, String(owner).toLowerCase())
            eq(`asset ${id} status`, a.status, STATUSES[Number(status)])
            eq(`asset ${id} version`, a.version, version)
            eq(`asset ${id} contributorBps`, a.contributor_bps, bps)
            eq(`asset ${id} totalWeight`, a.total_weight, weight)
            eq(`asset ${id} accRevenuePerWeight`, a.acc_revenue_per_weight, acc)
        }),
    )

    // The served figures (the receipt_accrual view behind Receipt.accrual) and, independently, the
    // SPEC formula over the stored columns, both against the contract.
    const receipts = await query(
        `SELECT r.id, r.weight, r.acc_snapshot, r.revoked, r.frozen_accrued, r.claimed, a.acc_revenue_per_weight AS acc, ra.accrued AS served_accrued, ra.claimable AS served_claimable
         FROM receipt r JOIN asset a ON a.id = r.asset_id LEFT JOIN receipt_accrual ra ON ra.receipt_id = r.id`,
    )
    await Promise.all(
        receipts.map(async (r) => {
            const accrued = r.revoked ? BigInt(r.frozen_accrued) : (BigInt(r.weight) * (BigInt(r.acc) - BigInt(r.acc_snapshot))) / ACC
            const [chainAccrued, chainClaimable] = await Promise.all([
                read('RevenueVault', 'receiptAccrued', [BigInt(r.id)]),
                read('RevenueVault', 'receiptClaimable', [BigInt(r.id)]),
            ])
            eq(`receipt ${r.id} accrued`, accrued, chainAccrued)
            eq(`receipt ${r.id} claimable`, accrued - BigInt(r.claimed), chainClaimable)
            eq(`receipt ${r.id} served accrual.accrued`, r.served_accrued == null ? null : BigInt(r.served_accrued), chainAccrued)
            eq(`receipt ${r.id} served accrual.claimable`, r.served_claimable == null ? null : BigInt(r.served_claimable), chainClaimable)
        }),
    )

    const head = await client.getBlock({blockNumber: block})
    const [indexedHead] = await query('SELECT height, hash, floor(extract(epoch FROM "timestamp"))::text AS ts FROM indexed_head')
    eq('indexed head height', indexedHead?.height, block)
    eq('indexed head hash', indexedHead?.hash, head.hash)
    eq('indexed head timestamp', indexedHead?.ts, head.timestamp)
    const licenses = await query(
        'SELECT l.id, l.revoked, l.expires_at, l.holder_id, v.is_valid AS served_valid, v.at_block, v.at_timestamp FROM license l LEFT JOIN license_validity v ON v.license_id = l.id',
    )
    await Promise.all(
        licenses.map(async (l) => {
            const valid = !l.revoked && (BigInt(l.expires_at) === 0n || head.timestamp < BigInt(l.expires_at))
            const [chainValid, holder] = await Promise.all([
                read('LicenseRegistry', 'isValid', [BigInt(l.id)]),
                read('LicenseRegistry', 'ownerOf', [BigInt(l.id)]),
            ])
            eq(`license ${l.id} isValid`, valid, chainValid)
            eq(`license ${l.id} served validity.isValid`, l.served_valid, chainValid)
            eq(`license ${l.id} served validity.atBlock`, l.at_block == null ? null : BigInt(l.at_block), block)
            eq(`license ${l.id} served validity.atTimestamp`, l.at_timestamp == null ? null : BigInt(l.at_timestamp), head.timestamp)
            eq(`license ${l.id} holder`, l.holder_id, String(holder).toLowerCase())
        }),
    )

    const accounts = await query('SELECT id, owner_claimable, balance, votes, is_council_member FROM account')
    await Promise.all(
        accounts.map(async (a) => {
            const [claimable, balance, votes, council] = await Promise.all([
                read('RevenueVault', 'ownerClaimable', [a.id]),
                read('SaharaToken', 'balanceOf', [a.id]),
                read('SaharaToken', 'getVotes', [a.id]),
                read('DualTrackGovernor', 'isCouncilMember', [a.id]),
            ])
            eq(`account ${a.id} ownerClaimable`, a.owner_claimable, claimable)
            eq(`account ${a.id} balance`, a.balance, balance)
            eq(`account ${a.id} votes`, a.votes, votes)
            eq(`account ${a.id} isCouncilMember`, a.is_council_member, council)
        }),
    )

    const proposals = await query('SELECT id, state, no, yes, abstain, veto FROM proposal')
    await Promise.all(
        proposals.map(async (p) => {
            const [state, tally] = await Promise.all([read('DualTrackGovernor', 'state', [BigInt(p.id)]), read('DualTrackGovernor', 'tally', [BigInt(p.id)])])
            eq(`proposal ${p.id} state`, p.state, STATES[Number(state)])
            eq(`proposal ${p.id} tally`, [p.no, p.yes, p.abstain, p.veto].join('/'), (tally as bigint[]).join('/'))
        }),
    )

    const [proto] = await query('SELECT treasury_balance, protocol_fee_bps, council_size, total_supply FROM protocol')
    eq('treasury balance', proto.treasury_balance, await read('SaharaToken', 'balanceOf', [m.contracts.Treasury]))
    eq('protocolFeeBps', proto.protocol_fee_bps, await read('RevenueVault', 'protocolFeeBps'))
    eq('councilSize', proto.council_size, await read('DualTrackGovernor', 'councilSize'))
    eq('totalSupply', proto.total_supply, await read('SaharaToken', 'totalSupply'))
    const [flows] = await query(
        "SELECT COALESCE(sum(CASE WHEN kind IN ('FEE','DEPOSIT','TRANSFER_IN') THEN amount ELSE -amount END), 0) AS net FROM treasury_flow",
    )
    eq('treasury inflows - outflows', flows.net, proto.treasury_balance)
    return bad
}

/**
 * Every integer argument at its Solidity type's maximum, through the real contracts.
 *
 * The chain below is driven through the reference contracts only with LEGAL calls (what the
 * contracts accept), each integer at the largest value its contract lets through, then indexed by
 * the real processor (lib/main.js) into a real PostgreSQL, and the rows are compared with the
 * exact values, with the contracts' views (verifyAgainstChain) and through the GraphQL API.
 *
 * What "the maximum" is, per argument (SPEC + contracts/):
 * - uint256 amounts: a price / pricePerCall of 2^256-1 is legal in createTerms (terms are never
 *   checked against balances) but can never be paid (purchase / invoke revert); an ERC-20
 *   approval of 2^256-1 is legal; the largest amount that moves is a whole balance (the deployer's
 *   undistributed ~40 % of the supply deposited at once, the whole treasury disbursed to itself).
 * - uint128 receipt weight: 2^128-1, twice on one asset (totalWeight, uint256, is then 2^129-2).
 * - uint64 duration: 2^64-1 is legal in createTerms, but purchase computes
 *   `uint64(block.timestamp) + duration` with checked arithmetic and reverts (Panic 0x11); the
 *   largest purchasable duration is 2^64-1 - block.timestamp, which gives expiresAt = 2^64-1.
 * - uint32 units: 2^32-1 on free terms (pricePerCall 0, fee 0) and on pricePerCall 1 (fee
 *   2^32-1 wei, paid with the payer's whole balance); units 2 at pricePerCall 2^256-1 overflows.
 * - uint64 votingDelay / votingPeriod: setParams itself accepts 2^64-1 for both (only
 *   votingPeriod >= 1 is checked), after which every propose overflows. The largest usable pair
 *   satisfies block + votingDelay + votingPeriod = 2^64-1 for the block of the next proposal:
 *   here votingDelay = 2^63, votingPeriod = 2^64-1 - 2^63 - b*, and the proposal created in
 *   block b* has voteEndBlock = 2^64-1 (one in b*-1 has 2^64-2; a propose in b*+1 reverts).
 *   Such params freeze DAO governance (nothing reaches its vote), so they are the last action.
 * - uint256 proposalThreshold: 2^256-1 (DAO proposing then reverts; the council track still works).
 * - uint16 bps: 10 000 everywhere the contracts cap at 10 000 (contributorBps, upstreamBps,
 *   quorum/threshold/veto/councilApproval); protocolFeeBps is capped at 2 000.
 * - uint8 depth: 8 (MAX_DEPTH), reached by a 10-asset lineage chain with upstreamBps 10 000.
 * - uint8 enums: the last legal value of each (PIPELINE, RETIRED, EVALUATED_ON, CODE,
 *   COMMERCIAL_REMIX, INVOCATION, DAO, VETO, OTHER).
 * - uint32 AssetUpdated.version is NOT driven to its maximum: it needs 2^32-2 updates.
 *
 * AUDIT: every integer argument of every event, its Solidity type, and the column(s) it lands in
 * (PostgreSQL types as migrated: `numeric` is unbounded, `integer` is int4, max 2^31-1; ids and
 * enums are `character varying`). "driven" = the largest legal value this test emits.
 *
 * | event.argument                                  | Solidity | column(s)                                                             | type    | driven here           |
 * |-------------------------------------------------|----------|-----------------------------------------------------------------------|---------|-----------------------|
 * | SaharaToken.Transfer.value                      | uint256  | token_transfer.amount, account.balance, treasury_flow.amount/balance_after, protocol.treasury_balance/total_supply | numeric | whole balances (~3.9e26) |
 * | SaharaToken.Approval.value                      | uint256  | token_approval.amount                                                 | numeric | 2^256-1               |
 * | SaharaToken.DelegateVotesChanged.prev/newVotes  | uint256  | voting_power_change.previous_votes/new_votes, account.votes           | numeric | sims' balances        |
 * | AssetRegistry.AssetRegistered.assetId           | uint256  | asset.id                                                              | varchar | sequential            |
 * | AssetRegistry.AssetRegistered.kind              | uint8    | asset.kind (enum)                                                     | varchar | 3 PIPELINE            |
 * | AssetRegistry.AssetRegistered.contributorBps    | uint16   | asset.contributor_bps                                                 | integer | 10000                 |
 * | AssetRegistry.AssetUpdated.version              | uint32   | asset.version, asset_version.version                                  | integer | 2 (max 2^32-1 > int4 max 2^31-1: latent, unreachable in practice) |
 * | AssetRegistry.AssetLinked.assetId/parentId      | uint256  | asset_link.child_id/parent_id                                         | varchar | sequential            |
 * | AssetRegistry.AssetLinked.relation              | uint8    | asset_link.relation (enum)                                            | varchar | 4 EVALUATED_ON        |
 * | AssetRegistry.AssetLinked.upstreamBps           | uint16   | asset_link.upstream_bps, asset.upstream_bps_sum                       | integer | 10000                 |
 * | AssetRegistry.ContributorShareSet.contributorBps| uint16   | contributor_share_change.contributor_bps, asset.contributor_bps       | integer | 10000                 |
 * | AssetRegistry.AssetStatusChanged.status         | uint8    | asset.status, asset_status_change.status (enum)                       | varchar | 2 RETIRED             |
 * | ERC-721 Transfer/Approval.tokenId (3 NFTs)      | uint256  | asset_transfer.asset_id, license_transfer.license_id, nft_approval.token_id | varchar / numeric | sequential |
 * | ContributionReceipts.ReceiptIssued.receiptId/assetId | uint256 | receipt.id, receipt.asset_id                                     | varchar | sequential            |
 * | ContributionReceipts.ReceiptIssued.contributionType | uint8 | receipt.contribution_type (enum)                                     | varchar | 5 CODE                |
 * | ContributionReceipts.ReceiptIssued.weight       | uint128  | receipt.weight, asset.total_weight, revenue_distribution.total_weight | numeric | 2^128-1 (x2)          |
 * | ContributionReceipts.ReceiptRevoked.ids         | uint256  | revocation.receipt_id                                                 | varchar | sequential            |
 * | LicenseRegistry.LicenseTermsCreated.termsId/assetId | uint256 | license_terms.id/asset_id                                         | varchar | sequential            |
 * | LicenseRegistry.LicenseTermsCreated.licenseType | uint8    | license_terms.license_type (enum)                                     | varchar | 2 COMMERCIAL_REMIX    |
 * | LicenseRegistry.LicenseTermsCreated.price       | uint256  | license_terms.price                                                   | numeric | 2^256-1               |
 * | LicenseRegistry.LicenseTermsCreated.duration    | uint64   | license_terms.duration                                                | numeric | 2^64-1                |
 * | LicenseRegistry.LicenseTermsCreated.pricePerCall| uint256  | license_terms.price_per_call                                          | numeric | 2^256-1               |
 * | LicenseRegistry.LicenseIssued.licenseId/termsId/assetId/paymentId | uint256 | license.id/terms_id/asset_id/payment_id         | varchar | sequential            |
 * | LicenseRegistry.LicenseIssued.expiresAt         | uint64   | license.expires_at                                                    | numeric | 2^64-1                |
 * | LicenseRegistry.LicenseIssued.pricePaid         | uint256  | license.price_paid                                                    | numeric | payer's whole balance |
 * | LicenseRegistry.LicenseRevoked.licenseId        | uint256  | revocation.license_id                                                 | varchar | (not driven)          |
 * | InvocationRouter.Invoked.invocationId/assetId/licenseId/paymentId | uint256 | invocation.id/asset_id/license_id/payment_id    | varchar | sequential            |
 * | InvocationRouter.Invoked.units                  | uint32   | invocation.units                                                      | numeric | 2^32-1                |
 * | InvocationRouter.Invoked.fee                    | uint256  | invocation.fee, license.invocation_fees, caller_day_data.fees         | numeric | 2^32-1 wei (whole balance) |
 * | RevenueVault.PaymentReceived.paymentId/assetId  | uint256  | payment.id/asset_id                                                   | varchar | sequential            |
 * | RevenueVault.PaymentReceived.source             | uint8    | payment.source, treasury_flow.source (enum)                           | varchar | 1 INVOCATION          |
 * | RevenueVault.PaymentReceived.amount/protocolFee | uint256  | payment.amount/protocol_fee/net, asset.gross_revenue, protocol.gross_payments | numeric | whole balance    |
 * | RevenueVault.RevenueDistributed.depth           | uint8    | revenue_distribution.depth, payment.max_depth, royalty_depth_day_data.depth | integer | 8 (MAX_DEPTH) |
 * | RevenueVault.RevenueDistributed.amount/toOwner/toContributors/toUpstream | uint256 | revenue_distribution.*, asset.*_revenue, account.owner_* | numeric | whole balance net |
 * | RevenueVault.OwnerClaimed.amount                | uint256  | owner_claim.amount, account.owner_claimed                             | numeric | all claimable         |
 * | RevenueVault.ReceiptClaimed.receiptId/amount    | uint256  | receipt_claim.receipt_id (varchar) / amount, receipt.claimed (numeric)| both    | all claimable         |
 * | RevenueVault.ProtocolFeeUpdated.oldBps/newBps   | uint16   | param_change.old_fee_bps/new_fee_bps, protocol.protocol_fee_bps       | integer | 2000 (MAX_PROTOCOL_FEE_BPS) |
 * | Treasury.TreasuryDeposit.amount                 | uint256  | treasury_flow.amount (DEPOSIT)                                        | numeric | deployer's whole balance |
 * | Treasury.FeeReceived.paymentId/amount           | uint256  | treasury_flow.payment_id (varchar) / amount (numeric)                 | both    | fee of a whole balance |
 * | Treasury.TreasuryDisbursement.proposalId        | uint256  | treasury_flow.proposal_id                                             | varchar | sequential            |
 * | Treasury.TreasuryDisbursement.amount            | uint256  | treasury_flow.amount (DISBURSEMENT + TRANSFER_IN), proposal.disbursed | numeric | whole treasury, to = treasury |
 * | Treasury.TreasuryDisbursement.category          | uint8    | treasury_flow.category (enum)                                         | varchar | 4 OTHER               |
 * | DualTrackGovernor.ProposalCreated.proposalId    | uint256  | proposal.id                                                           | varchar | sequential            |
 * | DualTrackGovernor.ProposalCreated.track         | uint8    | proposal.track (enum)                                                 | varchar | 1 DAO                 |
 * | DualTrackGovernor.ProposalCreated.snapshotBlock | uint64   | proposal.snapshot_block                                               | numeric | b* + 2^63             |
 * | DualTrackGovernor.ProposalCreated.voteStartBlock| uint64   | proposal.vote_start_block                                             | numeric | b* + 2^63 + 1         |
 * | DualTrackGovernor.ProposalCreated.voteEndBlock  | uint64   | proposal.vote_end_block                                               | numeric | 2^64-1                |
 * | DualTrackGovernor.VoteCast.proposalId           | uint256  | vote.proposal_id                                                      | varchar | sequential            |
 * | DualTrackGovernor.VoteCast.support              | uint8    | vote.support (enum)                                                   | varchar | 3 VETO                |
 * | DualTrackGovernor.VoteCast.weight               | uint256  | vote.weight, proposal.no/yes/abstain/veto                             | numeric | whales' votes         |
 * | DualTrackGovernor.ProposalCanceled/Executed.proposalId | uint256 | proposal.id                                                    | varchar | sequential            |
 * | DualTrackGovernor.GovernanceParamsSet.votingDelay/votingPeriod | uint64 | protocol.voting_delay/voting_period, param_change.voting_delay/voting_period | numeric | 2^64-1, then 2^63 / 2^63-b* |
 * | DualTrackGovernor.GovernanceParamsSet.proposalThreshold | uint256 | protocol.proposal_threshold, param_change.proposal_threshold  | numeric | 2^256-1               |
 * | DualTrackGovernor.GovernanceParamsSet.*Bps (4)  | uint16   | protocol.*_bps, param_change.*_bps, proposal.*_bps                    | integer | 10000                 |
 *
 * Height-derived columns (`block`, `*_at_block`, `first_seen_block`, `updated_at_block`) are int4:
 * they hold real block heights, never an event argument.
 */
import {type Address, type Hex} from 'viem'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {DeploymentManifest} from '../../src/config/manifest'
import {expectRevert} from '../contracts/helpers/errors'
import {KIND, LICENSE, STATUS} from '../contracts/helpers/fixtures'
import {action, CATEGORY, closeVoting, daoQuorumYes, openVoting, propose, state, STATE, SUPPORT, TRACK, vote, voter, type Proposal} from '../contracts/helpers/governance'
import {E18, h32, theEvent, useProtocol, type Sent} from '../contracts/helpers/protocol'
import {startTestApi, type TestApi} from '../helpers/api'
import {openTestDatabase, type TestDatabase} from '../helpers/database'
import {indexedHeight, startProcessor} from '../helpers/processor'
import {verifyAgainstChain} from '../helpers/verify'

const MAX32 = 2n ** 32n - 1n
const MAX64 = 2n ** 64n - 1n
const MAX128 = 2n ** 128n - 1n
const MAX256 = 2n ** 256n - 1n
const BPS_MAX = 10_000
const FEE_MAX = 2000
const RELATION_EVALUATED_ON = 4
const CONTRIBUTION_CODE = 5
const ONES = `0x${'ff'.repeat(32)}` as Hex
/** votingDelay of the final params: beyond 2^53, so a JS number would lose it. */
const DELAY = 2n ** 63n

/** What the drive produced, for the assertions. */
interface Driven {
    manifest: DeploymentManifest
    head: bigint
    exitCode: number | null
    output: string
    assetR: bigint
    assetZ: bigint
    chain: bigint[]
    receipts: bigint[]
    terms: {paid: bigint; unpayable: bigint; maxDuration: bigint; maxExpiry: bigint; leaf: bigint; maxPerCall: bigint}
    maxExpiryDuration: bigint
    licenses: {paid: bigint; maxExpiry: bigint; maxPerCall: bigint}
    invocations: {paid: bigint; free: bigint}
    bigPayment: bigint
    chainPayment: bigint
    deployerDeposit: bigint
    wholeTransfer: bigint
    treasuryBefore: bigint
    selfDisbursement: Sent
    A: Proposal
    B: Proposal
    canceledB: Sent
    C: Proposal
    E: Proposal
    D: Proposal
    bStar: bigint
    period: bigint
}

describe('integer arguments at their largest legal values, indexed', () => {
    const P = useProtocol()
    const x = {} as Driven
    let db: TestDatabase

    beforeAll(async () => {
        const t0 = Date.now()
        const chainId = await P.client.getChainId()
        let startBlock = 0
        for (let b = 0n; b <= (await P.blockNumber()); b++) {
            const code = await P.client.getCode({address: P.addr.SaharaToken, blockNumber: b})
            if (code && code !== '0x') {
                startBlock = Number(b)
                break
            }
        }
        const contracts = Object.fromEntries(Object.entries(P.addr).map(([k, v]) => [k, v.toLowerCase()])) as DeploymentManifest['contracts']
        x.manifest = {chainId, rpcUrl: P.rpcUrl, startBlock, contracts}

        const owner = P.fresh('int-owner')
        const send = (from: Address, name: Parameters<typeof P.send>[1], fn: string, args: readonly unknown[] = []) => P.send(from, name, fn, args)

        // ---- assets: enums and bps at their last legal values ----
        x.assetR = (await send(owner, 'AssetRegistry', 'register', [KIND.PIPELINE, 'ipfs://max', ONES, BPS_MAX])).result
        await send(owner, 'AssetRegistry', 'setContributorBps', [x.assetR, BPS_MAX])
        await send(owner, 'AssetRegistry', 'update', [x.assetR, 'ipfs://max-v2', ONES])
        x.assetZ = (await send(owner, 'AssetRegistry', 'register', [KIND.DATASET, 'ipfs://retired', h32('z'), 0])).result
        await send(owner, 'AssetRegistry', 'setStatus', [x.assetZ, STATUS.RETIRED])
        // A lineage chain of 10 assets, each sending 100 % upstream: a payment to the leaf reaches depth 8.
        x.chain = []
        for (let i = 0; i < 10; i++) {
            const id: bigint = (await send(owner, 'AssetRegistry', 'register', [KIND.PIPELINE, `ipfs://chain-${i}`, h32(`chain-${i}`), 0])).result
            if (i > 0) await send(owner, 'AssetRegistry', 'link', [id, x.chain[i - 1], RELATION_EVALUATED_ON, BPS_MAX])
            x.chain.push(id)
        }

        // ---- receipts: weight uint128 max, twice ----
        const c1 = P.fresh('int-contributor-1')
        const c2 = P.fresh('int-contributor-2')
        x.receipts = []
        for (const c of [c1, c2]) x.receipts.push((await send(owner, 'ContributionReceipts', 'issue', [x.assetR, c, CONTRIBUTION_CODE, MAX128, ONES])).result)
        expect(await P.read('ContributionReceipts', 'totalWeight', [x.assetR])).toBe(2n * MAX128)

        // ---- license terms ----
        const createTerms = async (asset: bigint, type: number, price: bigint, duration: bigint, perCall: bigint): Promise<bigint> =>
            (await send(owner, 'LicenseRegistry', 'createTerms', [asset, type, price, duration, perCall])).result
        x.terms = {} as Driven['terms']
        x.terms.paid = await createTerms(x.assetR, LICENSE.COMMERCIAL_REMIX, 10_000_000n * E18, 0n, 1n)
        x.terms.unpayable = await createTerms(x.assetR, LICENSE.NON_COMMERCIAL, MAX256, MAX64, MAX256) // legal, never purchasable
        x.terms.maxDuration = await createTerms(x.assetR, LICENSE.OPEN_USE, 0n, MAX64, 0n) // legal, purchase overflows expiresAt
        x.terms.maxPerCall = await createTerms(x.assetR, LICENSE.NON_COMMERCIAL, 0n, 0n, MAX256) // free to buy, never invocable

        // ---- a purchase paying the payer's whole balance, then units 2^32-1 at 1 wei: fee = the whole balance again ----
        const b1 = P.fresh('int-buyer-1')
        x.bigPayment = 10_000_000n * E18
        await P.fund(b1, x.bigPayment)
        await P.approve(b1, 'LicenseRegistry', MAX256)
        x.licenses = {} as Driven['licenses']
        x.licenses.paid = (await send(b1, 'LicenseRegistry', 'purchase', [x.terms.paid, b1])).result
        expect(await P.balance(b1)).toBe(0n)
        // price 2^256-1 cannot be paid (the allowance is unlimited, the balance is not)
        await expectRevert(send(b1, 'LicenseRegistry', 'purchase', [x.terms.unpayable, b1]), 'ERC20InsufficientBalance', [b1, 0n, MAX256])
        await P.fund(b1, MAX32)
        await P.approve(b1, 'InvocationRouter', MAX256)
        x.invocations = {} as Driven['invocations']
        const paidInv = await send(b1, 'InvocationRouter', 'invoke', [x.licenses.paid, Number(MAX32), ONES])
        x.invocations.paid = paidInv.result
        expect(theEvent(paidInv, 'Invoked')).toMatchObject({units: Number(MAX32), fee: MAX32})
        expect(theEvent(paidInv, 'PaymentReceived').source).toBe(1) // INVOCATION
        expect(await P.balance(b1)).toBe(0n)

        // ---- duration: 2^64-1 overflows at purchase; 2^64-1 - timestamp gives expiresAt = 2^64-1 ----
        const b2 = P.fresh('int-buyer-2')
        await expect(send(b2, 'LicenseRegistry', 'purchase', [x.terms.maxDuration, b2])).rejects.toThrow(/overflow/i)
        // the terms are immutable: their duration is fixed for the block time the purchase is given
        const expiryTs = (await P.timestamp()) + 100n
        x.maxExpiryDuration = MAX64 - expiryTs
        x.terms.maxExpiry = await createTerms(x.assetR, LICENSE.OPEN_USE, 0n, x.maxExpiryDuration, 0n)
        await P.setNextTimestamp(expiryTs)
        const bought = await send(b2, 'LicenseRegistry', 'purchase', [x.terms.maxExpiry, b2])
        expect(theEvent(bought, 'LicenseIssued')).toMatchObject({expiresAt: MAX64, pricePaid: 0n, paymentId: 0n})
        x.licenses.maxExpiry = bought.result
        const freeInv = await send(b2, 'InvocationRouter', 'invoke', [x.licenses.maxExpiry, Number(MAX32), ONES])
        expect(theEvent(freeInv, 'Invoked')).toMatchObject({units: Number(MAX32), fee: 0n, paymentId: 0n})
        x.invocations.free = freeInv.result
        // pricePerCall 2^256-1: 1 unit cannot be paid, 2 units overflow the fee
        x.licenses.maxPerCall = (await send(b2, 'LicenseRegistry', 'purchase', [x.terms.maxPerCall, b2])).result
        await P.approve(b2, 'InvocationRouter', MAX256)
        await expectRevert(send(b2, 'InvocationRouter', 'invoke', [x.licenses.maxPerCall, 1, ONES]), 'ERC20InsufficientBalance', [b2, 0n, MAX256])
        await expect(send(b2, 'InvocationRouter', 'invoke', [x.licenses.maxPerCall, 2, ONES])).rejects.toThrow(/overflow/i)

        // ---- claims of the max-weight receipts (one revoked first: frozen, still claimable) ----
        await send(c1, 'RevenueVault', 'claimReceipts', [[x.receipts[0]]])
        await send(owner, 'ContributionReceipts', 'revoke', [x.receipts[1]])
        await send(c2, 'RevenueVault', 'claimReceipts', [[x.receipts[1]]])

        // ---- funding done from the deployer before it deposits everything it has ----
        const chainPayer = P.fresh('int-chain-payer')
        x.chainPayment = 1_000_000n * E18
        await P.fund(chainPayer, x.chainPayment)
        const vetoer = await voter(P, 'int-vetoer', E18)
        const w1 = P.fresh('int-whale-1')
        const w2 = P.fresh('int-whale-2')
        const w3 = P.fresh('int-whale-3')
        await P.fund(w1, 50_000_000n * E18)
        await P.fund(w2, 7_000_000n * E18)
        await P.fund(w3, 3_000_000n * E18)
        // whole balances: a deposit, a plain transfer in, a transfer between accounts
        await P.approve(w1, 'Treasury', 50_000_000n * E18)
        await send(w1, 'Treasury', 'deposit', [await P.balance(w1), 'whole balance'])
        x.wholeTransfer = await P.balance(w2)
        await send(w2, 'SaharaToken', 'transfer', [P.addr.Treasury, x.wholeTransfer])
        await send(w3, 'SaharaToken', 'transfer', [P.fresh('int-whale-4'), await P.balance(w3)])
        x.deployerDeposit = await P.balance(P.deployer)
        await P.approve(P.deployer, 'Treasury', MAX256)
        await send(P.deployer, 'Treasury', 'deposit', [x.deployerDeposit, 'the deployer, all of it'])
        for (const a of [w1, w2, w3, P.deployer]) expect(await P.balance(a)).toBe(0n)

        // ---- A: DAO proposal, fee to its cap, the whole treasury disbursed to the treasury (category OTHER) ----
        x.treasuryBefore = await P.balance('Treasury')
        x.A = await propose(P, P.sim(0), TRACK.DAO, [
            action(P, 'RevenueVault', 'setProtocolFeeBps', [FEE_MAX]),
            action(P, 'Treasury', 'disburse', [P.addr.Treasury, x.treasuryBefore, CATEGORY.OTHER, 'to itself']),
        ], 'fee cap and self-disbursement')
        await openVoting(P, x.A)
        await vote(P, x.A.id, vetoer, SUPPORT.VETO, 'last Support value')
        await daoQuorumYes(P, x.A)
        await closeVoting(P, x.A)
        expect(await state(P, x.A.id)).toBe(STATE.SUCCEEDED)
        x.selfDisbursement = await send(P.sim(199), 'DualTrackGovernor', 'execute', [x.A.id])
        expect(theEvent(x.selfDisbursement, 'TreasuryDisbursement')).toMatchObject({proposalId: x.A.id, to: P.addr.Treasury, amount: x.treasuryBefore, category: CATEGORY.OTHER})
        expect(await P.balance('Treasury')).toBe(x.treasuryBefore)

        // ---- a payment through the 10-asset chain at the capped fee: depth 0..8 ----
        x.terms.leaf = await createTerms(x.chain[9], LICENSE.COMMERCIAL_REMIX, x.chainPayment, 0n, 0n)
        await P.approve(chainPayer, 'LicenseRegistry', x.chainPayment)
        const chainBuy = await send(chainPayer, 'LicenseRegistry', 'purchase', [x.terms.leaf, chainPayer])
        expect(chainBuy.events.filter((e) => e.eventName === 'RevenueDistributed').map((e) => e.args.depth)).toEqual([8, 7, 6, 5, 4, 3, 2, 1, 0])
        expect(theEvent(chainBuy, 'PaymentReceived').protocolFee).toBe((x.chainPayment * BigInt(FEE_MAX)) / 10_000n)
        await send(owner, 'RevenueVault', 'claimOwner')

        // ---- B: canceled in its own snapshot block (state() is PENDING there) ----
        x.B = await propose(P, P.council[0], TRACK.COUNCIL, [], 'canceled at its snapshot')
        x.canceledB = await send(P.council[0], 'DualTrackGovernor', 'cancel', [x.B.id])
        expect(x.canceledB.blockNumber).toBe(x.B.snapshotBlock)

        // ---- C: setParams at the uint maxima (legal), then the largest usable uint64 pair ----
        const cBlock = (await P.blockNumber()) + 1n
        x.bStar = cBlock + 40n
        x.period = MAX64 - x.bStar - DELAY
        x.C = await propose(P, P.sim(0), TRACK.DAO, [
            action(P, 'DualTrackGovernor', 'setParams', [MAX64, MAX64, MAX256, BPS_MAX, BPS_MAX, BPS_MAX, BPS_MAX]),
            action(P, 'DualTrackGovernor', 'setParams', [DELAY, x.period, MAX256, BPS_MAX, BPS_MAX, BPS_MAX, BPS_MAX]),
        ], 'uint64 params')
        expect(x.C.sent.blockNumber).toBe(cBlock)
        await openVoting(P, x.C)
        await daoQuorumYes(P, x.C)
        await closeVoting(P, x.C)
        await send(P.sim(199), 'DualTrackGovernor', 'execute', [x.C.id])
        await P.mineTo(x.bStar - 2n)
        x.E = await propose(P, P.council[0], TRACK.COUNCIL, [], 'one block before the limit')
        x.D = await propose(P, P.council[1], TRACK.COUNCIL, [], 'at the limit')
        expect(x.D.sent.blockNumber).toBe(x.bStar)
        expect([x.D.snapshotBlock, x.D.voteStartBlock, x.D.voteEndBlock]).toEqual([x.bStar + DELAY, x.bStar + DELAY + 1n, MAX64])
        expect(x.E.voteEndBlock).toBe(MAX64 - 1n)
        // one block later the same params overflow; DAO proposing needs 2^256-1 votes
        await expect(send(P.council[2], 'DualTrackGovernor', 'propose', [TRACK.COUNCIL, [], [], [], 'overflow'])).rejects.toThrow(/overflow/i)
        await expectRevert(propose(P, P.sim(0), TRACK.DAO), 'GovernorBelowProposalThreshold')
        await send(P.council[0], 'DualTrackGovernor', 'cancel', [x.E.id])
        await P.mine(2)

        x.head = await P.blockNumber()
        const tDrive = Date.now()

        // ---- index with the real processor ----
        db = await openTestDatabase()
        const run = startProcessor({dbUrl: db.url, manifest: x.manifest, exitAtHead: true})
        const timer = setTimeout(() => run.child.kill('SIGKILL'), 120_000)
        x.exitCode = await run.exited
        clearTimeout(timer)
        x.output = run.output()
        if (process.env.VERBOSE) console.log(`drive ${tDrive - t0} ms, index ${Date.now() - tDrive} ms, head ${x.head}`)
    }, 170_000)

    afterAll(async () => {
        await db?.close()
    })

    const one = async (sql: string, params: unknown[] = []) => {
        const rows = await db.query(sql, params)
        expect(rows, sql).toHaveLength(1)
        return rows[0]
    }

    it('the processor exited 0 at the head, skipped nothing, and agrees with every view function', async () => {
        expect(x.exitCode, x.output.slice(-5000)).toBe(0)
        expect(await indexedHeight(db.query)).toBe(Number(x.head))
        expect(await db.query('SELECT id, kind, reason FROM skipped_log')).toEqual([])
        expect(await verifyAgainstChain(db.query, P.rpcUrl, x.manifest, x.head)).toEqual([])
    })

    it('invocation.units holds 2^32-1 (free terms and 1 wei per call), the fee the whole balance', async () => {
        const rows = await db.query('SELECT id, units::text, fee::text, payment_id FROM invocation ORDER BY id::numeric')
        expect(rows).toEqual([
            {id: String(x.invocations.paid), units: String(MAX32), fee: String(MAX32), payment_id: expect.any(String)},
            {id: String(x.invocations.free), units: String(MAX32), fee: '0', payment_id: null},
        ])
        const pay = await one("SELECT amount::text, source FROM payment WHERE id = $1", [rows[0].payment_id])
        expect(pay).toEqual({amount: String(MAX32), source: 'INVOCATION'})
    })

    it('receipt.weight holds 2^128-1; totalWeight and accruals stay exact', async () => {
        const rows = await db.query('SELECT id, weight::text, contribution_type, revoked FROM receipt ORDER BY id::numeric')
        expect(rows).toEqual([
            {id: String(x.receipts[0]), weight: String(MAX128), contribution_type: 'CODE', revoked: false},
            {id: String(x.receipts[1]), weight: String(MAX128), contribution_type: 'CODE', revoked: true},
        ])
        const a = await one('SELECT total_weight::text, contributor_bps, kind, version FROM asset WHERE id = $1', [String(x.assetR)])
        expect(a).toEqual({total_weight: String(MAX128), contributor_bps: BPS_MAX, kind: 'PIPELINE', version: 2})
        const d = await one("SELECT total_weight::text, amount::text FROM revenue_distribution WHERE payment_id = '1'")
        expect(d).toEqual({total_weight: String(2n * MAX128), amount: String(x.bigPayment - (x.bigPayment * 500n) / 10_000n)})
        for (const r of x.receipts) {
            const [{claimed}] = await db.query('SELECT claimed::text FROM receipt WHERE id = $1', [String(r)])
            expect(claimed).toBe(String(await P.read('RevenueVault', 'receiptClaimed', [r])))
            expect(BigInt(claimed)).toBeGreaterThan(0n)
        }
    })

    it('license_terms hold price/pricePerCall 2^256-1 and duration 2^64-1; license.expires_at 2^64-1', async () => {
        const terms = await db.query('SELECT id, license_type, price::text, duration::text, price_per_call::text FROM license_terms ORDER BY id::numeric')
        const byId = Object.fromEntries(terms.map((t) => [t.id, t]))
        expect(byId[String(x.terms.unpayable)]).toEqual({id: String(x.terms.unpayable), license_type: 'NON_COMMERCIAL', price: String(MAX256), duration: String(MAX64), price_per_call: String(MAX256)})
        expect(byId[String(x.terms.maxDuration)]).toMatchObject({license_type: 'OPEN_USE', price: '0', duration: String(MAX64)})
        expect(byId[String(x.terms.maxPerCall)]).toMatchObject({price: '0', price_per_call: String(MAX256)})
        expect(byId[String(x.terms.maxExpiry)]).toMatchObject({duration: String(x.maxExpiryDuration)})
        expect(byId[String(x.terms.paid)]).toMatchObject({license_type: 'COMMERCIAL_REMIX', price: String(x.bigPayment), price_per_call: '1'})
        const l = await one('SELECT expires_at::text, price_paid::text, payment_id FROM license WHERE id = $1', [String(x.licenses.maxExpiry)])
        expect(l).toEqual({expires_at: String(MAX64), price_paid: '0', payment_id: null})
        const paid = await one('SELECT price_paid::text, invocation_fees::text FROM license WHERE id = $1', [String(x.licenses.paid)])
        expect(paid).toEqual({price_paid: String(x.bigPayment), invocation_fees: String(MAX32)})
        const [{amount}] = await db.query("SELECT amount::text FROM token_approval WHERE amount = $1::numeric LIMIT 1", [String(MAX256)])
        expect(amount).toBe(String(MAX256))
    })

    it('proposal blocks near 2^64 (numeric), the uint64/uint256 params, bps at 10 000', async () => {
        const rows = await db.query('SELECT id, track, state, snapshot_block::text, vote_start_block::text, vote_end_block::text, quorum_bps, threshold_bps, veto_bps, council_approval_bps FROM proposal ORDER BY id::numeric')
        const byId = Object.fromEntries(rows.map((r) => [r.id, r]))
        expect(byId[String(x.D.id)]).toEqual({
            id: String(x.D.id), track: 'COUNCIL', state: 'PENDING',
            snapshot_block: String(x.bStar + DELAY), vote_start_block: String(x.bStar + DELAY + 1n), vote_end_block: String(MAX64),
            quorum_bps: BPS_MAX, threshold_bps: BPS_MAX, veto_bps: BPS_MAX, council_approval_bps: BPS_MAX,
        })
        expect(byId[String(x.E.id)]).toMatchObject({state: 'CANCELED', snapshot_block: String(x.E.snapshotBlock), vote_end_block: String(MAX64 - 1n)})
        expect(byId[String(x.A.id)]).toMatchObject({track: 'DAO', state: 'EXECUTED'})
        expect(byId[String(x.C.id)]).toMatchObject({track: 'DAO', state: 'EXECUTED'})
        const proto = await one('SELECT voting_delay::text, voting_period::text, proposal_threshold::text, quorum_bps, threshold_bps, veto_bps, council_approval_bps, protocol_fee_bps FROM protocol')
        expect(proto).toEqual({
            voting_delay: String(DELAY), voting_period: String(x.period), proposal_threshold: String(MAX256),
            quorum_bps: BPS_MAX, threshold_bps: BPS_MAX, veto_bps: BPS_MAX, council_approval_bps: BPS_MAX, protocol_fee_bps: FEE_MAX,
        })
        const params = await db.query("SELECT voting_delay::text, voting_period::text, proposal_threshold::text FROM param_change WHERE name = 'governance' ORDER BY id")
        expect(params.slice(-2)).toEqual([
            {voting_delay: String(MAX64), voting_period: String(MAX64), proposal_threshold: String(MAX256)},
            {voting_delay: String(DELAY), voting_period: String(x.period), proposal_threshold: String(MAX256)},
        ])
        const [fee] = await db.query("SELECT old_fee_bps, new_fee_bps FROM param_change WHERE name = 'protocolFeeBps' ORDER BY id DESC LIMIT 1")
        expect(fee).toEqual({old_fee_bps: 500, new_fee_bps: FEE_MAX})
        const veto = await one("SELECT support, weight::text FROM vote WHERE proposal_id = $1 AND support = 'VETO'", [String(x.A.id)])
        expect(veto).toEqual({support: 'VETO', weight: String(E18)})
    })

    it('a proposal canceled in its own snapshot block: CANCELED, supply at the snapshot captured', async () => {
        const b = await one('SELECT state, canceled, canceled_at_block, snapshot_block::text, total_supply_at_snapshot::text, outcome FROM proposal WHERE id = $1', [String(x.B.id)])
        const supply: bigint = await P.read('SaharaToken', 'getPastTotalSupply', [x.B.snapshotBlock])
        expect(b).toEqual({state: 'CANCELED', canceled: true, canceled_at_block: Number(x.B.snapshotBlock), snapshot_block: String(x.B.snapshotBlock), total_supply_at_snapshot: String(supply), outcome: null})
    })

    it('disburse(to = treasury) of the whole treasury: a DISBURSEMENT and a TRANSFER_IN of the same amount; balances exact', async () => {
        const tx = x.selfDisbursement.receipt.transactionHash
        const flows = await db.query('SELECT id, kind, amount::text, counterparty, proposal_id, category, balance_after::text FROM treasury_flow WHERE tx_hash = $1 ORDER BY id', [tx])
        const treasury = P.addr.Treasury.toLowerCase()
        expect(flows).toEqual([
            {id: expect.any(String), kind: 'DISBURSEMENT', amount: String(x.treasuryBefore), counterparty: treasury, proposal_id: String(x.A.id), category: 'OTHER', balance_after: '0'},
            {id: `${flows[0]?.id}-in`, kind: 'TRANSFER_IN', amount: String(x.treasuryBefore), counterparty: treasury, proposal_id: null, category: null, balance_after: String(x.treasuryBefore)},
        ])
        const a = await one('SELECT disbursed::text FROM proposal WHERE id = $1', [String(x.A.id)])
        expect(a.disbursed).toBe(String(x.treasuryBefore))
        const [{treasury_balance}] = await db.query('SELECT treasury_balance::text FROM protocol')
        expect(treasury_balance).toBe(String(await P.balance('Treasury')))
        const deposit = await one("SELECT amount::text FROM treasury_flow WHERE kind = 'DEPOSIT' AND counterparty = $1", [P.deployer.toLowerCase()])
        expect(deposit.amount).toBe(String(x.deployerDeposit))
        const plain = await db.query("SELECT amount::text FROM treasury_flow WHERE kind = 'TRANSFER_IN' AND amount = $1::numeric AND proposal_id IS NULL AND id NOT LIKE '%-in'", [String(x.wholeTransfer)])
        expect(plain).toHaveLength(1)
        const [{balance}] = await db.query('SELECT balance::text FROM account WHERE id = $1', [P.deployer.toLowerCase()])
        expect(balance).toBe('0')
    })

    it('revenue reaches depth 8 (MAX_DEPTH) along EVALUATED_ON links at 10 000 bps; RETIRED is indexed', async () => {
        const pid = await one('SELECT id, max_depth, distribution_count, protocol_fee::text FROM payment WHERE asset_id = $1', [String(x.chain[9])])
        expect(pid).toMatchObject({max_depth: 8, distribution_count: 9, protocol_fee: String((x.chainPayment * BigInt(FEE_MAX)) / 10_000n)})
        const depths = await db.query('SELECT depth, asset_id FROM revenue_distribution WHERE payment_id = $1 ORDER BY depth', [pid.id])
        expect(depths.map((d) => [d.depth, d.asset_id])).toEqual(Array.from({length: 9}, (_, k) => [k, String(x.chain[9 - k])]))
        const links = await db.query("SELECT relation, upstream_bps FROM asset_link WHERE child_id = ANY($1)", [x.chain.map(String)])
        expect(links).toHaveLength(9)
        for (const l of links) expect(l).toEqual({relation: 'EVALUATED_ON', upstream_bps: BPS_MAX})
        const z = await one('SELECT status FROM asset WHERE id = $1', [String(x.assetZ)])
        expect(z.status).toBe('RETIRED')
    })

    describe('GraphQL', () => {
        let api: TestApi
        beforeAll(async () => {
            api = await startTestApi(db.url)
        }, 60_000)
        afterAll(async () => {
            await api?.stop()
        })

        it('BigInt fields come back as exact decimal strings', async () => {
            const r = await api.gql(`{
                invocations(orderBy: id_ASC, limit: 10) { id units fee }
                proposals(orderBy: id_ASC, limit: 10) { id snapshotBlock voteStartBlock voteEndBlock state }
                receipts(orderBy: id_ASC, limit: 10) { id weight }
                licenses(orderBy: id_ASC, limit: 10) { id expiresAt }
                protocols(limit: 1) { votingDelay votingPeriod proposalThreshold }
            }`)
            expect(r.body.errors).toBeUndefined()
            const d = r.body.data
            expect(d.invocations.map((i: any) => i.units)).toEqual([String(MAX32), String(MAX32)])
            const D = d.proposals.find((p: any) => p.id === String(x.D.id))
            expect(D).toEqual({id: String(x.D.id), snapshotBlock: String(x.bStar + DELAY), voteStartBlock: String(x.bStar + DELAY + 1n), voteEndBlock: String(MAX64), state: 'PENDING'})
            expect(d.receipts.map((i: any) => i.weight)).toEqual([String(MAX128), String(MAX128)])
            expect(d.licenses.find((l: any) => l.id === String(x.licenses.maxExpiry)).expiresAt).toBe(String(MAX64))
            expect(d.protocols).toEqual([{votingDelay: String(DELAY), votingPeriod: String(x.period), proposalThreshold: String(MAX256)}])
        })

        it('license terms and the governance analytics too', async () => {
            const r = await api.gql(`{
                licenseTerms(orderBy: id_ASC, limit: 10) { id price duration pricePerCall }
                proposalDetail(id: "${x.D.id}") { snapshotBlock voteStartBlock voteEndBlock state }
                governanceStats { proposals pending canceled executed }
            }`)
            expect(r.body.errors).toBeUndefined()
            const d = r.body.data
            expect(d.licenseTerms.find((t: any) => t.id === String(x.terms.unpayable))).toEqual({id: String(x.terms.unpayable), price: String(MAX256), duration: String(MAX64), pricePerCall: String(MAX256)})
            expect(d.proposalDetail).toEqual({snapshotBlock: String(x.bStar + DELAY), voteStartBlock: String(x.bStar + DELAY + 1n), voteEndBlock: String(MAX64), state: 'PENDING'})
            expect(d.governanceStats).toEqual({proposals: 5, pending: 1, canceled: 2, executed: 2})
        })
    })
})

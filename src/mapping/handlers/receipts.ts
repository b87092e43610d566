import {receiptAccrued} from '../../domain/accrual'
import {Receipt, Revocation} from '../../model'
import {contributionType} from '../enums'
import {at} from '../state'
import {hex, touchAsset} from './assets'
import type {HandlerTable} from './types'

type K = 'ReceiptIssued' | 'ReceiptRevoked' | 'ReceiptTransfer'

export const receiptHandlers: HandlerTable<K> = {
    ReceiptIssued: {
        want(s, {args}) {
            s.assets.want(args.assetId.toString())
            s.accounts.want(args.contributor)
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            const contributor = s.account(args.contributor, meta)
            contributor.receiptCount += 1
            s.proto(meta).receiptCount += 1
            // The vault snapshots the accumulator before the weight enters totalWeight.
            s.receipts.add(
                new Receipt({
                    id: args.receiptId.toString(),
                    number: args.receiptId,
                    asset: a,
                    contributor,
                    contributionType: contributionType(args.contributionType),
                    weight: args.weight,
                    evidence: hex(args.evidence),
                    accSnapshot: a.accRevenuePerWeight,
                    revoked: false,
                    frozenAccrued: null,
                    accAtRevoke: null,
                    claimed: 0n,
                    issuedAtBlock: meta.block,
                    issuedAt: meta.timestamp,
                    revokedAtBlock: null,
                    txHash: meta.txHash,
                }),
            )
            a.totalWeight += args.weight
            a.receiptCount += 1
            a.activeReceiptCount += 1
        },
    },
    ReceiptRevoked: {
        want(s, {args}) {
            s.receipts.want(args.receiptId.toString())
            s.assets.want(args.assetId.toString())
        },
        apply(s, {args, meta}) {
            const r = s.receipts.touch(s.receipts.must(args.receiptId.toString(), 'receipt'))
            const a = touchAsset(s, args.assetId, meta)
            // Frozen at its value at this moment (SPEC §6.3): accrued up to the accumulator now.
            r.frozenAccrued = receiptAccrued(r, a.accRevenuePerWeight)
            r.accAtRevoke = a.accRevenuePerWeight
            r.revoked = true
            r.revokedAtBlock = meta.block
            a.totalWeight -= r.weight
            a.activeReceiptCount -= 1
            s.revocations.push(new Revocation({id: meta.id, target: 'receipt', receipt: r, license: null, ...at(meta)}))
        },
    },
    // Receipts are soulbound: their only Transfer is the mint, which ReceiptIssued describes.
    ReceiptTransfer: {apply() {}},
}


import {AssetKind, OwnerClaim, ParamChange, Payment, ReceiptClaim, RevenueDistribution} from '../../model'
import {paymentSource} from '../enums'
import {at} from '../state'
import {assetDay, assetDayId, royaltyDepthDay, royaltyDepthDayId, treasuryDay, treasuryDayId} from '../buckets'
import {touchAsset} from './assets'
import type {HandlerTable} from './types'

type K = 'PaymentReceived' | 'RevenueDistributed' | 'OwnerClaimed' | 'ReceiptClaimed' | 'ProtocolFeeUpdated'

const ACC_SCALE = 10n ** 18n

export const vaultHandlers: HandlerTable<K> = {
    PaymentReceived: {
        want(s, {args, meta}) {
            s.assets.want(args.assetId.toString())
            s.accounts.want(args.payer)
            s.assetDays.want(assetDayId(args.assetId, meta))
            s.treasuryDays.want(treasuryDayId(meta))
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            const payer = s.account(args.payer, meta)
            const source = paymentSource(args.source)
            const id = args.paymentId.toString()
            s.payments.add(
                new Payment({
                    id,
                    number: args.paymentId,
                    asset: a,
                    payer,
                    source,
                    amount: args.amount,
                    protocolFee: args.protocolFee,
                    net: args.amount - args.protocolFee,
                    distributionCount: 0,
                    maxDepth: 0,
                    ...at(meta),
                }),
            )
            a.paymentCount += 1
            a.grossRevenue += args.amount
            a.protocolFees += args.protocolFee
            payer.spent += args.amount
            const p = s.proto(meta)
            p.paymentCount += 1
            p.grossPayments += args.amount
            p.protocolFees += args.protocolFee
            const day = assetDay(s, a, meta)
            day.payments += 1
            day.grossRevenue += args.amount
            day.protocolFees += args.protocolFee
            treasuryDay(s, meta).grossPayments += args.amount
            // FeeReceived came just before, without the asset and source: complete it.
            const fee = s.feeFlows.get(id)
            if (fee != null) {
                fee.asset = a
                fee.source = source
                s.feeFlows.delete(id)
            }
        },
    },
    RevenueDistributed: {
        want(s, {args, meta}) {
            s.payments.want(args.paymentId.toString())
            s.assets.want(args.assetId.toString())
            s.accounts.want(args.owner)
            s.assetDays.want(assetDayId(args.assetId, meta))
            // The asset's kind is only known once it is loaded: declare the depth's buckets of every kind.
            for (const kind of Object.values(AssetKind)) s.royaltyDepthDays.want(royaltyDepthDayId(kind, args.depth, meta))
        },
        apply(s, {args, meta}) {
            const payment = s.payments.touch(s.payments.must(args.paymentId.toString(), 'payment'))
            const a = touchAsset(s, args.assetId, meta)
            const owner = s.account(args.owner, meta)
            const accBefore = a.accRevenuePerWeight
            const totalWeight = a.totalWeight
            if (args.toContributors > 0n) {
                if (totalWeight === 0n) throw new Error(`asset ${a.id} received a contributor pool with no active receipt weight`)
                a.accRevenuePerWeight += (args.toContributors * ACC_SCALE) / totalWeight
            }
            s.distributions.push(
                new RevenueDistribution({
                    id: `${payment.id}-${payment.distributionCount}`,
                    payment,
                    asset: a,
                    depth: args.depth,
                    amount: args.amount,
                    toOwner: args.toOwner,
                    toContributors: args.toContributors,
                    toUpstream: args.toUpstream,
                    owner,
                    totalWeight,
                    accBefore,
                    accAfter: a.accRevenuePerWeight,
                    ...at(meta),
                }),
            )
            payment.distributionCount += 1
            if (args.depth > payment.maxDepth) payment.maxDepth = args.depth
            a.distributionCount += 1
            a.ownerRevenue += args.toOwner
            a.contributorRevenue += args.toContributors
            a.sentUpstream += args.toUpstream
            const rdd = royaltyDepthDay(s, a, args.depth, meta)
            rdd.distributions += 1
            rdd.amount += args.amount
            const day = assetDay(s, a, meta)
            if (args.depth === 0) {
                a.directRevenue += args.amount
                day.directRevenue += args.amount
            } else {
                a.upstreamRevenue += args.amount
                day.upstreamRevenue += args.amount
            }
            day.ownerRevenue += args.toOwner
            day.contributorRevenue += args.toContributors
            day.accClose = a.accRevenuePerWeight
            owner.ownerEarned += args.toOwner
            owner.ownerClaimable += args.toOwner
            const p = s.proto(meta)
            p.ownerRevenue += args.toOwner
            p.contributorRevenue += args.toContributors
        },
    },
    OwnerClaimed: {
        want(s, {args}) {
            s.accounts.want(args.account)
        },
        apply(s, {args, meta}) {
            const acc = s.account(args.account, meta)
            acc.ownerClaimed += args.amount
            acc.ownerClaimable -= args.amount
            s.proto(meta).ownerClaimed += args.amount
            s.ownerClaims.push(new OwnerClaim({id: meta.id, account: acc, amount: args.amount, ...at(meta)}))
        },
    },
    ReceiptClaimed: {
        want(s, {args}) {
            s.receipts.want(args.receiptId.toString())
            s.accounts.want(args.contributor)
        },
        apply(s, {args, meta}) {
            const r = s.receipts.touch(s.receipts.must(args.receiptId.toString(), 'receipt'))
            const contributor = s.account(args.contributor, meta)
            r.claimed += args.amount
            contributor.receiptClaimed += args.amount
            s.proto(meta).receiptClaimed += args.amount
            s.receiptClaims.push(new ReceiptClaim({id: meta.id, receipt: r, contributor, amount: args.amount, ...at(meta)}))
        },
    },
    ProtocolFeeUpdated: {
        apply(s, {args, meta}) {
            s.proto(meta).protocolFeeBps = args.newBps
            s.paramChanges.push(new ParamChange({id: meta.id, name: 'protocolFeeBps', oldFeeBps: args.oldBps, newFeeBps: args.newBps, ...at(meta)}))
        },
    },
}


import {Asset, AssetLink, AssetStatus, AssetStatusChange, AssetTransfer, AssetVersion, ContributorShareChange} from '../../model'
import {assetKind, assetStatus, relation} from '../enums'
import {safeString} from '../strings'
import {at, BatchState, ZERO_ADDRESS} from '../state'
import type {Meta} from '../decode'
import type {HandlerTable} from './types'

type K = 'AssetRegistered' | 'AssetUpdated' | 'AssetLinked' | 'ContributorShareSet' | 'AssetStatusChanged' | 'AssetTransfer'

export const assetHandlers: HandlerTable<K> = {
    AssetRegistered: {
        want(s, {args}) {
            s.accounts.want(args.owner)
        },
        apply(s, {args, meta}) {
            const id = args.assetId.toString()
            const uri = safeString(hex(args.uri))
            const owner = s.account(args.owner, meta)
            owner.assetCount += 1
            s.proto(meta).assetCount += 1
            s.assets.add(
                new Asset({
                    id,
                    number: args.assetId,
                    kind: assetKind(args.kind),
                    status: AssetStatus.ACTIVE,
                    owner,
                    creator: owner,
                    version: 1,
                    uri: uri.text,
                    uriRaw: uri.raw,
                    uriTruncated: uri.truncated,
                    contentHash: hex(args.contentHash),
                    contributorBps: args.contributorBps,
                    upstreamBpsSum: 0,
                    parentCount: 0,
                    childCount: 0,
                    totalWeight: 0n,
                    accRevenuePerWeight: 0n,
                    receiptCount: 0,
                    activeReceiptCount: 0,
                    termsCount: 0,
                    licenseCount: 0,
                    invocationCount: 0,
                    paymentCount: 0,
                    grossRevenue: 0n,
                    protocolFees: 0n,
                    directRevenue: 0n,
                    upstreamRevenue: 0n,
                    ownerRevenue: 0n,
                    contributorRevenue: 0n,
                    sentUpstream: 0n,
                    distributionCount: 0,
                    createdAtBlock: meta.block,
                    createdAt: meta.timestamp,
                    updatedAtBlock: meta.block,
                }),
            )
            s.versions.push(new AssetVersion({id: `${id}-1`, asset: new Asset({id}), version: 1, uri: uri.text, uriRaw: uri.raw, uriTruncated: uri.truncated, contentHash: hex(args.contentHash), ...at(meta)}))
        },
    },
    AssetUpdated: {
        want(s, {args}) {
            s.assets.want(args.assetId.toString())
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            const uri = safeString(hex(args.uri))
            a.version = args.version
            a.uri = uri.text
            a.uriRaw = uri.raw
            a.uriTruncated = uri.truncated
            a.contentHash = hex(args.contentHash)
            s.versions.push(new AssetVersion({id: `${a.id}-${args.version}`, asset: a, version: args.version, uri: uri.text, uriRaw: uri.raw, uriTruncated: uri.truncated, contentHash: a.contentHash, ...at(meta)}))
        },
    },
    AssetLinked: {
        want(s, {args}) {
            s.assets.want(args.assetId.toString())
            s.assets.want(args.parentId.toString())
        },
        apply(s, {args, meta}) {
            const child = touchAsset(s, args.assetId, meta)
            const parent = touchAsset(s, args.parentId, meta)
            s.links.push(
                new AssetLink({
                    id: `${child.id}-${parent.id}`,
                    child,
                    parent,
                    relation: relation(args.relation),
                    upstreamBps: args.upstreamBps,
                    position: child.parentCount,
                    ...at(meta),
                }),
            )
            child.parentCount += 1
            child.upstreamBpsSum += args.upstreamBps
            parent.childCount += 1
        },
    },
    ContributorShareSet: {
        want(s, {args}) {
            s.assets.want(args.assetId.toString())
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            a.contributorBps = args.contributorBps
            s.shareChanges.push(new ContributorShareChange({id: meta.id, asset: a, contributorBps: args.contributorBps, ...at(meta)}))
        },
    },
    AssetStatusChanged: {
        want(s, {args}) {
            s.assets.want(args.assetId.toString())
        },
        apply(s, {args, meta}) {
            const a = touchAsset(s, args.assetId, meta)
            a.status = assetStatus(args.status)
            s.statusChanges.push(new AssetStatusChange({id: meta.id, asset: a, status: a.status, ...at(meta)}))
        },
    },
    AssetTransfer: {
        want(s, {args}) {
            s.assets.want(args.tokenId.toString())
            s.accounts.want(args.from)
            s.accounts.want(args.to)
        },
        apply(s, {args, meta}) {
            const id = args.tokenId.toString()
            s.assetTransfers.push(new AssetTransfer({id: meta.id, asset: new Asset({id}), from: args.from, to: args.to, ...at(meta)}))
            // A mint precedes AssetRegistered, which creates the asset and counts it.
            if (args.from === ZERO_ADDRESS) return
            const a = touchAsset(s, args.tokenId, meta)
            s.account(args.from, meta).assetCount -= 1
            const to = s.account(args.to, meta)
            to.assetCount += 1
            a.owner = to
        },
    },
}

export function touchAsset(s: BatchState, assetId: bigint | string, meta: Meta): Asset {
    const a = s.assets.touch(s.assets.must(assetId.toString(), 'asset'))
    a.updatedAtBlock = meta.block
    return a
}

export function hex(v: string | Uint8Array): Uint8Array {
    if (typeof v !== 'string') return Uint8Array.from(v)
    return Uint8Array.from(Buffer.from(v.slice(2), 'hex'))
}

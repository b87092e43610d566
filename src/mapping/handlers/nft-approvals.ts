import {NftApproval, NftCollection} from '../../model'
import type {EventOf} from '../decode'
import {at, BatchState} from '../state'
import type {HandlerTable} from './types'

type Prefix = 'Asset' | 'Receipt' | 'License'
type K = `${Prefix}Approval` | `${Prefix}ApprovalForAll`

const COLLECTION: Record<Prefix, NftCollection> = {
    Asset: NftCollection.OWNERSHIP,
    Receipt: NftCollection.RECEIPT,
    License: NftCollection.LICENSE,
}

function approval(collection: NftCollection) {
    return {
        apply(s: BatchState, {args, meta}: Pick<EventOf<'AssetApproval'>, 'args' | 'meta'>) {
            s.nftApprovals.push(new NftApproval({id: meta.id, collection, owner: args.owner, operator: args.approved, tokenId: args.tokenId, approved: null, ...at(meta)}))
        },
    }
}

function approvalForAll(collection: NftCollection) {
    return {
        apply(s: BatchState, {args, meta}: Pick<EventOf<'AssetApprovalForAll'>, 'args' | 'meta'>) {
            s.nftApprovals.push(new NftApproval({id: meta.id, collection, owner: args.owner, operator: args.operator, tokenId: null, approved: args.approved, ...at(meta)}))
        },
    }
}

/** ERC-721 Approval / ApprovalForAll of the three NFT collections: history rows only. */
export const nftApprovalHandlers: HandlerTable<K> = {
    AssetApproval: approval(COLLECTION.Asset),
    AssetApprovalForAll: approvalForAll(COLLECTION.Asset),
    ReceiptApproval: approval(COLLECTION.Receipt),
    ReceiptApprovalForAll: approvalForAll(COLLECTION.Receipt),
    LicenseApproval: approval(COLLECTION.License),
    LicenseApprovalForAll: approvalForAll(COLLECTION.License),
}

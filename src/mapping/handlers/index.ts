import {assetHandlers} from './assets'
import {governanceHandlers} from './governance'
import {licenseHandlers} from './licenses'
import {nftApprovalHandlers} from './nft-approvals'
import {receiptHandlers} from './receipts'
import {tokenHandlers} from './token'
import {treasuryHandlers} from './treasury'
import type {HandlerTable, Kind} from './types'
import {vaultHandlers} from './vault'

/** One handler per protocol event kind: the compiler checks that none is missing. */
export const handlers: HandlerTable<Kind> = {
    ...tokenHandlers,
    ...assetHandlers,
    ...receiptHandlers,
    ...licenseHandlers,
    ...nftApprovalHandlers,
    ...vaultHandlers,
    ...treasuryHandlers,
    ...governanceHandlers,
}

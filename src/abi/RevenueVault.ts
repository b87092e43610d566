import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    OwnerClaimed: event("0x6253792f68f5f86d90058ddc0bcb600478147da82de0212f4971cf298ccbf7c2", "OwnerClaimed(address,uint256)", {"account": indexed(p.address), "amount": p.uint256}),
    PaymentReceived: event("0x806008554b0743e98e16875436fad7ed712c868d140ea86def7a29052a30b3bb", "PaymentReceived(uint256,uint256,address,uint8,uint256,uint256)", {"paymentId": indexed(p.uint256), "assetId": indexed(p.uint256), "payer": indexed(p.address), "source": p.uint8, "amount": p.uint256, "protocolFee": p.uint256}),
    ProtocolFeeUpdated: event("0x26bc4a9b6ef30ec448ec7094c0f1002b0c6b8363d6a56be88ce399f1ac3d92f9", "ProtocolFeeUpdated(uint16,uint16)", {"oldBps": p.uint16, "newBps": p.uint16}),
    ReceiptClaimed: event("0x2d712c146ac078e5e6fb5bf8fe263bc8c226b75cd3673cf5c936f5bf66e1eb41", "ReceiptClaimed(uint256,address,uint256)", {"receiptId": indexed(p.uint256), "contributor": indexed(p.address), "amount": p.uint256}),
    RevenueDistributed: event("0x0e9d62ccb962361f64288722c999d6e97954c61ed731ee57a4c80853125262bb", "RevenueDistributed(uint256,uint256,uint8,uint256,uint256,uint256,uint256,address)", {"paymentId": indexed(p.uint256), "assetId": indexed(p.uint256), "depth": p.uint8, "amount": p.uint256, "toOwner": p.uint256, "toContributors": p.uint256, "toUpstream": p.uint256, "owner": p.address}),
}

export const functions = {
    MAX_DEPTH: viewFun("0xa27154ba", "MAX_DEPTH()", {}, p.uint8),
    MAX_PROTOCOL_FEE_BPS: viewFun("0x6d947e4b", "MAX_PROTOCOL_FEE_BPS()", {}, p.uint16),
    accRevenuePerWeight: viewFun("0xd4ac2017", "accRevenuePerWeight(uint256)", {"_0": p.uint256}, p.uint256),
    checkpointReceipt: fun("0x8c0e493e", "checkpointReceipt(uint256)", {"receiptId": p.uint256}, ),
    claimOwner: fun("0x3bd1adec", "claimOwner()", {}, p.uint256),
    claimReceipts: fun("0x7e7f2173", "claimReceipts(uint256[])", {"receiptIds": p.array(p.uint256)}, p.uint256),
    governor: viewFun("0x0c340a24", "governor()", {}, p.address),
    licenses: viewFun("0xd90fa572", "licenses()", {}, p.address),
    ownerClaimable: viewFun("0xde241d60", "ownerClaimable(address)", {"_0": p.address}, p.uint256),
    paymentCount: viewFun("0x0937e68a", "paymentCount()", {}, p.uint256),
    protocolFeeBps: viewFun("0x35659fb8", "protocolFeeBps()", {}, p.uint16),
    receiptAccrued: viewFun("0x5d4238a9", "receiptAccrued(uint256)", {"receiptId": p.uint256}, p.uint256),
    receiptClaimable: viewFun("0x2d8ec455", "receiptClaimable(uint256)", {"receiptId": p.uint256}, p.uint256),
    receiptClaimed: viewFun("0x17b44bb3", "receiptClaimed(uint256)", {"receiptId": p.uint256}, p.uint256),
    receipts: viewFun("0xf400b10e", "receipts()", {}, p.address),
    registry: viewFun("0x7b103999", "registry()", {}, p.address),
    routePayment: fun("0xb9647447", "routePayment(uint256,address,uint8,uint256)", {"assetId": p.uint256, "payer": p.address, "source": p.uint8, "amount": p.uint256}, p.uint256),
    router: viewFun("0xf887ea40", "router()", {}, p.address),
    setProtocolFeeBps: fun("0xbe37b12c", "setProtocolFeeBps(uint16)", {"bps": p.uint16}, ),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
    treasury: viewFun("0x61d027b3", "treasury()", {}, p.address),
}

export class Contract extends ContractBase {

    MAX_DEPTH() {
        return this.eth_call(functions.MAX_DEPTH, {})
    }

    MAX_PROTOCOL_FEE_BPS() {
        return this.eth_call(functions.MAX_PROTOCOL_FEE_BPS, {})
    }

    accRevenuePerWeight(_0: AccRevenuePerWeightParams["_0"]) {
        return this.eth_call(functions.accRevenuePerWeight, {_0})
    }

    governor() {
        return this.eth_call(functions.governor, {})
    }

    licenses() {
        return this.eth_call(functions.licenses, {})
    }

    ownerClaimable(_0: OwnerClaimableParams["_0"]) {
        return this.eth_call(functions.ownerClaimable, {_0})
    }

    paymentCount() {
        return this.eth_call(functions.paymentCount, {})
    }

    protocolFeeBps() {
        return this.eth_call(functions.protocolFeeBps, {})
    }

    receiptAccrued(receiptId: ReceiptAccruedParams["receiptId"]) {
        return this.eth_call(functions.receiptAccrued, {receiptId})
    }

    receiptClaimable(receiptId: ReceiptClaimableParams["receiptId"]) {
        return this.eth_call(functions.receiptClaimable, {receiptId})
    }

    receiptClaimed(receiptId: ReceiptClaimedParams["receiptId"]) {
        return this.eth_call(functions.receiptClaimed, {receiptId})
    }

    receipts() {
        return this.eth_call(functions.receipts, {})
    }

    registry() {
        return this.eth_call(functions.registry, {})
    }

    router() {
        return this.eth_call(functions.router, {})
    }

    token() {
        return this.eth_call(functions.token, {})
    }

    treasury() {
        return this.eth_call(functions.treasury, {})
    }
}

/// Event types
export type OwnerClaimedEventArgs = EParams<typeof events.OwnerClaimed>
export type PaymentReceivedEventArgs = EParams<typeof events.PaymentReceived>
export type ProtocolFeeUpdatedEventArgs = EParams<typeof events.ProtocolFeeUpdated>
export type ReceiptClaimedEventArgs = EParams<typeof events.ReceiptClaimed>
export type RevenueDistributedEventArgs = EParams<typeof events.RevenueDistributed>

/// Function types
export type MAX_DEPTHParams = FunctionArguments<typeof functions.MAX_DEPTH>
export type MAX_DEPTHReturn = FunctionReturn<typeof functions.MAX_DEPTH>

export type MAX_PROTOCOL_FEE_BPSParams = FunctionArguments<typeof functions.MAX_PROTOCOL_FEE_BPS>
export type MAX_PROTOCOL_FEE_BPSReturn = FunctionReturn<typeof functions.MAX_PROTOCOL_FEE_BPS>

export type AccRevenuePerWeightParams = FunctionArguments<typeof functions.accRevenuePerWeight>
export type AccRevenuePerWeightReturn = FunctionReturn<typeof functions.accRevenuePerWeight>

export type CheckpointReceiptParams = FunctionArguments<typeof functions.checkpointReceipt>
export type CheckpointReceiptReturn = FunctionReturn<typeof functions.checkpointReceipt>

export type ClaimOwnerParams = FunctionArguments<typeof functions.claimOwner>
export type ClaimOwnerReturn = FunctionReturn<typeof functions.claimOwner>

export type ClaimReceiptsParams = FunctionArguments<typeof functions.claimReceipts>
export type ClaimReceiptsReturn = FunctionReturn<typeof functions.claimReceipts>

export type GovernorParams = FunctionArguments<typeof functions.governor>
export type GovernorReturn = FunctionReturn<typeof functions.governor>

export type LicensesParams = FunctionArguments<typeof functions.licenses>
export type LicensesReturn = FunctionReturn<typeof functions.licenses>

export type OwnerClaimableParams = FunctionArguments<typeof functions.ownerClaimable>
export type OwnerClaimableReturn = FunctionReturn<typeof functions.ownerClaimable>

export type PaymentCountParams = FunctionArguments<typeof functions.paymentCount>
export type PaymentCountReturn = FunctionReturn<typeof functions.paymentCount>

export type ProtocolFeeBpsParams = FunctionArguments<typeof functions.protocolFeeBps>
export type ProtocolFeeBpsReturn = FunctionReturn<typeof functions.protocolFeeBps>

export type ReceiptAccruedParams = FunctionArguments<typeof functions.receiptAccrued>
export type ReceiptAccruedReturn = FunctionReturn<typeof functions.receiptAccrued>

export type ReceiptClaimableParams = FunctionArguments<typeof functions.receiptClaimable>
export type ReceiptClaimableReturn = FunctionReturn<typeof functions.receiptClaimable>

export type ReceiptClaimedParams = FunctionArguments<typeof functions.receiptClaimed>
export type ReceiptClaimedReturn = FunctionReturn<typeof functions.receiptClaimed>

export type ReceiptsParams = FunctionArguments<typeof functions.receipts>
export type ReceiptsReturn = FunctionReturn<typeof functions.receipts>

export type RegistryParams = FunctionArguments<typeof functions.registry>
export type RegistryReturn = FunctionReturn<typeof functions.registry>

export type RoutePaymentParams = FunctionArguments<typeof functions.routePayment>
export type RoutePaymentReturn = FunctionReturn<typeof functions.routePayment>

export type RouterParams = FunctionArguments<typeof functions.router>
export type RouterReturn = FunctionReturn<typeof functions.router>

export type SetProtocolFeeBpsParams = FunctionArguments<typeof functions.setProtocolFeeBps>
export type SetProtocolFeeBpsReturn = FunctionReturn<typeof functions.setProtocolFeeBps>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

export type TreasuryParams = FunctionArguments<typeof functions.treasury>
export type TreasuryReturn = FunctionReturn<typeof functions.treasury>


import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Approval: event("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", "Approval(address,address,uint256)", {"owner": indexed(p.address), "approved": indexed(p.address), "tokenId": indexed(p.uint256)}),
    ApprovalForAll: event("0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31", "ApprovalForAll(address,address,bool)", {"owner": indexed(p.address), "operator": indexed(p.address), "approved": p.bool}),
    ReceiptIssued: event("0xdf95ab2526be7271bb245bf03e4319618d4c81f42189eef2a33cd87d297ffc8b", "ReceiptIssued(uint256,uint256,address,uint8,uint128,bytes32)", {"receiptId": indexed(p.uint256), "assetId": indexed(p.uint256), "contributor": indexed(p.address), "contributionType": p.uint8, "weight": p.uint128, "evidence": p.bytes32}),
    ReceiptRevoked: event("0xa2e394a5e68a0091a3d78d462a47830f36a1246695b7c4f9d4ab16db232b9e59", "ReceiptRevoked(uint256,uint256)", {"receiptId": indexed(p.uint256), "assetId": indexed(p.uint256)}),
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "tokenId": indexed(p.uint256)}),
}

export const functions = {
    approve: fun("0x095ea7b3", "approve(address,uint256)", {"to": p.address, "tokenId": p.uint256}, ),
    balanceOf: viewFun("0x70a08231", "balanceOf(address)", {"owner": p.address}, p.uint256),
    contributionTypeOf: viewFun("0xa7367cbd", "contributionTypeOf(uint256)", {"receiptId": p.uint256}, p.uint8),
    getApproved: viewFun("0x081812fc", "getApproved(uint256)", {"tokenId": p.uint256}, p.address),
    isApprovedForAll: viewFun("0xe985e9c5", "isApprovedForAll(address,address)", {"owner": p.address, "operator": p.address}, p.bool),
    issue: fun("0x697977cc", "issue(uint256,address,uint8,uint128,bytes32)", {"assetId": p.uint256, "contributor": p.address, "contributionType": p.uint8, "weight": p.uint128, "evidence": p.bytes32}, p.uint256),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    ownerOf: viewFun("0x6352211e", "ownerOf(uint256)", {"tokenId": p.uint256}, p.address),
    receiptCount: viewFun("0x7f038f3c", "receiptCount()", {}, p.uint256),
    receiptInfo: viewFun("0x73948866", "receiptInfo(uint256)", {"receiptId": p.uint256}, {"assetId": p.uint256, "contributor": p.address, "weight": p.uint128, "revoked": p.bool}),
    registry: viewFun("0x7b103999", "registry()", {}, p.address),
    revoke: fun("0x20c5429b", "revoke(uint256)", {"receiptId": p.uint256}, ),
    'safeTransferFrom(address,address,uint256)': fun("0x42842e0e", "safeTransferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "tokenId": p.uint256}, ),
    'safeTransferFrom(address,address,uint256,bytes)': fun("0xb88d4fde", "safeTransferFrom(address,address,uint256,bytes)", {"from": p.address, "to": p.address, "tokenId": p.uint256, "data": p.bytes}, ),
    setApprovalForAll: fun("0xa22cb465", "setApprovalForAll(address,bool)", {"operator": p.address, "approved": p.bool}, ),
    supportsInterface: viewFun("0x01ffc9a7", "supportsInterface(bytes4)", {"interfaceId": p.bytes4}, p.bool),
    symbol: viewFun("0x95d89b41", "symbol()", {}, p.string),
    tokenURI: viewFun("0xc87b56dd", "tokenURI(uint256)", {"tokenId": p.uint256}, p.string),
    totalWeight: viewFun("0x72e78e1c", "totalWeight(uint256)", {"assetId": p.uint256}, p.uint256),
    transferFrom: fun("0x23b872dd", "transferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "tokenId": p.uint256}, ),
    vault: viewFun("0xfbfa77cf", "vault()", {}, p.address),
}

export class Contract extends ContractBase {

    balanceOf(owner: BalanceOfParams["owner"]) {
        return this.eth_call(functions.balanceOf, {owner})
    }

    contributionTypeOf(receiptId: ContributionTypeOfParams["receiptId"]) {
        return this.eth_call(functions.contributionTypeOf, {receiptId})
    }

    getApproved(tokenId: GetApprovedParams["tokenId"]) {
        return this.eth_call(functions.getApproved, {tokenId})
    }

    isApprovedForAll(owner: IsApprovedForAllParams["owner"], operator: IsApprovedForAllParams["operator"]) {
        return this.eth_call(functions.isApprovedForAll, {owner, operator})
    }

    name() {
        return this.eth_call(functions.name, {})
    }

    ownerOf(tokenId: OwnerOfParams["tokenId"]) {
        return this.eth_call(functions.ownerOf, {tokenId})
    }

    receiptCount() {
        return this.eth_call(functions.receiptCount, {})
    }

    receiptInfo(receiptId: ReceiptInfoParams["receiptId"]) {
        return this.eth_call(functions.receiptInfo, {receiptId})
    }

    registry() {
        return this.eth_call(functions.registry, {})
    }

    supportsInterface(interfaceId: SupportsInterfaceParams["interfaceId"]) {
        return this.eth_call(functions.supportsInterface, {interfaceId})
    }

    symbol() {
        return this.eth_call(functions.symbol, {})
    }

    tokenURI(tokenId: TokenURIParams["tokenId"]) {
        return this.eth_call(functions.tokenURI, {tokenId})
    }

    totalWeight(assetId: TotalWeightParams["assetId"]) {
        return this.eth_call(functions.totalWeight, {assetId})
    }

    vault() {
        return this.eth_call(functions.vault, {})
    }
}

/// Event types
export type ApprovalEventArgs = EParams<typeof events.Approval>
export type ApprovalForAllEventArgs = EParams<typeof events.ApprovalForAll>
export type ReceiptIssuedEventArgs = EParams<typeof events.ReceiptIssued>
export type ReceiptRevokedEventArgs = EParams<typeof events.ReceiptRevoked>
export type TransferEventArgs = EParams<typeof events.Transfer>

/// Function types
export type ApproveParams = FunctionArguments<typeof functions.approve>
export type ApproveReturn = FunctionReturn<typeof functions.approve>

export type BalanceOfParams = FunctionArguments<typeof functions.balanceOf>
export type BalanceOfReturn = FunctionReturn<typeof functions.balanceOf>

export type ContributionTypeOfParams = FunctionArguments<typeof functions.contributionTypeOf>
export type ContributionTypeOfReturn = FunctionReturn<typeof functions.contributionTypeOf>

export type GetApprovedParams = FunctionArguments<typeof functions.getApproved>
export type GetApprovedReturn = FunctionReturn<typeof functions.getApproved>

export type IsApprovedForAllParams = FunctionArguments<typeof functions.isApprovedForAll>
export type IsApprovedForAllReturn = FunctionReturn<typeof functions.isApprovedForAll>

export type IssueParams = FunctionArguments<typeof functions.issue>
export type IssueReturn = FunctionReturn<typeof functions.issue>

export type NameParams = FunctionArguments<typeof functions.name>
export type NameReturn = FunctionReturn<typeof functions.name>

export type OwnerOfParams = FunctionArguments<typeof functions.ownerOf>
export type OwnerOfReturn = FunctionReturn<typeof functions.ownerOf>

export type ReceiptCountParams = FunctionArguments<typeof functions.receiptCount>
export type ReceiptCountReturn = FunctionReturn<typeof functions.receiptCount>

export type ReceiptInfoParams = FunctionArguments<typeof functions.receiptInfo>
export type ReceiptInfoReturn = FunctionReturn<typeof functions.receiptInfo>

export type RegistryParams = FunctionArguments<typeof functions.registry>
export type RegistryReturn = FunctionReturn<typeof functions.registry>

export type RevokeParams = FunctionArguments<typeof functions.revoke>
export type RevokeReturn = FunctionReturn<typeof functions.revoke>

export type SafeTransferFromParams_0 = FunctionArguments<typeof functions['safeTransferFrom(address,address,uint256)']>
export type SafeTransferFromReturn_0 = FunctionReturn<typeof functions['safeTransferFrom(address,address,uint256)']>

export type SafeTransferFromParams_1 = FunctionArguments<typeof functions['safeTransferFrom(address,address,uint256,bytes)']>
export type SafeTransferFromReturn_1 = FunctionReturn<typeof functions['safeTransferFrom(address,address,uint256,bytes)']>

export type SetApprovalForAllParams = FunctionArguments<typeof functions.setApprovalForAll>
export type SetApprovalForAllReturn = FunctionReturn<typeof functions.setApprovalForAll>

export type SupportsInterfaceParams = FunctionArguments<typeof functions.supportsInterface>
export type SupportsInterfaceReturn = FunctionReturn<typeof functions.supportsInterface>

export type SymbolParams = FunctionArguments<typeof functions.symbol>
export type SymbolReturn = FunctionReturn<typeof functions.symbol>

export type TokenURIParams = FunctionArguments<typeof functions.tokenURI>
export type TokenURIReturn = FunctionReturn<typeof functions.tokenURI>

export type TotalWeightParams = FunctionArguments<typeof functions.totalWeight>
export type TotalWeightReturn = FunctionReturn<typeof functions.totalWeight>

export type TransferFromParams = FunctionArguments<typeof functions.transferFrom>
export type TransferFromReturn = FunctionReturn<typeof functions.transferFrom>

export type VaultParams = FunctionArguments<typeof functions.vault>
export type VaultReturn = FunctionReturn<typeof functions.vault>


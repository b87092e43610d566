import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Approval: event("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", "Approval(address,address,uint256)", {"owner": indexed(p.address), "approved": indexed(p.address), "tokenId": indexed(p.uint256)}),
    ApprovalForAll: event("0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31", "ApprovalForAll(address,address,bool)", {"owner": indexed(p.address), "operator": indexed(p.address), "approved": p.bool}),
    AssetLinked: event("0x3ccc75da6c432616e31dc0930c9f756150b4341c6a2f66bde4d320233d408d5c", "AssetLinked(uint256,uint256,uint8,uint16)", {"assetId": indexed(p.uint256), "parentId": indexed(p.uint256), "relation": p.uint8, "upstreamBps": p.uint16}),
    AssetRegistered: event("0x8b7ef85e7f107faf2bf187b0cec42056eab44dee782fa5ae0f7fb53f3a53fa4d", "AssetRegistered(uint256,address,uint8,string,bytes32,uint16)", {"assetId": indexed(p.uint256), "owner": indexed(p.address), "kind": p.uint8, "uri": p.string, "contentHash": p.bytes32, "contributorBps": p.uint16}),
    AssetStatusChanged: event("0x686cbb6b476fac353118f8ae6a2e3fe7540fc87f6a84c97dcfee5cab91583d81", "AssetStatusChanged(uint256,uint8)", {"assetId": indexed(p.uint256), "status": p.uint8}),
    AssetUpdated: event("0x818c5e6b58f2faeaa2b31da82db9cc31f2b6224c893b92cce7df96a70b1e84ff", "AssetUpdated(uint256,uint32,string,bytes32)", {"assetId": indexed(p.uint256), "version": p.uint32, "uri": p.string, "contentHash": p.bytes32}),
    ContributorShareSet: event("0x9593f340edf10beecc61f37db0cf7d8a69491ffce399f7b295aa249f360b8c8b", "ContributorShareSet(uint256,uint16)", {"assetId": indexed(p.uint256), "contributorBps": p.uint16}),
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "tokenId": indexed(p.uint256)}),
}

export const functions = {
    MAX_PARENTS: viewFun("0x97d4c443", "MAX_PARENTS()", {}, p.uint8),
    approve: fun("0x095ea7b3", "approve(address,uint256)", {"to": p.address, "tokenId": p.uint256}, ),
    assetCount: viewFun("0xeafe7a74", "assetCount()", {}, p.uint256),
    balanceOf: viewFun("0x70a08231", "balanceOf(address)", {"owner": p.address}, p.uint256),
    contributorBps: viewFun("0x7f90fe7f", "contributorBps(uint256)", {"assetId": p.uint256}, p.uint16),
    exists: viewFun("0x4f558e79", "exists(uint256)", {"assetId": p.uint256}, p.bool),
    getApproved: viewFun("0x081812fc", "getApproved(uint256)", {"tokenId": p.uint256}, p.address),
    isApprovedForAll: viewFun("0xe985e9c5", "isApprovedForAll(address,address)", {"owner": p.address, "operator": p.address}, p.bool),
    isLinked: viewFun("0xb097b857", "isLinked(uint256,uint256)", {"_0": p.uint256, "_1": p.uint256}, p.bool),
    kind: viewFun("0xabb014ab", "kind(uint256)", {"assetId": p.uint256}, p.uint8),
    link: fun("0xbaf9a39b", "link(uint256,uint256,uint8,uint16)", {"assetId": p.uint256, "parentId": p.uint256, "relation": p.uint8, "upstreamBps": p.uint16}, ),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    ownerOf: viewFun("0x6352211e", "ownerOf(uint256)", {"tokenId": p.uint256}, p.address),
    parents: viewFun("0x898572a6", "parents(uint256)", {"assetId": p.uint256}, {"parentIds": p.array(p.uint256), "upstreamBps": p.array(p.uint16)}),
    register: fun("0x9525e455", "register(uint8,string,bytes32,uint16)", {"kind": p.uint8, "uri": p.string, "contentHash": p.bytes32, "contributorBps_": p.uint16}, p.uint256),
    'safeTransferFrom(address,address,uint256)': fun("0x42842e0e", "safeTransferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "tokenId": p.uint256}, ),
    'safeTransferFrom(address,address,uint256,bytes)': fun("0xb88d4fde", "safeTransferFrom(address,address,uint256,bytes)", {"from": p.address, "to": p.address, "tokenId": p.uint256, "data": p.bytes}, ),
    setApprovalForAll: fun("0xa22cb465", "setApprovalForAll(address,bool)", {"operator": p.address, "approved": p.bool}, ),
    setContributorBps: fun("0x9e30034f", "setContributorBps(uint256,uint16)", {"assetId": p.uint256, "contributorBps_": p.uint16}, ),
    setStatus: fun("0xd896dd64", "setStatus(uint256,uint8)", {"assetId": p.uint256, "status_": p.uint8}, ),
    status: viewFun("0x42d21ef7", "status(uint256)", {"assetId": p.uint256}, p.uint8),
    supportsInterface: viewFun("0x01ffc9a7", "supportsInterface(bytes4)", {"interfaceId": p.bytes4}, p.bool),
    symbol: viewFun("0x95d89b41", "symbol()", {}, p.string),
    tokenURI: viewFun("0xc87b56dd", "tokenURI(uint256)", {"tokenId": p.uint256}, p.string),
    transferFrom: fun("0x23b872dd", "transferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "tokenId": p.uint256}, ),
    update: fun("0xb50fb9be", "update(uint256,string,bytes32)", {"assetId": p.uint256, "uri": p.string, "contentHash": p.bytes32}, ),
    version: viewFun("0xd3cbde31", "version(uint256)", {"assetId": p.uint256}, p.uint32),
}

export class Contract extends ContractBase {

    MAX_PARENTS() {
        return this.eth_call(functions.MAX_PARENTS, {})
    }

    assetCount() {
        return this.eth_call(functions.assetCount, {})
    }

    balanceOf(owner: BalanceOfParams["owner"]) {
        return this.eth_call(functions.balanceOf, {owner})
    }

    contributorBps(assetId: ContributorBpsParams["assetId"]) {
        return this.eth_call(functions.contributorBps, {assetId})
    }

    exists(assetId: ExistsParams["assetId"]) {
        return this.eth_call(functions.exists, {assetId})
    }

    getApproved(tokenId: GetApprovedParams["tokenId"]) {
        return this.eth_call(functions.getApproved, {tokenId})
    }

    isApprovedForAll(owner: IsApprovedForAllParams["owner"], operator: IsApprovedForAllParams["operator"]) {
        return this.eth_call(functions.isApprovedForAll, {owner, operator})
    }

    isLinked(_0: IsLinkedParams["_0"], _1: IsLinkedParams["_1"]) {
        return this.eth_call(functions.isLinked, {_0, _1})
    }

    kind(assetId: KindParams["assetId"]) {
        return this.eth_call(functions.kind, {assetId})
    }

    name() {
        return this.eth_call(functions.name, {})
    }

    ownerOf(tokenId: OwnerOfParams["tokenId"]) {
        return this.eth_call(functions.ownerOf, {tokenId})
    }

    parents(assetId: ParentsParams["assetId"]) {
        return this.eth_call(functions.parents, {assetId})
    }

    status(assetId: StatusParams["assetId"]) {
        return this.eth_call(functions.status, {assetId})
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

    version(assetId: VersionParams["assetId"]) {
        return this.eth_call(functions.version, {assetId})
    }
}

/// Event types
export type ApprovalEventArgs = EParams<typeof events.Approval>
export type ApprovalForAllEventArgs = EParams<typeof events.ApprovalForAll>
export type AssetLinkedEventArgs = EParams<typeof events.AssetLinked>
export type AssetRegisteredEventArgs = EParams<typeof events.AssetRegistered>
export type AssetStatusChangedEventArgs = EParams<typeof events.AssetStatusChanged>
export type AssetUpdatedEventArgs = EParams<typeof events.AssetUpdated>
export type ContributorShareSetEventArgs = EParams<typeof events.ContributorShareSet>
export type TransferEventArgs = EParams<typeof events.Transfer>

/// Function types
export type MAX_PARENTSParams = FunctionArguments<typeof functions.MAX_PARENTS>
export type MAX_PARENTSReturn = FunctionReturn<typeof functions.MAX_PARENTS>

export type ApproveParams = FunctionArguments<typeof functions.approve>
export type ApproveReturn = FunctionReturn<typeof functions.approve>

export type AssetCountParams = FunctionArguments<typeof functions.assetCount>
export type AssetCountReturn = FunctionReturn<typeof functions.assetCount>

export type BalanceOfParams = FunctionArguments<typeof functions.balanceOf>
export type BalanceOfReturn = FunctionReturn<typeof functions.balanceOf>

export type ContributorBpsParams = FunctionArguments<typeof functions.contributorBps>
export type ContributorBpsReturn = FunctionReturn<typeof functions.contributorBps>

export type ExistsParams = FunctionArguments<typeof functions.exists>
export type ExistsReturn = FunctionReturn<typeof functions.exists>

export type GetApprovedParams = FunctionArguments<typeof functions.getApproved>
export type GetApprovedReturn = FunctionReturn<typeof functions.getApproved>

export type IsApprovedForAllParams = FunctionArguments<typeof functions.isApprovedForAll>
export type IsApprovedForAllReturn = FunctionReturn<typeof functions.isApprovedForAll>

export type IsLinkedParams = FunctionArguments<typeof functions.isLinked>
export type IsLinkedReturn = FunctionReturn<typeof functions.isLinked>

export type KindParams = FunctionArguments<typeof functions.kind>
export type KindReturn = FunctionReturn<typeof functions.kind>

export type LinkParams = FunctionArguments<typeof functions.link>
export type LinkReturn = FunctionReturn<typeof functions.link>

export type NameParams = FunctionArguments<typeof functions.name>
export type NameReturn = FunctionReturn<typeof functions.name>

export type OwnerOfParams = FunctionArguments<typeof functions.ownerOf>
export type OwnerOfReturn = FunctionReturn<typeof functions.ownerOf>

export type ParentsParams = FunctionArguments<typeof functions.parents>
export type ParentsReturn = FunctionReturn<typeof functions.parents>

export type RegisterParams = FunctionArguments<typeof functions.register>
export type RegisterReturn = FunctionReturn<typeof functions.register>

export type SafeTransferFromParams_0 = FunctionArguments<typeof functions['safeTransferFrom(address,address,uint256)']>
export type SafeTransferFromReturn_0 = FunctionReturn<typeof functions['safeTransferFrom(address,address,uint256)']>

export type SafeTransferFromParams_1 = FunctionArguments<typeof functions['safeTransferFrom(address,address,uint256,bytes)']>
export type SafeTransferFromReturn_1 = FunctionReturn<typeof functions['safeTransferFrom(address,address,uint256,bytes)']>

export type SetApprovalForAllParams = FunctionArguments<typeof functions.setApprovalForAll>
export type SetApprovalForAllReturn = FunctionReturn<typeof functions.setApprovalForAll>

export type SetContributorBpsParams = FunctionArguments<typeof functions.setContributorBps>
export type SetContributorBpsReturn = FunctionReturn<typeof functions.setContributorBps>

export type SetStatusParams = FunctionArguments<typeof functions.setStatus>
export type SetStatusReturn = FunctionReturn<typeof functions.setStatus>

export type StatusParams = FunctionArguments<typeof functions.status>
export type StatusReturn = FunctionReturn<typeof functions.status>

export type SupportsInterfaceParams = FunctionArguments<typeof functions.supportsInterface>
export type SupportsInterfaceReturn = FunctionReturn<typeof functions.supportsInterface>

export type SymbolParams = FunctionArguments<typeof functions.symbol>
export type SymbolReturn = FunctionReturn<typeof functions.symbol>

export type TokenURIParams = FunctionArguments<typeof functions.tokenURI>
export type TokenURIReturn = FunctionReturn<typeof functions.tokenURI>

export type TransferFromParams = FunctionArguments<typeof functions.transferFrom>
export type TransferFromReturn = FunctionReturn<typeof functions.transferFrom>

export type UpdateParams = FunctionArguments<typeof functions.update>
export type UpdateReturn = FunctionReturn<typeof functions.update>

export type VersionParams = FunctionArguments<typeof functions.version>
export type VersionReturn = FunctionReturn<typeof functions.version>


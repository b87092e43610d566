import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Approval: event("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", "Approval(address,address,uint256)", {"owner": indexed(p.address), "approved": indexed(p.address), "tokenId": indexed(p.uint256)}),
    ApprovalForAll: event("0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31", "ApprovalForAll(address,address,bool)", {"owner": indexed(p.address), "operator": indexed(p.address), "approved": p.bool}),
    LicenseIssued: event("0xb2ca812f05f00f2985c946254da66cb8761b2b27821b9dfffb2349f13a0599da", "LicenseIssued(uint256,uint256,uint256,address,uint64,uint256,uint256)", {"licenseId": indexed(p.uint256), "termsId": indexed(p.uint256), "assetId": indexed(p.uint256), "licensee": p.address, "expiresAt": p.uint64, "pricePaid": p.uint256, "paymentId": p.uint256}),
    LicenseRevoked: event("0xf8ecc300d4504a2b49692052f138b7e697df679cf0580522720ce405bd01be55", "LicenseRevoked(uint256)", {"licenseId": indexed(p.uint256)}),
    LicenseTermsCreated: event("0x392538570dfceba4496f6ea5cb8014b1ba7e14631fa07507561564e7d5e27f07", "LicenseTermsCreated(uint256,uint256,uint8,uint256,uint64,uint256)", {"termsId": indexed(p.uint256), "assetId": indexed(p.uint256), "licenseType": p.uint8, "price": p.uint256, "duration": p.uint64, "pricePerCall": p.uint256}),
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "tokenId": indexed(p.uint256)}),
}

export const functions = {
    approve: fun("0x095ea7b3", "approve(address,uint256)", {"to": p.address, "tokenId": p.uint256}, ),
    balanceOf: viewFun("0x70a08231", "balanceOf(address)", {"owner": p.address}, p.uint256),
    createTerms: fun("0x6efdbd42", "createTerms(uint256,uint8,uint256,uint64,uint256)", {"assetId": p.uint256, "licenseType": p.uint8, "price": p.uint256, "duration": p.uint64, "pricePerCall": p.uint256}, p.uint256),
    getApproved: viewFun("0x081812fc", "getApproved(uint256)", {"tokenId": p.uint256}, p.address),
    isApprovedForAll: viewFun("0xe985e9c5", "isApprovedForAll(address,address)", {"owner": p.address, "operator": p.address}, p.bool),
    isValid: viewFun("0xf577a500", "isValid(uint256)", {"licenseId": p.uint256}, p.bool),
    licenseCount: viewFun("0x2fbccc27", "licenseCount()", {}, p.uint256),
    licenseInfo: viewFun("0x1e084558", "licenseInfo(uint256)", {"licenseId": p.uint256}, {"termsId": p.uint256, "assetId": p.uint256, "expiresAt": p.uint64, "revoked": p.bool, "pricePerCall": p.uint256}),
    name: viewFun("0x06fdde03", "name()", {}, p.string),
    ownerOf: viewFun("0x6352211e", "ownerOf(uint256)", {"tokenId": p.uint256}, p.address),
    purchase: fun("0xae77c237", "purchase(uint256,address)", {"termsId": p.uint256, "licensee": p.address}, p.uint256),
    registry: viewFun("0x7b103999", "registry()", {}, p.address),
    revoke: fun("0x20c5429b", "revoke(uint256)", {"licenseId": p.uint256}, ),
    'safeTransferFrom(address,address,uint256)': fun("0x42842e0e", "safeTransferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "tokenId": p.uint256}, ),
    'safeTransferFrom(address,address,uint256,bytes)': fun("0xb88d4fde", "safeTransferFrom(address,address,uint256,bytes)", {"from": p.address, "to": p.address, "tokenId": p.uint256, "data": p.bytes}, ),
    setApprovalForAll: fun("0xa22cb465", "setApprovalForAll(address,bool)", {"operator": p.address, "approved": p.bool}, ),
    supportsInterface: viewFun("0x01ffc9a7", "supportsInterface(bytes4)", {"interfaceId": p.bytes4}, p.bool),
    symbol: viewFun("0x95d89b41", "symbol()", {}, p.string),
    terms: viewFun("0xc0aa0e8a", "terms(uint256)", {"termsId": p.uint256}, {"assetId": p.uint256, "licenseType": p.uint8, "price": p.uint256, "duration": p.uint64, "pricePerCall": p.uint256}),
    termsCount: viewFun("0xeecd2300", "termsCount()", {}, p.uint256),
    token: viewFun("0xfc0c546a", "token()", {}, p.address),
    tokenURI: viewFun("0xc87b56dd", "tokenURI(uint256)", {"tokenId": p.uint256}, p.string),
    transferFrom: fun("0x23b872dd", "transferFrom(address,address,uint256)", {"from": p.address, "to": p.address, "tokenId": p.uint256}, ),
    vault: viewFun("0xfbfa77cf", "vault()", {}, p.address),
}

export class Contract extends ContractBase {

    balanceOf(owner: BalanceOfParams["owner"]) {
        return this.eth_call(functions.balanceOf, {owner})
    }

    getApproved(tokenId: GetApprovedParams["tokenId"]) {
        return this.eth_call(functions.getApproved, {tokenId})
    }

    isApprovedForAll(owner: IsApprovedForAllParams["owner"], operator: IsApprovedForAllParams["operator"]) {
        return this.eth_call(functions.isApprovedForAll, {owner, operator})
    }

    isValid(licenseId: IsValidParams["licenseId"]) {
        return this.eth_call(functions.isValid, {licenseId})
    }

    licenseCount() {
        return this.eth_call(functions.licenseCount, {})
    }

    licenseInfo(licenseId: LicenseInfoParams["licenseId"]) {
        return this.eth_call(functions.licenseInfo, {licenseId})
    }

    name() {
        return this.eth_call(functions.name, {})
    }

    ownerOf(tokenId: OwnerOfParams["tokenId"]) {
        return this.eth_call(functions.ownerOf, {tokenId})
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

    terms(termsId: TermsParams["termsId"]) {
        return this.eth_call(functions.terms, {termsId})
    }

    termsCount() {
        return this.eth_call(functions.termsCount, {})
    }

    token() {
        return this.eth_call(functions.token, {})
    }

    tokenURI(tokenId: TokenURIParams["tokenId"]) {
        return this.eth_call(functions.tokenURI, {tokenId})
    }

    vault() {
        return this.eth_call(functions.vault, {})
    }
}

/// Event types
export type ApprovalEventArgs = EParams<typeof events.Approval>
export type ApprovalForAllEventArgs = EParams<typeof events.ApprovalForAll>
export type LicenseIssuedEventArgs = EParams<typeof events.LicenseIssued>
export type LicenseRevokedEventArgs = EParams<typeof events.LicenseRevoked>
export type LicenseTermsCreatedEventArgs = EParams<typeof events.LicenseTermsCreated>
export type TransferEventArgs = EParams<typeof events.Transfer>

/// Function types
export type ApproveParams = FunctionArguments<typeof functions.approve>
export type ApproveReturn = FunctionReturn<typeof functions.approve>

export type BalanceOfParams = FunctionArguments<typeof functions.balanceOf>
export type BalanceOfReturn = FunctionReturn<typeof functions.balanceOf>

export type CreateTermsParams = FunctionArguments<typeof functions.createTerms>
export type CreateTermsReturn = FunctionReturn<typeof functions.createTerms>

export type GetApprovedParams = FunctionArguments<typeof functions.getApproved>
export type GetApprovedReturn = FunctionReturn<typeof functions.getApproved>

export type IsApprovedForAllParams = FunctionArguments<typeof functions.isApprovedForAll>
export type IsApprovedForAllReturn = FunctionReturn<typeof functions.isApprovedForAll>

export type IsValidParams = FunctionArguments<typeof functions.isValid>
export type IsValidReturn = FunctionReturn<typeof functions.isValid>

export type LicenseCountParams = FunctionArguments<typeof functions.licenseCount>
export type LicenseCountReturn = FunctionReturn<typeof functions.licenseCount>

export type LicenseInfoParams = FunctionArguments<typeof functions.licenseInfo>
export type LicenseInfoReturn = FunctionReturn<typeof functions.licenseInfo>

export type NameParams = FunctionArguments<typeof functions.name>
export type NameReturn = FunctionReturn<typeof functions.name>

export type OwnerOfParams = FunctionArguments<typeof functions.ownerOf>
export type OwnerOfReturn = FunctionReturn<typeof functions.ownerOf>

export type PurchaseParams = FunctionArguments<typeof functions.purchase>
export type PurchaseReturn = FunctionReturn<typeof functions.purchase>

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

export type TermsParams = FunctionArguments<typeof functions.terms>
export type TermsReturn = FunctionReturn<typeof functions.terms>

export type TermsCountParams = FunctionArguments<typeof functions.termsCount>
export type TermsCountReturn = FunctionReturn<typeof functions.termsCount>

export type TokenParams = FunctionArguments<typeof functions.token>
export type TokenReturn = FunctionReturn<typeof functions.token>

export type TokenURIParams = FunctionArguments<typeof functions.tokenURI>
export type TokenURIReturn = FunctionReturn<typeof functions.tokenURI>

export type TransferFromParams = FunctionArguments<typeof functions.transferFrom>
export type TransferFromReturn = FunctionReturn<typeof functions.transferFrom>

export type VaultParams = FunctionArguments<typeof functions.vault>
export type VaultReturn = FunctionReturn<typeof functions.vault>


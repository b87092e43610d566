/**
 * Calldata encoding for the protocol contracts, with every `string` parameter encoded as `bytes`
 * (identical ABI layout, same selector) so that the simulator can send arbitrary bytes.
 */
import {
    concatHex,
    decodeErrorResult,
    encodeAbiParameters,
    toFunctionSelector,
    type AbiFunction,
    type AbiParameter,
    type Address,
    type Hex,
} from 'viem'
import {MANIFEST_CONTRACTS, type DeploymentManifest, type ManifestContract} from '../src/config/manifest'
import {loadArtifacts} from '../devnet/compile'

export type ContractName = ManifestContract

interface Encoder {
    selector: Hex
    params: AbiParameter[]
}

function bytesForStrings(p: AbiParameter): AbiParameter {
    if (p.type === 'string') return {...p, type: 'bytes'}
    if (p.type === 'string[]') return {...p, type: 'bytes[]'}
    if ('components' in p && p.components) return {...p, components: p.components.map(bytesForStrings)} as AbiParameter
    return p
}

let abisCache: Record<ContractName, any[]> | undefined

export function protocolAbis(): Record<ContractName, any[]> {
    if (!abisCache) {
        const artifacts = loadArtifacts()
        abisCache = Object.fromEntries(MANIFEST_CONTRACTS.map((n) => [n, artifacts[n].abi])) as Record<ContractName, any[]>
    }
    return abisCache
}

export class Contracts {
    readonly address: Record<ContractName, Address>
    private readonly encoders = new Map<string, Encoder>()
    private readonly abis = protocolAbis()

    constructor(readonly manifest: DeploymentManifest) {
        this.address = {...manifest.contracts}
    }

    /** Calldata of `fn(args)` on contract `name`; string arguments must be given as 0x-hex bytes. */
    encode(name: ContractName, fn: string, args: readonly unknown[]): Hex {
        const key = `${name}.${fn}`
        let enc = this.encoders.get(key)
        if (!enc) {
            const items = this.abis[name].filter((x: any) => x.type === 'function' && x.name === fn) as AbiFunction[]
            if (items.length !== 1) throw new Error(`${key}: expected one ABI function, found ${items.length}`)
            enc = {selector: toFunctionSelector(items[0]), params: items[0].inputs.map(bytesForStrings)}
            this.encoders.set(key, enc)
        }
        return concatHex([enc.selector, encodeAbiParameters(enc.params, args as unknown[])])
    }

    /** Human-readable custom error from revert data, trying every protocol ABI. */
    describeRevert(data: Hex | undefined): string {
        if (!data || data === '0x') return 'reverted without data'
        for (const name of MANIFEST_CONTRACTS) {
            try {
                const r = decodeErrorResult({abi: this.abis[name], data})
                return `${r.errorName}(${(r.args ?? []).map(String).join(', ')})`
            } catch {
                // not this contract's error
            }
        }
        return `revert data ${data.slice(0, 138)}`
    }
}

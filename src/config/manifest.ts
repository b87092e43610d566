import fs from 'fs'

/** The contracts of a Sahara protocol deployment, by SPEC name. */
export const MANIFEST_CONTRACTS = [
    'SaharaToken',
    'AssetRegistry',
    'ContributionReceipts',
    'LicenseRegistry',
    'InvocationRouter',
    'RevenueVault',
    'Treasury',
    'DualTrackGovernor',
] as const
export type ManifestContract = (typeof MANIFEST_CONTRACTS)[number]

/** Deployment manifest (SPEC "Deployment manifest"): everything reads addresses from here. */
export interface DeploymentManifest {
    chainId: number
    rpcUrl: string
    /** First block that can hold a protocol event (the token's deployment block). */
    startBlock: number
    contracts: Record<ManifestContract, `0x${string}`>
    /** Devnet only: the deployer and initial council (informational). */
    deployer?: `0x${string}`
    council?: `0x${string}`[]
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/

/** Validates an untrusted manifest object; throws an error that says what to fix. */
export function parseManifest(value: unknown, source = 'manifest'): DeploymentManifest {
    const problems: string[] = []
    const m = value as any
    if (m == null || typeof m !== 'object') throw new Error(`${source}: expected a JSON object`)
    if (!Number.isSafeInteger(m.chainId) || m.chainId <= 0) problems.push('chainId must be a positive integer')
    if (typeof m.rpcUrl !== 'string') problems.push('rpcUrl must be a string')
    if (!Number.isSafeInteger(m.startBlock) || m.startBlock < 0) problems.push('startBlock must be a block number >= 0')
    if (m.contracts == null || typeof m.contracts !== 'object') {
        problems.push(`contracts must map ${MANIFEST_CONTRACTS.join(', ')} to addresses`)
    } else {
        for (const name of MANIFEST_CONTRACTS) {
            if (typeof m.contracts[name] !== 'string' || !ADDRESS.test(m.contracts[name])) {
                problems.push(`contracts.${name} must be a 0x-prefixed 20-byte address`)
            }
        }
    }
    if (problems.length > 0) throw new Error(`${source} is invalid:\n  - ${problems.join('\n  - ')}`)
    const contracts = {} as DeploymentManifest['contracts']
    for (const name of MANIFEST_CONTRACTS) contracts[name] = m.contracts[name].toLowerCase()
    return {...m, contracts}
}

export function readManifest(file: string): DeploymentManifest {
    if (!fs.existsSync(file)) {
        throw new Error(`deployment manifest not found: ${file} (run \`npm run devnet\` or set MANIFEST to a deployment's file)`)
    }
    let json: unknown
    try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch (e: any) {
        throw new Error(`deployment manifest ${file} is not valid JSON: ${e.message}`)
    }
    return parseManifest(json, file)
}

export function writeManifest(file: string, m: DeploymentManifest): void {
    fs.mkdirSync(require('path').dirname(file), {recursive: true})
    fs.writeFileSync(file, JSON.stringify(m, null, 2) + '\n')
}

import fs from 'fs'
import path from 'path'

/**
 * solc, loaded on first compile only: on load its Emscripten runtime installs process-wide
 * handlers (`unhandledRejection` rethrows, so any later rejection became a crash with a stack
 * trace in whichever CLI had imported this file). Loading it lazily keeps those CLIs clean, and the
 * handlers it adds are removed again: the process's own error handling stays in charge.
 */
let solcModule: any
function solc(): any {
    if (solcModule) return solcModule
    const events = ['uncaughtException', 'unhandledRejection'] as const
    const before = new Map(events.map((e) => [e, new Set(process.listeners(e as any))]))
    // solc ships no types; its API is small and stable.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    solcModule = require('solc')
    for (const e of events) for (const l of process.listeners(e as any)) if (!before.get(e)!.has(l)) process.removeListener(e, l as any)
    return solcModule
}

export const ROOT = path.resolve(__dirname, '..')
export const CONTRACTS_DIR = path.join(ROOT, 'contracts')
export const ARTIFACTS_FILE = path.join(CONTRACTS_DIR, 'build', 'artifacts.json')
export const ABI_DIR = path.join(ROOT, 'abi')

/** The deployable contracts of the protocol, in deployment order. */
export const CONTRACT_NAMES = [
    'SaharaToken',
    'AssetRegistry',
    'ContributionReceipts',
    'LicenseRegistry',
    'InvocationRouter',
    'RevenueVault',
    'Treasury',
    'DualTrackGovernor',
] as const
export type ContractName = (typeof CONTRACT_NAMES)[number]

export interface Artifact {
    abi: any[]
    bytecode: `0x${string}`
}
export type Artifacts = Record<ContractName, Artifact>

function findImport(importPath: string): {contents: string} | {error: string} {
    for (const base of [CONTRACTS_DIR, path.join(ROOT, 'node_modules')]) {
        const file = path.join(base, importPath)
        if (fs.existsSync(file)) return {contents: fs.readFileSync(file, 'utf8')}
    }
    return {error: `import not found: ${importPath}`}
}

export function compileContracts(): Artifacts {
    const sources: Record<string, {content: string}> = {}
    for (const f of fs.readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.sol')).sort()) {
        sources[f] = {content: fs.readFileSync(path.join(CONTRACTS_DIR, f), 'utf8')}
    }
    const input = {
        language: 'Solidity',
        sources,
        settings: {
            optimizer: {enabled: true, runs: 200},
            evmVersion: 'cancun',
            outputSelection: {'*': {'*': ['abi', 'evm.bytecode.object']}},
        },
    }
    const output = JSON.parse(solc().compile(JSON.stringify(input), {import: findImport}))
    const errors = (output.errors ?? []).filter((e: any) => e.severity === 'error')
    if (errors.length > 0) {
        throw new Error('solc failed:\n' + errors.map((e: any) => e.formattedMessage).join('\n'))
    }
    const result = {} as Artifacts
    for (const name of CONTRACT_NAMES) {
        const c = output.contracts[`${name}.sol`]?.[name]
        if (!c) throw new Error(`solc produced no output for ${name}`)
        result[name] = {abi: c.abi, bytecode: `0x${c.evm.bytecode.object}`}
    }
    return result
}

/** Writes ABIs and artifacts; returns the files whose content changed (written unless `check`). */
export function writeArtifacts(artifacts: Artifacts, opts: {check?: boolean} = {}): string[] {
    const files: [string, string][] = [[ARTIFACTS_FILE, JSON.stringify(artifacts, null, 1) + '\n']]
    for (const name of CONTRACT_NAMES) {
        files.push([path.join(ABI_DIR, `${name}.json`), JSON.stringify(artifacts[name].abi, null, 2) + '\n'])
    }
    const changed: string[] = []
    for (const [file, content] of files) {
        const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined
        if (old === content) continue
        changed.push(path.relative(ROOT, file))
        if (!opts.check) {
            fs.mkdirSync(path.dirname(file), {recursive: true})
            fs.writeFileSync(file, content)
        }
    }
    return changed
}

export function loadArtifacts(): Artifacts {
    if (!fs.existsSync(ARTIFACTS_FILE)) {
        const a = compileContracts()
        writeArtifacts(a)
        return a
    }
    return JSON.parse(fs.readFileSync(ARTIFACTS_FILE, 'utf8'))
}

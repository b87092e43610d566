import fs from 'fs'
import path from 'path'
import {startDevnet, stateManifestFile, Devnet} from '../devnet/devnet'
import {simulate, ScaleName} from '../simulator'
import {dumpState} from '../simulator/state'

/**
 * A devnet holding the simulated chain of `scale` and `seed`: loaded from the saved anvil state
 * in .data/chains/ when present, otherwise simulated once and saved for the next run.
 */
export async function benchChain(scale: ScaleName, seed: number, log: (m: string) => void): Promise<Devnet> {
    const file = path.resolve('.data/chains', `${scale}-seed${seed}.json`)
    if (fs.existsSync(file) && fs.existsSync(stateManifestFile(file))) {
        log(`loading the saved ${scale} chain ${file}`)
        return startDevnet({loadState: file})
    }
    log(`no saved ${scale} chain: simulating it once (saved to ${file})`)
    const devnet = await startDevnet({})
    try {
        const started = Date.now()
        const res = await simulate({rpcUrl: devnet.anvil.rpcUrl, manifest: devnet.manifest, seed, scale, log})
        log(`simulated ${res.totalEvents} events in ${((Date.now() - started) / 1000).toFixed(1)} s`)
        fs.mkdirSync(path.dirname(file), {recursive: true})
        await dumpState(devnet.anvil.rpcUrl, file)
        fs.writeFileSync(stateManifestFile(file), JSON.stringify(devnet.manifest, null, 2))
        return devnet
    } catch (e) {
        await devnet.stop()
        throw e
    }
}

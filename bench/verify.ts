/**
 * `npm run bench:verify -- [--scale small|medium]`: what `npm run verify` costs on a saved
 * simulated chain indexed to its head and served by the real API: `--all` (every row) and a
 * sample of 1 000 values, each with values checked, mismatches, seconds, eth_calls and RPC
 * requests. A mismatch exits 1 (the index and the chain disagree).
 */
import {performance} from 'perf_hooks'
import {verify} from '../src/verify/run'
import {indexedDatabase, log, requireBuilt, scaleAndCount, startBenchApi, withCleanup} from './indexed-api'

const USAGE = 'usage: npm run bench:verify -- [--scale small|medium|large] [--sample N]'

async function main(): Promise<number> {
    const args = scaleAndCount('bench:verify', USAGE, {name: 'sample', default: 1000, min: 1})
    if (typeof args === 'number') return args
    const {scale, count: sample} = args
    requireBuilt()
    return withCleanup(async (cleanup) => {
        const db = await indexedDatabase(scale, 'bench_verify', cleanup)
        const api = await startBenchApi(db.url, `sahara_api_bench_verify_${process.pid}`, {API_RATE_LIMIT: '0'}, cleanup)
        const rows: string[][] = []
        let bad = 0
        for (const [mode, all] of [['--all', true], [`--sample ${sample}`, false]] as const) {
            log(`verify ${mode}...`)
            const t0 = performance.now()
            let last = 0
            const r = await verify({
                apiUrl: `${api.url}/graphql`,
                rpcUrl: db.rpcUrl,
                manifest: db.manifest,
                sample,
                seed: 1,
                all,
                onProgress: (done, total) => {
                    if (performance.now() - last > 5000) {
                        last = performance.now()
                        log(`  ${done}/${total} values`)
                    }
                },
            })
            const s = (performance.now() - t0) / 1000
            bad += r.mismatches.length
            rows.push([mode, String(r.checked), String(r.mismatches.length), s.toFixed(1), String(Math.round(r.checked / s)), String(r.calls), String(r.rpcRequests)])
        }
        const header = ['run', 'values', 'mismatches', 'seconds', 'values/s', 'eth_calls', 'RPC requests']
        console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`)
        return bad > 0 ? 1 : 0
    })
}

main().then(
    (code) => process.exit(code),
    (e) => {
        console.error(`bench:verify: ${e instanceof Error ? e.stack : e}`)
        process.exit(1)
    },
)

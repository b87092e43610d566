import {loadProcessorConfig} from './config/env'
import {processBatch} from './mapping/batch'
import {EventDecoder} from './mapping/decode'
import {squidMetrics} from './metrics'
import {buildProcessor} from './processor'
import {installRpcRetryPolicy} from './rpc/retry-policy'
import {ResilientDatabase} from './store/database'
import {exitAtHead, headAtStart} from './store/exit-at-head'
import {deepReorgCheck} from './store/fork-check'
import {mismatchLine, verifyClient} from './verify/run'
import {selfCheck} from './verify/self-check'
import type {ProcessorContext} from './processor'
import type {Store} from '@subsquid/typeorm-store'

async function main() {
    const cfg = loadProcessorConfig()
    installRpcRetryPolicy()
    const processor = buildProcessor(cfg)
    const decoder = new EventDecoder(cfg.manifest)
    const onCommitted = cfg.exitAtHead ? exitAtHead(await headAtStart(cfg.rpcUrl)) : undefined
    const db = new ResilientDatabase({
        supportHotBlocks: true,
        stateSchema: 'squid_processor',
        onCommitted,
        reindex: cfg.reindex,
        checkFinalizedHead: deepReorgCheck({rpcUrl: cfg.rpcUrl, finalityConfirmation: cfg.finalityConfirmation, startBlock: cfg.fromBlock}),
    })
    const metrics = squidMetrics(processor)
    const check = cfg.verifySample > 0 ? batchSelfCheck(cfg, metrics) : undefined
    processor.run(db, async (ctx) => {
        const stats = await processBatch(ctx, cfg.manifest, decoder, {bulkWrites: cfg.bulkWrites, startBlock: cfg.fromBlock})
        for (const [kind, n] of Object.entries(stats.skippedByKind)) metrics.skippedLogs.inc({kind}, n)
        await check?.(ctx)
    })
}

/**
 * VERIFY_SAMPLE_PER_BATCH: after each batch, inside its transaction (so at exactly its state),
 * checks sampled figures against the chain at the batch's last block (src/verify/self-check.ts).
 * Mismatches are logged with the detail of `npm run verify` and counted; failing to check is a warning.
 */
function batchSelfCheck(cfg: ReturnType<typeof loadProcessorConfig>, metrics: ReturnType<typeof squidMetrics>) {
    const client = verifyClient(cfg.rpcUrl)
    const contracts = Object.fromEntries(Object.entries(cfg.manifest.contracts).map(([k, v]) => [k, v.toLowerCase()])) as typeof cfg.manifest.contracts
    return async (ctx: ProcessorContext<Store>) => {
        const head = ctx.blocks[ctx.blocks.length - 1]?.header
        if (head == null) return
        const em = (ctx.store as any).em?.()
        if (em == null) throw new Error('@subsquid/typeorm-store changed: Store has no em(); update batchSelfCheck in src/main.ts')
        try {
            const r = await selfCheck({query: (sql, params) => em.query(sql, params), client, rpcUrl: cfg.rpcUrl, contracts, height: head.height, hash: head.hash, sample: cfg.verifySample})
            if (r.skipped) return void ctx.log.info(`self-check skipped at block ${head.height}: ${r.skipped}`)
            metrics.verifyChecked.inc(r.checked)
            metrics.verifyMismatches.inc(r.mismatches.length)
            for (const m of r.mismatches) ctx.log.error(`self-check ${mismatchLine(m)}`)
            ctx.log.debug(`self-check: ${r.checked} figures at block ${head.height}, ${r.mismatches.length} mismatches`)
        } catch (e) {
            ctx.log.warn(`self-check at block ${head.height} could not run: ${e instanceof Error ? e.message : e}`)
        }
    }
}

/** Exit code when the processor cannot start (configuration, manifest, head probe): a restart cannot help. */
export const EXIT_CANNOT_START = 2

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(EXIT_CANNOT_START)
})

/**
 * The squid's own processor metrics, served beside Subsquid's `sqd_processor_*` on the processor's
 * Prometheus port (PROCESSOR_PROMETHEUS_PORT): they are registered in the processor's registry.
 */
import client from 'prom-client'

export interface SquidMetrics {
    skippedLogs: client.Counter<'kind'>
    /** The self-check (VERIFY_SAMPLE_PER_BATCH): figures compared with the chain, and those that differed. */
    verifyChecked: client.Counter
    verifyMismatches: client.Counter
}

/** Registers the metrics in the registry of `processor` (an EvmBatchProcessor). */
export function squidMetrics(processor: unknown): SquidMetrics {
    const server = (processor as any).getPrometheusServer?.()
    const registry: client.Registry | undefined = server?.registry
    if (registry == null) throw new Error('@subsquid/evm-processor changed: no Prometheus registry to add the squid metrics to; update src/metrics.ts')
    return {
        skippedLogs: new client.Counter({
            name: 'sahara_skipped_logs_total',
            help: 'Protocol logs not applied (stored in the SkippedLog table), by event kind (unknown: undecodable)',
            labelNames: ['kind'],
            registers: [registry],
        }),
        verifyChecked: new client.Counter({name: 'sahara_verify_checked_total', help: 'Served figures the self-check (VERIFY_SAMPLE_PER_BATCH) compared with the chain', registers: [registry]}),
        verifyMismatches: new client.Counter({name: 'sahara_verify_mismatches_total', help: 'Served figures the self-check found different from the chain (each is logged)', registers: [registry]}),
    }
}

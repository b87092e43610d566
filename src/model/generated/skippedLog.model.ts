import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * A protocol log the indexer did not apply, kept so that nothing is dropped silently: malformed data,
 * values outside the SPEC's ranges (e.g. an unknown enum value), or a treasury event without its token
 * transfer. Skipped before any state changed (validation runs before a handler mutates anything), and
 * counted in the processor metric `sahara_skipped_logs_total`.
 */
@Entity_()
export class SkippedLog {
    constructor(props?: Partial<SkippedLog>) {
        Object.assign(this, props)
    }

    /**
     * Log id (sorts in chain order).
     */
    @PrimaryColumn_()
    id!: string

    /**
     * Contract that emitted the log (lowercase address).
     */
    @Index_()
    @StringColumn_({nullable: false})
    address!: string

    /**
     * Event kind when the log was recognised (e.g. `AssetRegistered`), null when it could not be decoded.
     */
    @StringColumn_({nullable: true})
    kind!: string | undefined | null

    /**
     * Why it was skipped, in words.
     */
    @StringColumn_({nullable: false})
    reason!: string

    /**
     * Block number of the log.
     */
    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    /**
     * Block time of the log (UTC).
     */
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * Hash of the transaction that emitted the log.
     */
    @StringColumn_({nullable: false})
    txHash!: string
}

import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {AssetKind} from "./_assetKind"

/**
 * An account's invocations of assets of one kind on one UTC day (one row per active caller, kind and day).
 */
@Entity_()
export class CallerDayData {
    constructor(props?: Partial<CallerDayData>) {
        Object.assign(this, props)
    }

    /**
     * `<caller>-<kind>-<dayIndex>`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The invoking account.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    caller!: Account

    /**
     * Kind of the invoked assets.
     */
    @Index_()
    @Column_("varchar", {length: 8, nullable: false})
    kind!: AssetKind

    /**
     * Start of the UTC day (00:00).
     */
    @Index_()
    @DateTimeColumn_({nullable: false})
    date!: Date

    /**
     * Invocations that day.
     */
    @IntColumn_({nullable: false})
    invocations!: number

    /**
     * Invocation fees paid that day (wei).
     */
    @BigIntColumn_({nullable: false})
    fees!: bigint
}

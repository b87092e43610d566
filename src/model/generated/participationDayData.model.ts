import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"
import {ParticipationRole} from "./_participationRole"

/**
 * One account's activity in one role on one UTC day (kept by the processor, O(1) per event). A row
 * exists when the account acted in the role that day (`actions` > 0, see ParticipationRole for what
 * counts), or when it only earned in it (an owner credited an owner part without acting: `actions` =
 * 0). Active in an interval = at least one row with `actions` > 0 in it; the participation resolvers
 * count that way. Earnings: OWNER = owner parts credited (RevenueDistributed.toOwner); CONTRIBUTOR =
 * receipt claims (ReceiptClaimed.amount), i.e. realised earnings: accrual per receipt is a fan-out
 * over every receipt of an asset at each payment (not O(1)), so contributor earnings are counted when
 * claimed; every other role earns nothing (0).
 */
@Index_(["role", "date"], {unique: false})
@Entity_()
export class ParticipationDayData {
    constructor(props?: Partial<ParticipationDayData>) {
        Object.assign(this, props)
    }

    /**
     * `<account>-<role>-<dayIndex>`.
     */
    @PrimaryColumn_()
    id!: string

    /**
     * The account.
     */
    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    account!: Account

    /**
     * The role it acted or earned in.
     */
    @Column_("varchar", {length: 11, nullable: false})
    role!: ParticipationRole

    /**
     * Start of the UTC day (00:00).
     */
    @Index_()
    @DateTimeColumn_({nullable: false})
    date!: Date

    /**
     * UTC day index: floor(unix seconds / 86 400).
     */
    @IntColumn_({nullable: false})
    day!: number

    /**
     * Events in which the account acted in the role that day (0: it only earned).
     */
    @IntColumn_({nullable: false})
    actions!: number

    /**
     * What it earned in the role that day (wei): owner parts for OWNER, claims for CONTRIBUTOR, else 0.
     */
    @BigIntColumn_({nullable: false})
    earnings!: bigint

    /**
     * Block of the last event counted in the row (the row is final once its day has ended).
     */
    @IntColumn_({nullable: false})
    lastBlock!: number
}

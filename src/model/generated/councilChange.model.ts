import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BooleanColumn as BooleanColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_, StringColumn as StringColumn_} from "@subsquid/typeorm-store"
import {Account} from "./account.model"

/**
 * Council membership change (CouncilMemberAdded / CouncilMemberRemoved).
 */
@Entity_()
export class CouncilChange {
    constructor(props?: Partial<CouncilChange>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Account, {nullable: true})
    member!: Account

    @BooleanColumn_({nullable: false})
    added!: boolean

    /**
     * Council size after the change.
     */
    @IntColumn_({nullable: false})
    councilSize!: number

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    @StringColumn_({nullable: false})
    txHash!: string
}

export enum TreasuryFlowKind {
    FEE = "FEE",
    DEPOSIT = "DEPOSIT",
    TRANSFER_IN = "TRANSFER_IN",
    DISBURSEMENT = "DISBURSEMENT",
    TRANSFER_OUT = "TRANSFER_OUT",
}

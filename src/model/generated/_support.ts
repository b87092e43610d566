export enum Support {
    NO = "NO",
    YES = "YES",
    ABSTAIN = "ABSTAIN",
    VETO = "VETO",
}

export enum Track {
    COUNCIL = "COUNCIL",
    DAO = "DAO",
}

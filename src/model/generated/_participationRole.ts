export enum ParticipationRole {
    CONTRIBUTOR = "CONTRIBUTOR",
    OWNER = "OWNER",
    LICENSEE = "LICENSEE",
    CALLER = "CALLER",
    VOTER = "VOTER",
    DELEGATE = "DELEGATE",
    COUNCIL = "COUNCIL",
}

/** What the processor's exit codes mean to a supervisor: these are not worth a restart. */
export const PROCESSOR_FATAL = new Map<number, string>([
    [2, 'it cannot start: its configuration, manifest or chain is wrong (see the message above); fix it and start again'],
    [3, 'the chain reorganized deeper than FINALITY_CONFIRMATION (see the message above); recover with `npm run process -- --reindex`'],
])

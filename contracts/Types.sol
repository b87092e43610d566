// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Shared enums of the Sahara asset protocol (SPEC "Enums"). Values are uint8 on the wire.
library Types {
    uint8 internal constant KIND_COUNT = 4; // DATASET, MODEL, AGENT, PIPELINE
    uint8 internal constant STATUS_ACTIVE = 0;
    uint8 internal constant STATUS_PAUSED = 1;
    uint8 internal constant STATUS_RETIRED = 2;
    uint8 internal constant STATUS_COUNT = 3;
    uint8 internal constant RELATION_COUNT = 5; // TRAINED_ON .. EVALUATED_ON
    uint8 internal constant CONTRIBUTION_TYPE_COUNT = 6; // DATA .. CODE
    uint8 internal constant LICENSE_OPEN_USE = 0;
    uint8 internal constant LICENSE_TYPE_COUNT = 3;
    uint8 internal constant SOURCE_LICENSE = 0;
    uint8 internal constant SOURCE_INVOCATION = 1;
    uint8 internal constant TRACK_COUNCIL = 0;
    uint8 internal constant TRACK_DAO = 1;
    uint8 internal constant SUPPORT_NO = 0;
    uint8 internal constant SUPPORT_YES = 1;
    uint8 internal constant SUPPORT_ABSTAIN = 2;
    uint8 internal constant SUPPORT_VETO = 3;
    uint8 internal constant STATE_PENDING = 0;
    uint8 internal constant STATE_ACTIVE = 1;
    uint8 internal constant STATE_CANCELED = 2;
    uint8 internal constant STATE_DEFEATED = 3;
    uint8 internal constant STATE_VETOED = 4;
    uint8 internal constant STATE_SUCCEEDED = 5;
    uint8 internal constant STATE_EXECUTED = 6;
    uint8 internal constant SPEND_CATEGORY_COUNT = 5; // GRANT .. OTHER
    uint16 internal constant BPS = 10_000;
}

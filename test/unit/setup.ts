// fabric-contract-api logs every transaction it registers and runs; unit tests
// run thousands, so keep only critical messages.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';

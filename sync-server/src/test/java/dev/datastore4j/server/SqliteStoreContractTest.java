package dev.datastore4j.server;

class SqliteStoreContractTest extends StoreContractTest {
    @Override
    RecordStore open() {
        return new SqliteRecordStore(temp.resolve("contract.db"));
    }
}

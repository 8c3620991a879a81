package dev.datastore4j.server;

class PostgresStoreContractTest extends StoreContractTest {
    @Override
    RecordStore open() {
        return new PostgresRecordStore(PostgresFixture.newDatabase(), (model, kind, record) -> { });
    }
}

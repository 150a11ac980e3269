package io.palimpsest.storage;

/** The same storage engine behaviour with every read and append of commits sent to the server, as on a real MongoDB. */
class MongoEventStorageEngineOverTheWireTest extends MongoEventStorageEngineTest {

    MongoEventStorageEngineOverTheWireTest() {
        inProcess = false;
    }
}

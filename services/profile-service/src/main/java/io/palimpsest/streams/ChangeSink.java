package io.palimpsest.streams;

import java.io.IOException;

/** Where a {@link ChangeStream} sends: an SSE connection, or a test's recorder. Called from one thread only. */
interface ChangeSink {

    void change(Change change) throws IOException;

    /** Nothing to send for a while: proves the connection is alive. */
    void heartbeat() throws IOException;

    /** The consumer fell too far behind; {@code resumeAfter} is its last change's cursor. The last call. */
    void cutOff(Cursor resumeAfter) throws IOException;

    /** The time range is over: nothing more can match. The last call. */
    void end(Cursor resumeAfter) throws IOException;

    /** This node is stopping: the consumer should reconnect, here later or to another node. The last call. */
    void stop();

    /** False once the consumer has gone. */
    boolean isOpen();
}

package io.palimpsest.editing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read waiting for its read model is known while it waits, and only then: the read models' processors end their
 * linger for it (storage.WholeCommitBatches.Linger).
 */
class AcknowledgedEditsTest {

    @Test
    void aReadIsSaidToWaitWhileItWaitsForItsRevisionAndNoLonger() throws Exception {
        AcknowledgedEdits edits = new AcknowledgedEdits(Duration.ofSeconds(30));
        AtomicLong projected = new AtomicLong();
        assertThat(edits.someoneWaits()).isFalse();

        CompletableFuture<Long> read = CompletableFuture.supplyAsync(() -> edits.await(
                AcknowledgedEdits.ReadModel.CURRENT_PROFILES, "p", 2, 0, projected::get));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!edits.someoneWaits() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(edits.someoneWaits()).as("while the model holds revision 0 of 2").isTrue();

        projected.set(2);
        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(edits.someoneWaits()).isFalse();
    }

    @Test
    void aReadTheModelAlreadyAnswersNeverWaits() {
        AcknowledgedEdits edits = new AcknowledgedEdits(Duration.ofSeconds(30));

        assertThat(edits.await(AcknowledgedEdits.ReadModel.HISTORY, "p", 1, 1, () -> {
            throw new AssertionError("not read again");
        })).isEqualTo(1);
        assertThat(edits.someoneWaits()).isFalse();
    }
}

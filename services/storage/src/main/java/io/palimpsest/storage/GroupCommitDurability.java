package io.palimpsest.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit. Making writes durable costs a disk sync, and syncing per write would serialise all writers on the
 * disk. Instead each caller counts its (already applied) write, and one leader makes durable every write counted
 * before it started. Callers whose write a finished round already covers return without touching the disk.
 * <p>
 * Callers that arrive during a round wait for its end and are all woken together: those it covered return, and one
 * of the others leads the next round at once. Queued on a lock instead, they were woken one after the other, each
 * only to find its write covered, and the next round waited until every one of them had passed (flat out, the sync
 * and that queue were a sixth of the request threads' time).
 */
final class GroupCommitDurability implements Durability, GroupCommitStats {

    private final Runnable makeDurable;
    private final AtomicLong writes = new AtomicLong();
    private final Object rounds = new Object();
    /** Whether a round (or an exclusive action) is under way; guarded by {@link #rounds}. */
    private boolean busy;
    private volatile long durableWrites;
    /** Written by a round's leader only, like {@link #durableWrites}. */
    private volatile long committedRounds;
    private volatile long committingNanos;

    /** {@code makeDurable}: makes every write applied before it was called survive a crash. */
    GroupCommitDurability(Runnable makeDurable) {
        this.makeDurable = makeDurable;
    }

    @Override
    public void awaitDurable() {
        long mine = writes.incrementAndGet();
        if (durableWrites >= mine || !awaitTurn(mine)) {
            return;
        }
        try {
            // Every write counted so far completed before its count, hence before this round starts.
            long covered = writes.get();
            long started = System.nanoTime();
            makeDurable.run();
            committingNanos += System.nanoTime() - started;
            committedRounds++;
            durableWrites = covered;
        } finally {
            endRound();
        }
    }

    @Override
    public long rounds() {
        return committedRounds;
    }

    @Override
    public long writesMadeDurable() {
        return durableWrites;
    }

    @Override
    public long roundNanos() {
        return committingNanos;
    }

    /** Runs {@code action} while no round is under way. */
    void exclusively(Runnable action) {
        // No write of its own that a round could cover: it only waits for its turn.
        awaitTurn(Long.MAX_VALUE);
        try {
            action.run();
        } finally {
            endRound();
        }
    }

    /** Waits until write {@code mine} is durable (false) or no round is under way and this caller starts one (true). */
    private boolean awaitTurn(long mine) {
        boolean interrupted = false;
        try {
            synchronized (rounds) {
                while (true) {
                    if (durableWrites >= mine) {
                        return false;
                    }
                    if (!busy) {
                        busy = true;
                        return true;
                    }
                    try {
                        rounds.wait();
                    } catch (InterruptedException e) {
                        // The caller's write is applied; it must not be acknowledged before it is durable.
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void endRound() {
        synchronized (rounds) {
            busy = false;
            rounds.notifyAll();
        }
    }
}

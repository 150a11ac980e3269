package io.palimpsest.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit. Making writes durable costs a disk sync, and syncing per write would serialise all writers on the
 * disk. Instead each caller counts its (already applied) write, and one leader makes durable every write counted
 * before it started. Callers whose write a finished round already covers return without touching the disk.
 */
final class GroupCommitDurability implements Durability {

    private final Runnable makeDurable;
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantLock leader = new ReentrantLock();
    private volatile long durableWrites;

    /** {@code makeDurable}: makes every write applied before it was called survive a crash. */
    GroupCommitDurability(Runnable makeDurable) {
        this.makeDurable = makeDurable;
    }

    @Override
    public void awaitDurable() {
        long mine = writes.incrementAndGet();
        if (durableWrites >= mine) {
            return;
        }
        leader.lock();
        try {
            if (durableWrites >= mine) {
                return;
            }
            // Every write counted so far completed before its count, hence before this round starts.
            long covered = writes.get();
            makeDurable.run();
            durableWrites = covered;
        } finally {
            leader.unlock();
        }
    }

    /** Runs {@code action} while no round is under way. */
    void exclusively(Runnable action) {
        leader.lock();
        try {
            action.run();
        } finally {
            leader.unlock();
        }
    }
}

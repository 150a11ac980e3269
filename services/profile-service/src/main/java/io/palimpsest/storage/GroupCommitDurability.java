package io.palimpsest.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;

/**
 * Group commit on an H2 MVStore. The store commits on its own only about once a second, so an acknowledged
 * write could be lost on a crash; committing per write would serialise all writers on the disk. Instead each
 * caller counts its (already applied) write, and one leader commits and syncs on behalf of every write counted
 * before it started. Callers whose write a finished commit already covers return without touching the disk.
 */
final class GroupCommitDurability implements Durability {

    private final MVStore store;
    private final AtomicLong writes = new AtomicLong();
    private final ReentrantLock leader = new ReentrantLock();
    private volatile long durableWrites;

    GroupCommitDurability(MVStore store) {
        this.store = store;
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
            // Every write counted so far completed before its count, hence before this commit starts.
            long covered = writes.get();
            store.commit();
            // commit() only hands the chunk to the OS; sync so the write also survives a power loss.
            store.sync();
            durableWrites = covered;
        } finally {
            leader.unlock();
        }
    }
}

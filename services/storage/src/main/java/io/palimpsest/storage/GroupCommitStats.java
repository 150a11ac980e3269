package io.palimpsest.storage;

/** Totals of a group commit since the store opened, for its metrics: rounds, the writes they covered, their time. */
public interface GroupCommitStats {

    /** Rounds that made writes durable (one sync of the write-ahead log, or one MVStore commit, each). */
    long rounds();

    /** Writes the rounds made durable; divided by the rounds, the mean size of a group. */
    long writesMadeDurable();

    /** Time the rounds took making writes durable (the fsync), in nanoseconds. */
    long roundNanos();
}

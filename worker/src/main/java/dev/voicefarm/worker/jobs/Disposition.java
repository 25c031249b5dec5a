package dev.voicefarm.worker.jobs;

/** What becomes of a delivered job record once its handler returns. */
public enum Disposition {
    /** The job reached its outcome and its final event is on farm.events: acknowledge it (ACCEPT). */
    DONE,
    /** The attempt failed in a way another attempt may fix: hand the record back (RELEASE). */
    RETRY,
    /** The job can never succeed: drop the record from the queue (REJECT). */
    GIVE_UP
}
